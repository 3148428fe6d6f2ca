// A rep's month for the team-view e2e (issue 12), done in the real UI in English as a rep does
// it, and the figures read back from the screens: the rep's own report and the manager's team
// table. Nothing here writes to a database: every row is made by the app and travels by sync.
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { addClient, goTo } from './app';

const stepHeading = (page: Page, title: string) =>
  page.getByRole('heading', { level: 2, name: title });
const group = (page: Page, name: RegExp | string) => page.getByRole('group', { name });
const next = (page: Page) => page.getByRole('button', { name: 'Next step' }).click();

async function startVisit(page: Page, client: string, kind: 'Closing' | 'Post-sale visit') {
  await goTo(page, 'en', 'visits');
  // Exact: the clients page being left has «Search clients», which also contains «Client».
  await page.getByRole('searchbox', { name: 'Client', exact: true }).fill(client.slice(4, 10));
  await page.getByRole('button', { name: client, exact: true }).click();
  await page.getByRole('radio', { name: new RegExp(`^${kind}`) }).check();
  await page.getByRole('button', { name: 'Start visit' }).click();
  await page.getByRole('navigation', { name: 'Steps' }).waitFor();
}

async function finishVisit(page: Page) {
  await page.keyboard.press('Control+Enter');
  await stepHeading(page, 'Finish the visit').waitFor();
  await page.getByText('Everything required is filled in.').waitFor();
  await page.getByRole('button', { name: 'Finish visit' }).click();
  await stepHeading(page, 'Visit finished').waitFor();
}

export type ClosingOutcome =
  | { result: 'won'; promise: string; item: string; delivery: string }
  | { result: 'lost'; reason: 'Price' | 'Chose a competitor' };

/** A closing visit from the visit list: a signal, the three guards, the outcome, finished. */
export async function closingVisit(page: Page, client: string, outcome: ClosingOutcome) {
  await startVisit(page, client, 'Closing');
  await stepHeading(page, 'What the buyer says').waitFor();
  await page.getByRole('checkbox', { name: 'Asks about delivery dates' }).check();
  await next(page);
  await next(page);
  await next(page);
  await stepHeading(page, 'Avoid the classic mistakes').waitFor();
  for (const guard of [
    'I am not rushing the buyer',
    'Only the papers needed now',
    'I am not pressing the buyer',
  ])
    await page.getByRole('checkbox', { name: new RegExp(`^${guard}`) }).check();
  await next(page);
  await stepHeading(page, 'Outcome').waitFor();
  if (outcome.result === 'won') {
    await page.getByRole('radio', { name: 'Won', exact: true }).check();
    await page.getByRole('textbox', { name: /What you promised the buyer/ }).fill(outcome.promise);
    await page.getByLabel('Delivery date', { exact: true }).fill(outcome.delivery);
    await page.getByRole('textbox', { name: 'Product or service' }).fill(outcome.item);
    await page.getByRole('textbox', { name: 'Amount' }).fill('90 000');
  } else {
    await page.getByRole('radio', { name: 'Lost', exact: true }).check();
    await page.getByRole('radio', { name: outcome.reason, exact: true }).check();
  }
  await finishVisit(page);
  if (outcome.result === 'won')
    await page.getByRole('heading', { name: 'Purchase created' }).waitFor();
}

export interface PostSale {
  /** The promise recorded at the sale, and how reality compares with it. */
  promise?: { text: string; reality: 'Below' | 'Met' | 'Exceeded' };
  followThrough: 'As agreed' | 'Not needed';
  problem?: { what: string; owner: string; fixBy: string };
  satisfaction: number;
  recommend: number;
}

/** The post-sale visit's steps once it is open, through to finished. */
export async function postSaleSteps(page: Page, v: PostSale) {
  await stepHeading(page, 'Promise and reality').waitFor();
  if (v.promise)
    await group(page, v.promise.text)
      .getByRole('radio', { name: v.promise.reality, exact: true })
      .check();
  await next(page);
  await stepHeading(page, 'Follow-through').waitFor();
  for (const step of ['Delivery', 'Installation', 'Staff training', 'Payment'])
    await group(page, new RegExp(`^${step}`))
      .getByRole('radio', { name: v.followThrough, exact: true })
      .check();
  await next(page);
  await stepHeading(page, 'Problems').waitFor();
  if (v.problem) {
    await page.getByRole('checkbox', { name: /^Problems found/ }).check();
    await page.getByRole('textbox', { name: 'What is wrong' }).first().fill(v.problem.what);
    await page.getByRole('button', { name: /Add a problem/ }).click();
    const problem = group(page, 'Problem 1');
    await problem.getByRole('textbox', { name: 'What is wrong' }).fill(v.problem.what);
    await problem.getByRole('textbox', { name: 'Owner' }).fill(v.problem.owner);
    await problem.getByLabel('Fix by').fill(v.problem.fixBy);
  }
  await next(page);
  await stepHeading(page, 'Satisfaction and loyalty').waitFor();
  await page
    .getByRole('radiogroup', { name: /How satisfied the client is/ })
    .getByRole('radio', { name: String(v.satisfaction), exact: true })
    .check();
  await page
    .getByRole('radiogroup', { name: /Would they recommend us/ })
    .getByRole('radio', { name: String(v.recommend), exact: true })
    .check();
  await page
    .getByRole('radio', { name: v.satisfaction >= 4 ? 'Yes, certainly' : 'Unlikely' })
    .check();
  await next(page);
  await stepHeading(page, 'Referrals and cross-selling').waitFor();
  await page.getByRole('radio', { name: 'Asked, none for now' }).check();
  await finishVisit(page);
}

