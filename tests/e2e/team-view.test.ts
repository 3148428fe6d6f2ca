// Issue 12's "Done when" in a real browser against the real sync server. Two reps, each on their
// own profile and in English, work a month in the app's own screens (closing visits won and lost,
// a delivery confirmed on the agenda, post-sale visits with satisfaction and would-recommend
// answers, a problem past its date, a contact logged) and sync. The manager opens the app served
// by the sync server itself (not by vite) on a third profile, in Russian, signs in, and the team
// view shows each rep's row with the very figures that rep's own report page shows, and a team
// row that is their sum. A rep's row opens that rep's report; an at-risk client opens the card.
// A rep signed in sees no Team link and no publish control (the server's refusal of a forged
// publish is tests/server/rep-cannot-publish.test.ts).
//
// Every page's clock is set to the same day, 16 November 2026 (Moscow), so "this month", what is
// overdue and which follow-ups fall in the month are the same on every run.
// FIELDBOOK_TEAM_SHOTS=<folder> also saves the manager's team view in both languages there.
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it, onTestFailed } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { addTeam, addUser } from '../../server/accounts/accounts';
import { chooseLanguage, goTo } from './app';
import { collectPageErrors, launchChromium, newRepContext } from './browser';
import { BROWSER_LOCALE, type Lang } from './labels';
import { buildRenderer } from './serve';
import {
  addPurchase,
  closingVisit,
  deliveredThenPostSale,
  logContact,
  newClient,
  postSaleVisit,
  readReport,
  readTeamRow,
  rowOfReport,
  type ReportFigures,
  type TeamRow,
} from './team-month';
import { PASSWORD, startSyncServer, type RunningServer } from '../data/sync/harness';

const NOW = new Date('2026-11-16T11:00:00+03:00');
const SHOTS = process.env.FIELDBOOK_TEAM_SHOTS ?? '';
const TEAM = 'Урал-e2e';
const ANNA = { email: 'anna-e2e@example.test', name: 'Анна Петрова' };
const BORIS = { email: 'boris-e2e@example.test', name: 'Борис Иванов' };
const BOSS = { email: 'boss-e2e@example.test', name: 'Мария Соколова' };
const C = {
  wind: 'ООО Северный ветер',
  cedar: 'ИП Кедров Сергей',
  perm: 'АО Пермские технологии',
  bridge: 'ООО Камский мост',
};

let server: RunningServer;
let outDir: string;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** What each rep's own report page showed for the month, by rep name. */
const own = new Map<string, ReportFigures>();

beforeAll(async () => {
  const setupError = inject('e2eSetupError');
  if (setupError) throw new Error(setupError);
  outDir = await mkdtemp(join(tmpdir(), 'fieldbook-team-e2e-'));
  await buildRenderer(outDir);
  server = await startSyncServer({ webApp: { dir: outDir } });
  await addTeam(server.db, TEAM);
  for (const r of [ANNA, BORIS])
    await addUser(server.db, { team: TEAM, ...r, role: 'rep', password: PASSWORD });
  await addUser(server.db, { team: TEAM, ...BOSS, role: 'manager', password: PASSWORD });
  browser = await launchChromium();
}, 240_000);
afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
  if (outDir) await rm(outDir, { recursive: true, force: true });
});

/** A fresh profile whose clock reads NOW, with the app opened at `url`. */
async function openProfile(lang: Lang, url: string): Promise<{ page: Page; errors: string[] }> {
  const context = await newRepContext(browser, { locale: BROWSER_LOCALE[lang] });
  contexts.push(context);
  await context.clock.install({ time: NOW });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  // What the page showed when a step failed, for whoever reads the failure.
  const profile = contexts.length;
  onTestFailed(async () => {
    const path = join(tmpdir(), `fieldbook-team-e2e-failed-profile-${profile}.png`);
    await page.screenshot({ path }).catch(() => undefined);
    console.error(`team-view e2e: the page at the failure is in ${path}`);
  });
  const errors = collectPageErrors(page);
  await page.goto(url);
  return { page, errors };
}

