/**
 * Which rows a month's report can depend on (report.ts monthlyReport), so a loader reads those
 * through indexes instead of the whole book (issue 12: the team view over 50k clients).
 *
 * Every test here mirrors a rule of monthlyReport; a row the bound leaves out cannot change any
 * figure of the month (tests/property/report-bounds.test.ts checks the report over the bounded
 * rows against the report over the whole book). Days are compared as monthlyReport compares them:
 * the first ten characters of the stamp as written, so no zone margin is needed.
 *
 * - followUps: due in the month;
 * - contacts: logged in the month;
 * - visits: finished in the month (visits by purpose and outcome, program versions), and
 *   post-sale visits finished up to the month's end (the satisfaction trend and each client's
 *   latest mood);
 * - checklistRuns: those of the visits above;
 * - purchases: of referred clients (referrals converted) and of the clients whose post-sale visit
 *   this month rated promises (a promise's text comes from the client's own purchase);
 * - problems: open ones, and those opened or closed in the month;
 * - clients: all (statuses, churn, cadence, referrals);
 * - notes: none. "No contact beyond cadence" needs each client's last contact only on one side
 *   of its cadence: logged contacts of the last `cadence` days (lastContactWindow), then for the
 *   clients those leave out whether they have a visit or a note within their cadence, asked
 *   client by client (reportLastContacts says the steps).
 */
import { effectiveCadenceDays, type CadenceSettings } from './cadence';
import type { ContactLogEntry } from './contact';
import type { FollowUp } from './followup';
import type { Purchase } from './purchase';
import type { ChecklistRun } from './checklist';
import type { Note, Visit } from './visit';
import {
  isOpenProblem,
  ratesBelow,
  statusChangedDay,
  type ReportBook,
  type ReportProblem,
  type ReportClient as Client,
} from './report';
import { lastContactDays } from './followups/contactGaps';
import { addDays, dayOfTimestamp, type Day } from './followups/days';
import { isLive } from './common';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The key ranges of one month's report: stamps compare as strings, day first. */
export interface ReportRange {
  month: string;
  /** 'YYYY-MM' of this month: a stamp in the month is ≥ this and < `next`. */
  from: string;
  /** 'YYYY-MM' of the next month. */
  next: string;
}