/** A post-sale visit started from the visit list: it checks the client's latest purchase. */
export async function postSaleVisit(page: Page, client: string, v: PostSale) {
  await startVisit(page, client, 'Post-sale visit');
  await postSaleSteps(page, v);
}

/**
 * On the agenda: the delivery check of `item` is marked delivered, and the post-sale visit the
 * program then plans is started from its own agenda line.
 */
export async function deliveredThenPostSale(page: Page, item: string, v: PostSale) {
  await goTo(page, 'en', 'agenda');
  const main = page.getByRole('main');
  const check = main.getByRole('listitem').filter({ hasText: `Check the delivery: ${item}` });
  await check.getByRole('button', { name: 'Delivered' }).click();
  const planned = main.getByRole('listitem').filter({ hasText: `Post-sale visit: ${item}` });
  await planned.getByRole('button', { name: 'Start post-sale visit' }).click();
  await postSaleSteps(page, v);
}

/** A new client in the book; done once the app has saved it and shows its card. */
export async function newClient(page: Page, name: string, contactPerson: string) {
  await addClient(page, 'en', { name, contactPerson });
  // The save routes to the card when it lands: a click elsewhere before that would be undone.
  await page.getByRole('article', { name }).waitFor();
}

export async function openCard(page: Page, client: string) {
  await goTo(page, 'en', 'clients');
  await page
    .getByRole('main')
    .getByRole('option', { name: new RegExp(client) })
    .first()
    .click();
  await page.getByRole('article', { name: client }).waitFor();
}

/** A purchase recorded on the client card (bought before this month: no milestone dates). */
export async function addPurchase(page: Page, client: string, date: string, item: string) {
  await openCard(page, client);
  const card = page.getByRole('article', { name: client });
  await card.getByRole('button', { name: 'Add purchase' }).click();
  const form = page.getByRole('form', { name: 'Purchase' });
  await form.getByLabel('Date of purchase').fill(date);
  await form.getByRole('textbox', { name: 'Item 1', exact: true }).fill(item);
  await form.getByRole('button', { name: 'Save purchase' }).click();
  await form.waitFor({ state: 'detached' });
}

/** A phone call about news logged from the client card. */
export async function logContact(page: Page, client: string, said: string) {
  await openCard(page, client);
  const card = page.getByRole('article', { name: client });
  await card.getByRole('button', { name: 'Log a contact' }).click();
  await card.getByRole('radio', { name: 'News, offers, new products' }).check();
  await card.getByRole('radio', { name: 'Phone', exact: true }).check();
  await card.getByRole('textbox', { name: /What was said/ }).fill(said);
  await card.getByRole('button', { name: 'Save contact' }).click();
  await card.getByText(said, { exact: true }).waitFor();
  await card.getByText(/^Marketing · phone$/).waitFor();
}

// ---- reading the figures back -------------------------------------------------------------

/** A figure as shown in either language: «3,5» and «3.5» are 3.5, «—» is no figure. */
export function figure(text: string): number | null {
  const t = text.replace(/[\s\u00a0\u202f]/g, '');
  if (t === '—' || t === '') return null;
  const n = Number(t.replace(',', '.'));
  if (!Number.isFinite(n)) throw new Error(`not a figure: «${text}»`);
  return n;
}

const numbersIn = (text: string) =>
  [...text.matchAll(/\d+(?:[.,]\d+)?/g)].map((m) => Number(m[0].replace(',', '.')));