const SIGN_IN = {
  en: {
    server: 'Server address',
    email: 'E-mail',
    password: 'Password',
    submit: 'Sign in',
    signOut: 'Sign out',
    idle: 'Up to date.',
  },
  ru: {
    server: 'Адрес сервера',
    email: 'Эл. почта',
    password: 'Пароль',
    submit: 'Войти',
    signOut: 'Выйти',
    idle: 'Всё синхронизировано.',
  },
} as const;

async function signIn(page: Page, lang: Lang, email: string, serverUrl: string | null) {
  const t = SIGN_IN[lang];
  await goTo(page, lang, 'sync');
  if (serverUrl !== null) await page.getByLabel(t.server, { exact: true }).fill(serverUrl);
  await page.getByLabel(t.email, { exact: true }).fill(email);
  await page.getByLabel(t.password, { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: t.submit, exact: true }).click();
  await page.getByRole('button', { name: t.signOut }).waitFor();
  await page.getByText(t.idle).waitFor({ timeout: 30_000 });
}

async function syncNow(page: Page) {
  await goTo(page, 'en', 'sync');
  await page.getByRole('button', { name: 'Sync now' }).click();
  await page.getByText('Everything is sent.').waitFor();
  await page.getByText('Up to date.').waitFor();
}

/** Signed in as a rep: no Team link, the program read-only, and no publish control anywhere on it. */
async function expectNoPublishing(page: Page) {
  expect(await page.getByRole('link', { name: 'Team' }).count()).toBe(0);
  await goTo(page, 'en', 'settings');
  await page
    .getByText('This is your company’s program, published by your manager. It is read-only')
    .waitFor();
  expect(await page.getByRole('button', { name: /publish/i }).count()).toBe(0);
  expect(await page.getByRole('checkbox', { name: /manager/i }).count()).toBe(0);
}

async function ownReport(page: Page): Promise<ReportFigures> {
  await goTo(page, 'en', 'reports');
  await page.getByRole('heading', { level: 1, name: 'My month: November 2026' }).waitFor();
  return readReport(page);
}

/**
 * For a person to look at (FIELDBOOK_TEAM_SHOTS only): the team view at 1280×800 as it opens,
 * with the table scrolled to its right end, and scrolled down to its last block.
 */
async function shots(page: Page, lang: Lang, lastHeading: string) {
  if (!SHOTS) return;
  await mkdir(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, `team-${lang}.png`) });
  const wrap = page.locator('.team-table-wrap');
  const overflow = await wrap.evaluate((e) => {
    e.scrollLeft = e.scrollWidth;
    return e.scrollWidth - e.clientWidth;
  });
  if (overflow > 0) await page.screenshot({ path: join(SHOTS, `team-${lang}-scrolled-right.png`) });
  await wrap.evaluate((e) => (e.scrollLeft = 0));
  await page.getByRole('heading', { level: 2, name: lastHeading }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(SHOTS, `team-${lang}-bottom.png`) });
  await page.getByRole('heading', { level: 1 }).scrollIntoViewIfNeeded();
}

/**
 * The card of C.bridge (Boris's client) as the manager reads it: the line naming Boris, the
 * records (the purchase, the person), and nothing to change but the health badge's reasons.
 */
async function expectReadOnlyCard(page: Page, line: string) {
  const card = page.getByRole('article', { name: C.bridge });
  await card.waitFor();
  await card.getByText(line, { exact: true }).waitFor();
  await card.getByText('Павел Мостов').waitFor();
  expect(await card.locator('button:not(.health-badge)').count()).toBe(0);
  expect(await card.locator('input, textarea, select').count()).toBe(0);
}

/** For a person to look at (FIELDBOOK_TEAM_SHOTS only): the card at 1280×800 and 1024×700. */
async function cardShots(page: Page, lang: Lang) {
  if (!SHOTS) return;
  const size = page.viewportSize();
  for (const [width, height] of [
    [1280, 800],
    [1024, 700],
  ] as const) {
    await page.setViewportSize({ width, height });
    await page.screenshot({ path: join(SHOTS, `card-read-only-${lang}-${width}.png`) });
    // The card scrolls in its pane: its end, with the timeline.
    const pane = page.locator('.detail-pane');
    await pane.evaluate((e) => (e.scrollTop = e.scrollHeight));
    await page.screenshot({ path: join(SHOTS, `card-read-only-${lang}-${width}-bottom.png`) });
    await pane.evaluate((e) => (e.scrollTop = 0));
  }
  if (size) await page.setViewportSize(size);
}