export function reportRange(month: string): ReportRange {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`Not a month: ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]); // the next month, 0-based
  const next = `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}`;
  return { month, from: month, next };
}

const inMonth = (stamp: string | null | undefined, r: ReportRange) =>
  stamp != null && stamp >= r.from && stamp < r.next;

export const followUpInReport = (f: Pick<FollowUp, 'due'>, r: ReportRange) => inMonth(f.due, r);

export const contactInReport = (c: ContactLogEntry, r: ReportRange) => inMonth(c.at, r);

/** Finished in the month, or a post-sale visit finished before the month's end. */
export function visitInReport(v: Visit, r: ReportRange): boolean {
  if (!v.finishedAt) return false;
  return inMonth(v.finishedAt, r) || (v.kind === 'post_sale' && v.finishedAt < r.next);
}

/**
 * What puts a problem in a month's report, as marks a store can index (renderer/data/
 * reportProblems.ts): 'open' while it is open, the month it was opened, the month its status
 * last changed. A pure function of the row: the day it is asked on plays no part.
 */
export function problemMarks(p: ReportProblem): string[] {
  const marks: string[] = [];
  if (isOpenProblem(p)) marks.push('open');
  const opened = dayOfTimestamp(p.createdAt);
  if (opened !== null) marks.push(`opened:${opened.slice(0, 7)}`);
  const changed = statusChangedDay(p);
  if (changed !== null) marks.push(`changed:${changed.slice(0, 7)}`);
  return marks;
}

/** The marks of the problems `r`'s report reads: open ones, and those opened or closed in it. */
export const reportProblemMarks = (r: ReportRange): string[] => [
  'open',
  `opened:${r.month}`,
  `changed:${r.month}`,
];

export function problemInReport(p: ReportProblem, r: ReportRange): boolean {
  const wanted = reportProblemMarks(r);
  return problemMarks(p).some((m) => wanted.includes(m));
}

/**
 * The clients whose purchases the report reads: referred ones (their first purchase), unless the
 * caller keeps every client's first purchase day, and those with a post-sale visit finished in
 * the month (the promises their visit rated), among the visits given.
 */
export function purchaseClients(
  clients: readonly Client[],
  visits: readonly Visit[],
  r: ReportRange,
  firstPurchaseKept = false,
): Set<string> {
  const ids = new Set<string>();
  if (!firstPurchaseKept) for (const c of clients) if (c.referredBy !== null) ids.add(c.id);
  for (const v of visits)
    if (v.kind === 'post_sale' && v.status === 'finished' && inMonth(v.finishedAt, r))
      ids.add(v.clientId);
  return ids;
}

/**
 * With every client's first purchase day kept, the only purchases the report reads are those of
 * the clients a post-sale visit finished in the month found short of a promise (the shortfall
 * quotes the promise as the purchase recorded it): these clients, among the visits and runs given.
 */
export function shortfallClients(
  visits: readonly Visit[],
  runs: readonly Pick<ChecklistRun, 'visitId' | 'answers'>[],
  r: ReportRange,
): Set<string> {
  const inMonthPostSale = new Map<string, string>();
  for (const v of visits)
    if (v.kind === 'post_sale' && v.status === 'finished' && inMonth(v.finishedAt, r))
      inMonthPostSale.set(v.id, v.clientId);
  const ids = new Set<string>();
  for (const run of runs) {
    const clientId = inMonthPostSale.get(run.visitId);
    if (clientId !== undefined && ratesBelow(run.answers)) ids.add(clientId);
  }
  return ids;
}

/**
 * The first day whose contacts can keep a client off "no contact beyond cadence" on `today`:
 * today minus the longest cadence of a live client that can be flagged; null when none can.
 */
export function lastContactWindow(
  clients: readonly Client[],
  today: Day,
  cadence?: CadenceSettings,
): Day | null {
  let longest = -1;
  for (const c of clients) {
    if (!isLive(c) || c.status === 'prospect' || c.status === 'lost') continue;
    longest = Math.max(longest, effectiveCadenceDays(c, cadence));
  }
  return longest < 0 ? null : addDays(today, -longest);
}

/** The first day a client's contacts keep it within its cadence on `today`. */
export const cadenceStart = (c: Client, today: Day, cadence?: CadenceSettings): Day =>
  addDays(today, -effectiveCadenceDays(c, cadence));

/** Live clients "no contact beyond cadence" can flag. */
const flaggable = (c: Client) => isLive(c) && c.status !== 'prospect' && c.status !== 'lost';

/**
 * The clients whose logged contacts since the window (`seen`) do not already keep them within
 * their cadence: for them, their visits and notes decide.
 */
export function clientsToAskNotes(
  clients: readonly Client[],
  seen: ReadonlyMap<string, Day>,
  today: Day,
  cadence?: CadenceSettings,
): Client[] {
  return clients.filter((c) => {
    if (!flaggable(c)) return false;
    const day = seen.get(c.id);
    return day === undefined || day < cadenceStart(c, today, cadence);
  });
}

/**
 * Of the clients with nothing since the window, those whose own last contact still decides the
 * report: added on or after their cadence's first day (or on no readable day), so that an older
 * contact rather than the day they were added is what counts.
 */
export function lastContactsNeeded(
  clients: readonly Client[],
  known: ReadonlyMap<string, Day>,
  today: Day,
  cadence?: CadenceSettings,
): string[] {
  const ids: string[] = [];
  for (const c of clients) {
    if (!flaggable(c) || known.has(c.id)) continue;
    const added = dayOfTimestamp(c.createdAt);
    if (added === null || added >= cadenceStart(c, today, cadence)) ids.push(c.id);
  }
  return ids;
}

/** A stamp on or after the window's first day (stamps compare as strings, day first). */
export const fromWindow = (stamp: string, from: Day) => stamp >= from;

/**
 * Each client's last contact as "no contact beyond cadence" needs it, from the whole book, in
 * the steps the loader takes (reportData.ts loadMonthBook), so the two can be held together:
 *
 * 1. the latest logged contact since the window's first day (lastContactWindow);
 * 2. for the clients that does not keep within their cadence (clientsToAskNotes): a live visit
 *    or note on or after their cadence's first day makes it that day (within cadence, as the
 *    real last contact is); visits and notes are asked client by client, never read;
 * 3. for the clients still without a day that were added within their cadence
 *    (lastContactsNeeded): their real last contact, from all their rows.
 *
 * So the day given is the real last contact when it is the latest logged contact since the
 * window, or when step 3 found it; otherwise it is a day on the same side of the client's cadence
 * as the real one, and a client left out is beyond its cadence whether it counts from an older
 * contact or from the day it was added: monthlyReport flags exactly the clients it flags over the
 * whole book.
 */
export function reportLastContacts(
  book: Pick<ReportBook, 'clients' | 'contacts' | 'visits' | 'notes' | 'cadence'>,
  today: Day,
): Map<string, Day> {
  const from = lastContactWindow(book.clients, today, book.cadence);
  if (from === null) return new Map();
  const known = lastContactDays(
    book.contacts.filter((c) => fromWindow(c.at, from)),
    [],
    [],
  );
  const ask = clientsToAskNotes(book.clients, known, today, book.cadence);
  if (ask.length > 0) {
    const since = new Map(ask.map((c) => [c.id, cadenceStart(c, today, book.cadence)]));
    const within = (clientId: string, stamp: string) => {
      const start = since.get(clientId);
      if (start !== undefined && fromWindow(stamp, start)) known.set(clientId, start);
    };
    for (const v of book.visits) if (isLive(v)) within(v.clientId, v.startedAt);
    for (const n of book.notes) if (isLive(n)) within(n.clientId, n.createdAt);
  }
  const needed = new Set(lastContactsNeeded(book.clients, known, today, book.cadence));
  if (needed.size === 0) return known;
  const mine = <T extends { clientId: string }>(rows: readonly T[]) =>
    rows.filter((r) => needed.has(r.clientId));
  const older = lastContactDays(mine(book.contacts), mine(book.visits), mine(book.notes));
  for (const [id, day] of older) known.set(id, day);
  return known;
}

/**
 * The month's report book from the whole book: only the rows `reportRange` says the report reads,
 * with each client's last contact given (no notes). The report over it is the report over `book`.
 */
export function boundReportBook(book: ReportBook, month: string, today: Day): ReportBook {
  const r = reportRange(month);
  const visits = book.visits.filter((v) => visitInReport(v, r));
  const visitIds = new Set(visits.map((v) => v.id));
  const buyers = purchaseClients(book.clients, visits, r);
  return {
    clients: book.clients,
    purchases: book.purchases.filter((p: Purchase) => buyers.has(p.clientId)),
    visits,
    checklistRuns: book.checklistRuns.filter((c: ChecklistRun) => visitIds.has(c.visitId)),
    followUps: book.followUps.filter((f) => followUpInReport(f, r)),
    problems: book.problems.filter((p) => problemInReport(p, r)),
    contacts: book.contacts.filter((c) => contactInReport(c, r)),
    notes: [] as Note[],
    ...(book.cadence ? { cadence: book.cadence } : {}),
    lastContact: reportLastContacts(book, today),
  };
}