/** What a report page (the rep's own, or a rep's opened from the team view) shows, in figures. */
export interface ReportFigures {
  actions: { done: number; due: number; onTime: number; late: number; overdue: number };
  visits: {
    total: number;
    closing: number;
    postSale: number;
    won: number;
    postponed: number;
    lost: number;
    done: number;
  };
  /** This month's line of the satisfaction table: visits, satisfaction, recommend, NPS. */
  satisfaction: (number | null)[] | null;
  promises: (number | null)[];
  problems: (number | null)[];
  referrals: number | null;
  contacts: number;
  /** Client ids (from the links) of the at-risk list, in its order. */
  atRisk: string[];
}

/** Waits for the report to be counted, then reads every block by its section id (any language). */
export async function readReport(page: Page): Promise<ReportFigures> {
  await page.locator('section[aria-labelledby="report-visits"]').waitFor();
  const text = (selector: string) => page.locator(selector).innerText();
  const cells = async (selector: string) =>
    (await page.locator(selector).allInnerTexts()).map(figure);
  const actionsBig = numbersIn(await text('section[aria-labelledby="report-actions"] .big-figure'));
  const parts = (await page.getByTestId('actions-parts').count())
    ? numbersIn(await page.getByTestId('actions-parts').innerText())
    : [0, 0, 0, 0, 0];
  const visits = await cells('section[aria-labelledby="report-visits"] table.figures td');
  const satRows = page.locator('section[aria-labelledby="report-satisfaction"] table tbody tr');
  const satisfaction = (await satRows.count())
    ? (await satRows.last().locator('td').allInnerTexts()).map(figure)
    : null;
  const referrals = figure(
    await page
      .locator('section[aria-labelledby="report-referrals"] table.figures td')
      .first()
      .innerText(),
  );
  const hrefs = await page
    .locator('section[aria-labelledby="report-at-risk"] li a')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  return {
    actions: {
      done: actionsBig[0]!,
      due: actionsBig[1]!,
      onTime: parts[0]!,
      late: parts[1]!,
      overdue: parts[2]!,
    },
    visits: {
      total: numbersIn(await text('section[aria-labelledby="report-visits"] .big-figure'))[0]!,
      closing: visits[0]!,
      postSale: visits[1]!,
      won: visits[2]!,
      postponed: visits[3]!,
      lost: visits[4]!,
      done: visits[5]!,
    },
    satisfaction,
    promises: await cells('section[aria-labelledby="report-promises"] table.figures td'),
    problems: await cells('section[aria-labelledby="report-problems"] table.figures td'),
    referrals,
    contacts: numbersIn(await text('section[aria-labelledby="report-contacts"] .big-figure'))[0]!,
    atRisk: hrefs.map((h) => h.slice(h.lastIndexOf('/') + 1)),
  };
}

/** One row of the team table, by the columns' order on screen. */
export interface TeamRow {
  due: number | null;
  done: number | null;
  onTime: number | null;
  overdue: number | null;
  closing: number | null;
  postSale: number | null;
  won: number | null;
  lost: number | null;
  satisfaction: number | null;
  recommend: number | null;
  below: number | null;
  problemsPastDue: number | null;
  atRisk: number | null;
  referrals: number | null;
  /** The row's cells as read, for a message when something is off. */
  cells: string[];
}

export async function readTeamRow(page: Page, head: string | RegExp): Promise<TeamRow> {
  const row = page
    .locator('table.team-table')
    .first()
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: head }) });
  await expect.poll(() => row.count()).toBe(1);
  const cells = await row.locator('td').allInnerTexts();
  const pair = (s: string) => s.split('/').map(figure);
  const [closing, postSale] = pair(cells[5]!);
  const [won, lost] = pair(cells[6]!);
  return {
    due: figure(cells[1]!),
    done: figure(cells[2]!),
    onTime: figure(cells[3]!),
    overdue: figure(cells[4]!),
    closing: closing!,
    postSale: postSale!,
    won: won!,
    lost: lost!,
    satisfaction: figure(cells[7]!),
    recommend: figure(cells[8]!),
    below: figure(cells[9]!),
    problemsPastDue: figure(cells[10]!),
    atRisk: figure(cells[11]!),
    referrals: figure(cells[12]!),
    cells,
  };
}

/** The team row's figures a rep's own report gives: the same numbers, read from the other page. */
export function rowOfReport(r: ReportFigures): Omit<TeamRow, 'cells'> {
  return {
    due: r.actions.due,
    done: r.actions.done,
    onTime: r.actions.onTime,
    overdue: r.actions.overdue,
    closing: r.visits.closing,
    postSale: r.visits.postSale,
    won: r.visits.won,
    lost: r.visits.lost,
    satisfaction: r.satisfaction?.[1] ?? null,
    recommend: r.satisfaction?.[2] ?? null,
    below: r.promises[0] ?? null,
    problemsPastDue: r.problems[5] ?? null,
    atRisk: r.atRisk.length,
    referrals: r.referrals,
  };
}