const expectedRow = (r: Omit<TeamRow, 'cells'>) => r;
const ANNA_ROW = expectedRow({
  // Delivery checks of both sales (one confirmed on its day, one left overdue since the 12th)
  // and the post-sale visit the confirmed delivery planned, made the same day.
  due: 3,
  done: 2,
  onTime: 2,
  overdue: 1,
  closing: 2,
  postSale: 1,
  won: 2,
  lost: 0,
  satisfaction: 5,
  recommend: 9,
  below: 0,
  problemsPastDue: 0,
  atRisk: 0,
  referrals: 0,
});
const BORIS_ROW = expectedRow({
  // The problem's own follow-up, due on the 13th and not done.
  due: 1,
  done: 0,
  onTime: 0,
  overdue: 1,
  closing: 1,
  postSale: 1,
  won: 0,
  lost: 1,
  satisfaction: 2,
  recommend: 4,
  below: 0,
  problemsPastDue: 1,
  atRisk: 1,
  referrals: 0,
});

describe('the team view against the real server, over a month of two reps’ work', () => {
  it('rep A sells twice, confirms a delivery, makes the post-sale visit it plans, logs a call, and syncs; no publish control', async () => {
    const { page, errors } = await openProfile('en', inject('baseUrl'));
    await signIn(page, 'en', ANNA.email, server.url);
    await expectNoPublishing(page);
    await newClient(page, C.wind, 'Олег Ветров');
    await newClient(page, C.cedar, 'Сергей Кедров');
    await closingVisit(page, C.wind, {
      result: 'won',
      promise: 'Поставка за 2 дня',
      item: 'Холодильная витрина',
      delivery: '2026-11-16',
    });
    await closingVisit(page, C.cedar, {
      result: 'won',
      promise: 'Монтаж в день поставки',
      item: 'Газовый котёл',
      delivery: '2026-11-12',
    });
    await deliveredThenPostSale(page, 'Холодильная витрина', {
      promise: { text: 'Поставка за 2 дня', reality: 'Met' },
      followThrough: 'As agreed',
      satisfaction: 5,
      recommend: 9,
    });
    await logContact(page, C.cedar, 'Рассказал о новой линейке котлов');
    await syncNow(page);
    const report = await ownReport(page);
    expect(rowOfReport(report)).toEqual(ANNA_ROW);
    expect(report.visits.total).toBe(3);
    expect(report.contacts).toBe(1);
    own.set(ANNA.name, report);
    expect(errors).toEqual([]);
  }, 180_000);

  it('rep B loses a deal on price, finds an unhappy client with a problem past its date, and syncs; no publish control', async () => {
    const { page, errors } = await openProfile('en', inject('baseUrl'));
    await signIn(page, 'en', BORIS.email, server.url);
    await expectNoPublishing(page);
    await newClient(page, C.perm, 'Ирина Лесных');
    await newClient(page, C.bridge, 'Павел Мостов');
    await closingVisit(page, C.perm, { result: 'lost', reason: 'Price' });
    // The client bought in October (before this month); a post-sale visit needs a purchase.
    await addPurchase(page, C.bridge, '2026-10-20', 'Компрессор');
    await postSaleVisit(page, C.bridge, {
      followThrough: 'Not needed',
      problem: { what: 'Шумит компрессор', owner: 'Сервис Иванов', fixBy: '2026-11-13' },
      satisfaction: 2,
      recommend: 4,
    });
    await syncNow(page);
    const report = await ownReport(page);
    expect(rowOfReport(report)).toEqual(BORIS_ROW);
    expect(report.visits.total).toBe(2);
    own.set(BORIS.name, report);
    expect(errors).toEqual([]);
  }, 180_000);

  it('the manager, on the app the sync server serves, in Russian, sees each rep’s report in their row and the team’s sum', async () => {
    expect([...own.keys()]).toEqual([ANNA.name, BORIS.name]);
    const { page, errors } = await openProfile('ru', server.url);
    // Served by the sync server: the address is already filled in.
    await goTo(page, 'ru', 'sync');
    await expect
      .poll(() => page.getByLabel('Адрес сервера', { exact: true }).inputValue())
      .toBe(server.url);
    await signIn(page, 'ru', BOSS.email, null);
    // The publish control a rep never sees is there for the manager.
    await goTo(page, 'ru', 'settings');
    await page.getByRole('button', { name: 'Опубликовать программу' }).waitFor();

    await page.getByRole('link', { name: 'Команда' }).click();
    await page.getByRole('heading', { level: 1, name: 'Команда: ноябрь 2026' }).waitFor();
    const table = page.getByRole('table', {
      name: 'Месяц каждого представителя; имя открывает его отчёт',
    });
    await table.waitFor();
    // Every column by its accessible name (the drawn heading is a short form of it).
    for (const name of [
      'Представитель',
      'Синхронизация',
      'Действий по плану',
      'Сделано',
      'В срок',
      'Просрочено',
      'Визиты (продажа / после продажи)',
      'Сделка / отказ',
      'Удовлетворённость, 1–5',
      'Готовность рекомендовать, 0–10',
      'Обещания не оправдались',
      'Проблемы с истёкшим сроком',
      'Под угрозой',
      'Рекомендации',
    ])
      await table.getByRole('columnheader', { name, exact: true }).waitFor();
    // A manager's laptop: the table fits the page at 1024x700 in Russian, no sideways scroll.
    await page.setViewportSize({ width: 1024, height: 700 });
    await expect
      .poll(() =>
        page.locator('.team-table-wrap').evaluate((el) => el.scrollWidth - el.clientWidth),
      )
      .toBe(0);
    for (const h of [
      'Послепродажные действия по видам',
      'Открытые проблемы с истёкшим сроком',
      'Клиенты под угрозой ухода',
      'Ушедшие клиенты по причинам',
    ])
      await page.getByRole('heading', { level: 2, name: h }).waitFor();

    // Each rep's row: the figures of that rep's own report page, and the month as it was done.
    const rows = new Map<string, TeamRow>();
    for (const [name, expected] of [
      [ANNA.name, ANNA_ROW],
      [BORIS.name, BORIS_ROW],
    ] as const) {
      const { cells, ...row } = await readTeamRow(page, name);
      expect(row, `${name}: ${cells.join(' | ')}`).toEqual(rowOfReport(own.get(name)!));
      expect(row).toEqual(expected);
      rows.set(name, { cells, ...row });
    }
    // The team's row is the sum of the reps' rows; the averages are over all the team's visits.
    const { cells: totalCells, ...total } = await readTeamRow(page, 'Вся команда');
    const sum = (k: keyof Omit<TeamRow, 'cells' | 'satisfaction' | 'recommend'>) =>
      [...rows.values()].reduce((a, r) => a + (r[k] ?? 0), 0);
    expect(total, totalCells.join(' | ')).toEqual({
      due: sum('due'),
      done: sum('done'),
      onTime: sum('onTime'),
      overdue: sum('overdue'),
      closing: sum('closing'),
      postSale: sum('postSale'),
      won: sum('won'),
      lost: sum('lost'),
      satisfaction: (5 + 2) / 2,
      recommend: (9 + 4) / 2,
      below: sum('below'),
      problemsPastDue: sum('problemsPastDue'),
      atRisk: sum('atRisk'),
      referrals: sum('referrals'),
    });
    // The six months' satisfaction: the team's November is the average of both reps' visits.
    const trend = page.getByRole('table', { name: /Средняя удовлетворённость/ });
    await trend.getByRole('columnheader', { name: 'ноябрь 2026', exact: true }).waitFor();
    expect(
      await trend
        .getByRole('row')
        .filter({ has: page.getByRole('rowheader', { name: 'Вся команда' }) })
        .locator('td')
        .last()
        .innerText(),
    ).toBe('3,5');
    // The problem past its date is listed with who fixes it; the client at risk with the reasons.
    const problems = page.getByRole('region', { name: 'Открытые проблемы с истёкшим сроком' });
    await problems
      .getByRole('listitem')
      .filter({
        hasText: `${C.bridge} — ${BORIS.name}, срок 13 нояб. 2026, исправляет: Сервис Иванов`,
      })
      .waitFor();
    const atRisk = page.getByRole('region', { name: 'Клиенты под угрозой ухода' });
    await atRisk
      .getByRole('listitem')
      .filter({
        hasText: `${C.bridge} — ${BORIS.name}: просрочена проблема, низкая удовлетворённость`,
      })
      .waitFor();
    expect(await page.locator('body').textContent()).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-7/);
    await shots(page, 'ru', 'Ушедшие клиенты по причинам');

    // A rep's row opens that rep's report: the very figures the rep saw on their own page.
    await table.getByRole('link', { name: ANNA.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `${ANNA.name}: ноябрь 2026` }).waitFor();
    await page
      .getByRole('heading', { level: 2, name: 'Послепродажные действия: сделано и запланировано' })
      .waitFor();
    expect(await readReport(page)).toEqual(own.get(ANNA.name));
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'team-rep-report-ru.png') });
    await page.getByRole('link', { name: 'Назад к команде' }).click();
    await table.getByRole('link', { name: BORIS.name, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `${BORIS.name}: ноябрь 2026` }).waitFor();
    expect(await readReport(page)).toEqual(own.get(BORIS.name));
    await page.getByRole('link', { name: 'Назад к команде' }).click();

    // An at-risk client opens the client card: Boris's, so the manager reads it, told whose it
    // is, with no control whose change the server would refuse (a manager may not change a
    // rep's rows).
    await atRisk.getByRole('link', { name: C.bridge, exact: true }).click();
    await expectReadOnlyCard(
      page,
      `Клиент представителя ${BORIS.name}: только просмотр — изменения вносит представитель.`,
    );
    expect(await page.getByRole('button', { name: /Изменить/ }).count()).toBe(0);
    // Nor does the list offer to log a contact for it: Boris logs his clients' contacts.
    expect(await page.getByRole('button', { name: /^Записать контакт/ }).count()).toBe(0);
    await cardShots(page, 'ru');

    // The manager's agenda lists the manager's own follow-ups; the reps' (a delivery to check,
    // a problem past its date) are theirs to do and stay off it, and off the navigation's count.
    await goTo(page, 'ru', 'agenda');
    await page.getByText('Здесь ваши собственные задачи.', { exact: false }).waitFor();
    await page.getByText('На ближайшие 7 дней дел нет.', { exact: false }).waitFor();
    const agendaText = (await page.locator('.agenda-page').textContent()) ?? '';
    for (const client of [C.wind, C.cedar, C.bridge, C.perm])
      expect(agendaText).not.toContain(client);
    if (SHOTS) await page.screenshot({ path: join(SHOTS, 'manager-agenda-ru.png') });

    // The same page in English.
    await chooseLanguage(page, 'ru', 'en');
    await page.getByRole('link', { name: 'Team' }).click();
    await page.getByRole('heading', { level: 1, name: 'Team: November 2026' }).waitFor();
    const { cells: annaEn, ...annaRowEn } = await readTeamRow(page, ANNA.name);
    expect(annaRowEn, annaEn.join(' | ')).toEqual(ANNA_ROW);
    await shots(page, 'en', 'Lost clients by reason');
    await page
      .getByRole('region', { name: 'Clients at risk' })
      .getByRole('link', { name: C.bridge, exact: true })
      .click();
    await expectReadOnlyCard(
      page,
      `${BORIS.name}’s client: view only — changes are made by the rep.`,
    );
    expect(await page.getByRole('button', { name: /Edit/ }).count()).toBe(0);
    await cardShots(page, 'en');
    expect(errors).toEqual([]);
  }, 180_000);
});
