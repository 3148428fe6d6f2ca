import type { ChecklistRun, PromiseRealitySchema } from './checklist';
import type { Client } from './client';
import { effectiveCadenceDays, type CadenceSettings } from './cadence';
import { CONTACT_TYPES, type ContactLogEntry, type ContactType } from './contact';
import type { FollowUp, FollowUpKind } from './followup';
import type { Problem } from './problem';
import type { Purchase } from './purchase';
import type { Note, Visit } from './visit';
import type { z } from 'zod';
import { parseHlc } from '../sync/hlc';
import { daysBetween, dayOfTimestamp, makeDay, type Day } from './followups/days';
import { lastContactDays } from './followups/contactGaps';
import { POST_SALE_ITEMS } from './templates/postSale';
import { isLive } from './common';

/**
 * What the report reads of a client, and nothing more: a loader may keep these fields apart from
 * the whole record (renderer/data/reportClients.ts) so the team view reads 50k small rows.
 */
export type ReportClient = Pick<
  Client,
  | 'id'
  | 'name'
  | 'status'
  | 'ownerId'
  | 'createdAt'
  | 'referredBy'
  | 'churnReason'
  | 'cadenceDays'
  | 'tags'
  | 'deletedAt'
>;

/** The fields of `c` the report reads. */
export function reportClient(c: ReportClient): ReportClient {
  return {
    id: c.id,
    name: c.name,
    status: c.status,
    ownerId: c.ownerId,
    createdAt: c.createdAt,
    referredBy: c.referredBy,
    churnReason: c.churnReason,
    cadenceDays: c.cadenceDays,
    tags: c.tags,
    deletedAt: c.deletedAt,
  };
}

/** What the report reads of a follow-up (a loader may keep only this: renderer/data/reportFollowUps.ts). */
export type ReportFollowUp = Pick<
  FollowUp,
  'id' | 'clientId' | 'kind' | 'due' | 'status' | 'doneAt' | 'deletedAt'
>;

/** The fields of `f` the report reads. */
export function reportFollowUp(f: ReportFollowUp): ReportFollowUp {
  return {
    id: f.id,
    clientId: f.clientId,
    kind: f.kind,
    due: f.due,
    status: f.status,
    doneAt: f.doneAt,
    deletedAt: f.deletedAt,
  };
}

/** What the report reads of a problem (a loader may keep only this: renderer/data/reportProblems.ts). */
export type ReportProblem = Pick<
  Problem,
  | 'id'
  | 'clientId'
  | 'status'
  | 'createdAt'
  | 'updatedAt'
  | 'stamps'
  | 'due'
  | 'sellersFault'
  | 'owner'
  | 'deletedAt'
>;

/** The fields of `p` the report reads (of its stamps, the status's only). */
export function reportProblem(p: ReportProblem): ReportProblem {
  return {
    id: p.id,
    clientId: p.clientId,
    status: p.status,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    stamps: p.stamps.status === undefined ? {} : { status: p.stamps.status },
    due: p.due,
    sellersFault: p.sellersFault,
    owner: p.owner,
    deletedAt: p.deletedAt,
  };
}

/** What the rep's monthly report reads (docs/domain.md §4: visit data turned into decisions). */
export interface ReportBook {
  clients: readonly ReportClient[];
  purchases: readonly Purchase[];
  visits: readonly Visit[];
  checklistRuns: readonly ChecklistRun[];
  followUps: readonly ReportFollowUp[];
  problems: readonly ReportProblem[];
  contacts: readonly ContactLogEntry[];
  notes: readonly Note[];
  /** The rep's cadence defaults (Settings); absent: the built-in ones. */
  cadence?: CadenceSettings;
  /**
   * Each client's last contact day as lastContactDays gives it over the whole book, when the
   * caller read it without every note (reportBounds.ts); absent: computed from contacts, visits
   * and notes here. A client left out counts from the day it was added, as in lastContactDays.
   */
  lastContact?: ReadonlyMap<string, Day>;
  /**
   * Each client's first purchase day (firstPurchaseDays over the whole book's live purchases),
   * when the caller kept it; absent: from `purchases` here, which must then hold every purchase
   * of the referred clients.
   */
  firstPurchase?: ReadonlyMap<string, Day>;
  /**
   * What every live post-sale run of a finished visit says of its client's mood (postSaleMood over
   * the whole book: its scores), when the caller kept it; absent: from `visits` and
   * `checklistRuns` here, which must then hold every post-sale visit up to the month's end. With
   * it, the trend and each client's latest mood come from these, and those need hold only the
   * month's post-sale visits (and its other visits).
   */
  moods?: readonly PostSaleMood[];
}

/**
 * What a finished post-sale visit's run says of its client's mood: its two scores. The latest one
 * speaks for the client (a low one puts it at risk); the month's count in the trend.
 */
export interface PostSaleMood {
  /** The run's id: of runs finished at the same moment, the first by id speaks. */
  id: string;
  clientId: string;
  /** The visit's finish stamp, as written: it starts with the finish day (postSaleRun). */
  finishedAt: string;
  /** Satisfaction (1–5), null when not answered. */
  satisfaction: number | null;
  /** Would recommend (0–10), null when not answered. */
  recommend: number | null;
}

/** A low mood: satisfaction of 2 or less, or would-recommend of 6 or less (a detractor). */
const isLowMood = (m: PostSaleMood): boolean =>
  (m.satisfaction !== null && m.satisfaction <= 2) || (m.recommend !== null && m.recommend <= 6);

/** The post-sale visits the trend reads: this month and the `trendMonths - 1` before it. */
export const TREND_MONTHS = 6;

/** Each client's first purchase day over the live purchases given. */
export function firstPurchaseDays(purchases: readonly Purchase[]): Map<string, Day> {
  const first = new Map<string, Day>();
  for (const p of purchases) {
    if (!isLive(p)) continue;
    const prev = first.get(p.clientId);
    if (prev === undefined || p.date < prev) first.set(p.clientId, p.date);
  }
  return first;
}

export interface ActionTally {
  due: number;
  done: number;
  /** Done on or before the due day. */
  doneOnTime: number;
  /** Done after the due day. */
  doneLate: number;
  dismissed: number;
  /** Open or snoozed, due before today. */
  overdue: number;
  /** Open or snoozed, due today or later: done + dismissed + overdue + upcoming = due. */
  upcoming: number;
}

export interface SatisfactionPoint {
  month: string;
  visits: number;
  satisfactionAvg: number | null;
  recommendAvg: number | null;
  /** Net promoter score, -100..100: % answering 9–10 minus % answering 0–6. */
  nps: number | null;
}

export interface PromiseShortfall {
  clientId: string;
  visitId: string;
  benefitId: string;
  /** The promise as recorded on the purchase; empty when the purchase is gone. */
  text: string;
  comment: string;
}

export type AtRiskReason =
  | 'status_at_risk'
  | 'low_satisfaction'
  | 'below_expectations'
  | 'overdue_problem'
  | 'no_contact_overdue';

export interface MonthlyReport {
  month: string;
  /** Post-sale actions due this month and what became of them: the consistency management asks for. */
  actions: ActionTally & {
    rate: number | null;
    byKind: Partial<Record<FollowUpKind, ActionTally>>;
  };
  /** This month and the months before it, oldest first, ending with this month. */
  satisfaction: SatisfactionPoint[];
  promises: {
    below: number;
    met: number;
    exceeded: number;
    unrated: number;
    shortfalls: PromiseShortfall[];
  };
  referrals: {
    obtained: number;
    obtainedConverted: number;
    converted: number;
    askedVisits: number;
    postSaleVisits: number;
  };
  problems: {
    opened: number;
    sellersFault: number;
    fixed: number;
    confirmed: number;
    openNow: number;
    overdueNow: number;
  };
  atRisk: { clientId: string; name: string; reasons: AtRiskReason[] }[];
  /**
   * Post-sale contacts logged this month (a call, a letter, a notice): actions the rep took that
   * no plan asked for, or that answered one; counted by type, complaints apart.
   */
  contacts: { total: number; byType: Record<ContactType, number>; complaints: number };
  /** Finished visits this month by purpose and outcome. */
  visits: {
    total: number;
    byKind: Record<Visit['kind'], number>;
    byOutcome: Record<VisitOutcomeKey, number>;
  };
  /** Clients whose status is lost, by churn reason (none: no reason recorded). */
  churn: Record<string, number>;
  /** Problems open past their due day, oldest due first. */
  overdueProblems: {
    problemId: string;
    clientId: string;
    due: string;
    /** Who is to fix it, as the rep wrote it. */
    owner: string;
  }[];
  /** Template versions the month's checklist runs used ('key v3' → runs). */
  programVersions: Record<string, number>;
}

export type VisitOutcomeKey = 'won' | 'postponed' | 'lost' | 'done' | 'none';

const MONTH_RE = /^(\d{4})-(0[1-9]|1[0-2])$/;

/**
 * Names in Russian order, as localeCompare(b, 'ru') orders them, from one collator: localeCompare
 * with a locale makes a collator per call, which sorting 18k at-risk clients felt (seconds).
 */
let ruCollator: Intl.Collator | null = null;
const byName = () => (ruCollator ??= new Intl.Collator('ru'));

/** 'YYYY-MM' shifted by `delta` months. */
export function shiftMonth(month: string, delta: number): string {
  const m = MONTH_RE.exec(month);
  if (!m) throw new RangeError(`Not a month: ${month}`);
  const index = Number(m[1]) * 12 + Number(m[2]) - 1 + delta;
  return makeDay(Math.floor(index / 12), (index % 12) + 1, 1).slice(0, 7);
}

const emptyTally = (): ActionTally => ({
  due: 0,
  done: 0,
  doneOnTime: 0,
  doneLate: 0,
  dismissed: 0,
  overdue: 0,
  upcoming: 0,
});

interface ActionTallies {
  total: ActionTally;
  byKind: Partial<Record<FollowUpKind, ActionTally>>;
}

/**
 * The month's follow-ups of the book's clients (trashed ones too; a follow-up whose client the
 * device does not hold, as a pull may bring it first, is no one's work yet).
 */
function tallyActions(
  followUps: readonly ReportFollowUp[],
  clientIds: ReadonlySet<string>,
  month: string,
  today: Day,
): ActionTallies {
  const total = emptyTally();
  const byKind: Partial<Record<FollowUpKind, ActionTally>> = {};
  for (const f of followUps) {
    if (f.deletedAt !== null || !f.due.startsWith(month) || !clientIds.has(f.clientId)) continue;
    countAction(total, f, today);
    countAction((byKind[f.kind] ??= emptyTally()), f, today);
  }
  return { total, byKind };
}

function countAction(t: ActionTally, f: ReportFollowUp, today: Day): void {
  t.due += 1;
  if (f.status === 'done') {
    t.done += 1;
    const doneDay = f.doneAt ? dayOfTimestamp(f.doneAt) : null;
    if (doneDay !== null && doneDay <= f.due) t.doneOnTime += 1;
    else t.doneLate += 1;
  } else if (f.status === 'dismissed') t.dismissed += 1;
  else if (f.due < today) t.overdue += 1;
  else t.upcoming += 1;
}

function finishActions({ total, byKind }: ActionTallies): MonthlyReport['actions'] {
  const counted = total.due - total.dismissed;
  return { ...total, rate: counted > 0 ? total.done / counted : null, byKind };
}

interface PostSaleRun {
  id: string;
  visit: Pick<Visit, 'id' | 'clientId' | 'finishedAt'>;
  month: string;
  answers: ChecklistRun['answers'];
}

/** A run on a post-sale visit that counts: both live, the visit finished with a finish day. */
function postSaleRun(
  visit: Pick<Visit, 'id' | 'clientId' | 'kind' | 'status' | 'finishedAt' | 'deletedAt'>,
  run: Pick<ChecklistRun, 'id' | 'deletedAt' | 'answers'>,
): PostSaleRun | null {
  if (!isLive(run) || !isLive(visit) || visit.kind !== 'post_sale' || visit.status !== 'finished')
    return null;
  const day = visit.finishedAt ? dayOfTimestamp(visit.finishedAt) : null;
  return day ? { id: run.id, visit, month: day.slice(0, 7), answers: run.answers } : null;
}

function moodOfRun(r: PostSaleRun): PostSaleMood {
  return {
    id: r.id,
    clientId: r.visit.clientId,
    finishedAt: r.visit.finishedAt!,
    satisfaction: numberAnswer(r.answers[POST_SALE_ITEMS.satisfaction], 1, 5),
    recommend: numberAnswer(r.answers[POST_SALE_ITEMS.wouldRecommend], 0, 10),
  };
}

/**
 * What a run says of its client's mood (the report's rule, for a store that keeps it): null when
 * it does not count (not a live run of a live, finished post-sale visit with a finish day).
 */
export function postSaleMood(
  visit: Pick<Visit, 'id' | 'clientId' | 'kind' | 'status' | 'finishedAt' | 'deletedAt'>,
  run: Pick<ChecklistRun, 'id' | 'deletedAt' | 'answers'>,
): PostSaleMood | null {
  const r = postSaleRun(visit, run);
  return r ? moodOfRun(r) : null;
}

/** Each client's latest mood up to `month`'s end: the latest finish, the first run id of a tie. */
function latestMoods(moods: readonly PostSaleMood[], month: string): Map<string, PostSaleMood> {
  const latest = new Map<string, PostSaleMood>();
  for (const m of moods) {
    if (m.finishedAt.slice(0, 7) > month) continue;
    const prev = latest.get(m.clientId);
    if (
      !prev ||
      m.finishedAt > prev.finishedAt ||
      (m.finishedAt === prev.finishedAt && m.id < prev.id)
    )
      latest.set(m.clientId, m);
  }
  return latest;
}

/** Finished post-sale visits with their checklist answers, by the day they were finished. */
function postSaleRuns(book: ReportBook): PostSaleRun[] {
  const visits = new Map<string, Visit>();
  for (const v of book.visits) if (v.kind === 'post_sale') visits.set(v.id, v);
  const runs: PostSaleRun[] = [];
  for (const r of book.checklistRuns) {
    const visit = visits.get(r.visitId);
    const run = visit ? postSaleRun(visit, r) : null;
    if (run) runs.push(run);
  }
  return runs;
}

const numberAnswer = (value: unknown, min: number, max: number): number | null =>
  typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max
    ? value
    : null;

/** A month's post-sale answers, summed: sums add up across books, averages do not. */
interface SatisfactionSums {
  month: string;
  visits: number;
  satisfaction: number;
  satisfactionAnswers: number;
  recommend: number;
  recommendAnswers: number;
  promoters: number;
  detractors: number;
}

/** The trend's months (the last is `month`), each one's post-sale scores summed, in one pass. */
function satisfactionTrend(
  moods: readonly PostSaleMood[],
  month: string,
  trendMonths: number,
): SatisfactionSums[] {
  const trend: SatisfactionSums[] = [];
  const byMonth = new Map<string, SatisfactionSums>();
  for (let i = Math.max(1, trendMonths) - 1; i >= 0; i--) {
    const sums: SatisfactionSums = {
      month: shiftMonth(month, -i),
      visits: 0,
      satisfaction: 0,
      satisfactionAnswers: 0,
      recommend: 0,
      recommendAnswers: 0,
      promoters: 0,
      detractors: 0,
    };
    trend.push(sums);
    byMonth.set(sums.month, sums);
  }
  for (const m of moods) {
    const sums = byMonth.get(m.finishedAt.slice(0, 7));
    if (!sums) continue;
    sums.visits += 1;
    if (m.satisfaction !== null) {
      sums.satisfaction += m.satisfaction;
      sums.satisfactionAnswers += 1;
    }
    const rec = m.recommend;
    if (rec !== null) {
      sums.recommend += rec;
      sums.recommendAnswers += 1;
      if (rec >= 9) sums.promoters += 1;
      if (rec <= 6) sums.detractors += 1;
    }
  }
  return trend;
}

const average = (sum: number, n: number): number | null =>
  n > 0 ? Math.round((sum / n) * 100) / 100 : null;

function satisfactionPoint(s: SatisfactionSums): SatisfactionPoint {
  return {
    month: s.month,
    visits: s.visits,
    satisfactionAvg: average(s.satisfaction, s.satisfactionAnswers),
    recommendAvg: average(s.recommend, s.recommendAnswers),
    nps:
      s.recommendAnswers > 0
        ? Math.round(((s.promoters - s.detractors) / s.recommendAnswers) * 100)
        : null,
  };
}

type PromiseRow = z.infer<typeof PromiseRealitySchema>;

/** Whether a post-sale run's answers rate a promise below expectations (a shortfall). */
export const ratesBelow = (answers: ChecklistRun['answers']): boolean =>
  promiseRows(answers[POST_SALE_ITEMS.promises]).some((row) => row.reality === 'below');

function promiseRows(answer: unknown): PromiseRow[] {
  if (!Array.isArray(answer)) return [];
  return answer.filter(
    (r): r is PromiseRow => typeof r === 'object' && r !== null && 'benefitId' in r,
  );
}

/** A problem still to be fixed. */
export const isOpenProblem = (p: Pick<Problem, 'status'>): boolean =>
  p.status === 'open' || p.status === 'in_progress';

/** The day a status last changed, from its clock stamp (UTC day); the record's update time when unstamped. */
export function statusChangedDay(p: Pick<Problem, 'stamps' | 'updatedAt'>): Day | null {
  const stamp = p.stamps.status;
  if (stamp) {
    try {
      return new Date(parseHlc(stamp).ms).toISOString().slice(0, 10);
    } catch {
      // fall through to updatedAt
    }
  }
  return dayOfTimestamp(p.updatedAt);
}

/**
 * What a book's month counts before the counts become its report: counts and sums, and lists not
 * yet ordered. The tallies of two books with no client in common add up to the tally of both
 * (addTallies), which is how the team's month is the sum of its reps' months, counted once.
 */
export interface MonthTally extends Omit<MonthlyReport, 'actions' | 'satisfaction'> {
  actions: ActionTallies;
  satisfaction: SatisfactionSums[];
}

/**
 * The rep's report for `month` ('YYYY-MM') as seen on `today`: post-sale actions done vs due,
 * the satisfaction and would-recommend trend, expectation vs reality, referrals, problems and the
 * clients at risk, each with the reasons that put them there.
 */
export function monthlyReport(
  book: ReportBook,
  month: string,
  today: Day,
  trendMonths = TREND_MONTHS,
): MonthlyReport {
  return finishMonth(tallyMonth(book, month, today, trendMonths));
}

/** A book's month, counted (monthlyReport's rules; finishMonth makes it the report). */
export function tallyMonth(
  book: ReportBook,
  month: string,
  today: Day,
  trendMonths = TREND_MONTHS,
): MonthTally {
  if (!MONTH_RE.test(month)) throw new RangeError(`Not a month: ${month}`);
  const clients: ReportClient[] = [];
  // Each live client by id (its name for the clients at risk); every client's id, trashed too.
  const liveById = new Map<string, ReportClient>();
  const bookIds = new Set<string>();
  for (const c of book.clients) {
    bookIds.add(c.id);
    if (!isLive(c)) continue;
    clients.push(c);
    liveById.set(c.id, c);
  }
  const purchases = book.purchases.filter((p) => isLive(p) && liveById.has(p.clientId));
  const runs = postSaleRuns(book).filter((r) => liveById.has(r.visit.clientId));
  const monthRuns = runs.filter((r) => r.month === month);
  // Every live client's post-sale scores: the kept ones, or the runs' own.
  const moods = book.moods
    ? book.moods.filter((m) => liveById.has(m.clientId))
    : runs.map(moodOfRun);

  // A promise is quoted from the client's own purchases (the checklist offers those).
  const benefitKey = (clientId: string, benefitId: string) => `${clientId}\u0000${benefitId}`;
  const benefitText = new Map<string, string>();
  for (const p of purchases)
    for (const b of p.promisedBenefits) benefitText.set(benefitKey(p.clientId, b.id), b.text);
  const promises: MonthlyReport['promises'] = {
    below: 0,
    met: 0,
    exceeded: 0,
    unrated: 0,
    shortfalls: [],
  };
  for (const r of monthRuns) {
    for (const row of promiseRows(r.answers[POST_SALE_ITEMS.promises])) {
      if (row.reality === null) promises.unrated += 1;
      else promises[row.reality] += 1;
      if (row.reality === 'below') {
        promises.shortfalls.push({
          clientId: r.visit.clientId,
          visitId: r.visit.id,
          benefitId: row.benefitId,
          text: benefitText.get(benefitKey(r.visit.clientId, row.benefitId)) ?? '',
          comment: row.comment,
        });
      }
    }
  }

  const firstPurchase = book.firstPurchase ?? firstPurchaseDays(purchases);
  const referred = clients.filter((c) => c.referredBy !== null);
  const obtained = referred.filter((c) => (dayOfTimestamp(c.createdAt) ?? '').startsWith(month));
  const referrals: MonthlyReport['referrals'] = {
    obtained: obtained.length,
    obtainedConverted: obtained.filter((c) => firstPurchase.has(c.id)).length,
    converted: referred.filter((c) => firstPurchase.get(c.id)?.startsWith(month)).length,
    askedVisits: monthRuns.filter((r) =>
      ['given', 'asked_none'].includes(String(r.answers[POST_SALE_ITEMS.referrals])),
    ).length,
    postSaleVisits: monthRuns.length,
  };

  const problemsLive = book.problems.filter((p) => isLive(p) && liveById.has(p.clientId));
  const isOpen = isOpenProblem;
  const problems: MonthlyReport['problems'] = {
    opened: 0,
    sellersFault: 0,
    fixed: 0,
    confirmed: 0,
    openNow: 0,
    overdueNow: 0,
  };
  for (const p of problemsLive) {
    if ((dayOfTimestamp(p.createdAt) ?? '').startsWith(month)) {
      problems.opened += 1;
      if (p.sellersFault) problems.sellersFault += 1;
    }
    if (!isOpen(p) && (statusChangedDay(p) ?? '').startsWith(month))
      problems[p.status === 'confirmed' ? 'confirmed' : 'fixed'] += 1;
    if (isOpen(p)) {
      problems.openNow += 1;
      if (p.due !== null && p.due < today) problems.overdueNow += 1;
    }
  }

  const reasons = new Map<string, Set<AtRiskReason>>();
  const flag = (clientId: string, reason: AtRiskReason) => {
    if (!liveById.has(clientId)) return;
    const set = reasons.get(clientId) ?? new Set<AtRiskReason>();
    set.add(reason);
    reasons.set(clientId, set);
  };
  for (const c of clients) if (c.status === 'at_risk') flag(c.id, 'status_at_risk');
  for (const s of promises.shortfalls) flag(s.clientId, 'below_expectations');
  for (const p of problemsLive)
    if (isOpen(p) && p.due !== null && p.due < today) flag(p.clientId, 'overdue_problem');
  // The latest finished post-sale visit up to this month speaks for the client's mood.
  for (const m of latestMoods(moods, month).values())
    if (isLowMood(m)) flag(m.clientId, 'low_satisfaction');
  const last = book.lastContact ?? lastContactDays(book.contacts, book.visits, book.notes);
  for (const c of clients) {
    if (c.status === 'prospect' || c.status === 'lost') continue;
    const since = last.get(c.id) ?? dayOfTimestamp(c.createdAt);
    if (since !== null && daysBetween(since, today) > effectiveCadenceDays(c, book.cadence))
      flag(c.id, 'no_contact_overdue');
  }
  const atRisk = [...reasons].map(([clientId, set]) => ({
    clientId,
    name: liveById.get(clientId)?.name ?? '',
    reasons: [...set],
  }));

  const trend = satisfactionTrend(moods, month, trendMonths);

  const contacts: MonthlyReport['contacts'] = {
    total: 0,
    byType: Object.fromEntries(CONTACT_TYPES.map((t) => [t, 0])) as Record<ContactType, number>,
    complaints: 0,
  };
  for (const c of book.contacts) {
    if (!isLive(c) || !liveById.has(c.clientId) || !(dayOfTimestamp(c.at) ?? '').startsWith(month))
      continue;
    contacts.total += 1;
    contacts.byType[c.type] += 1;
    if (c.subtype === 'complaint') contacts.complaints += 1;
  }

  const visits: MonthlyReport['visits'] = {
    total: 0,
    byKind: { closing: 0, post_sale: 0, other: 0 },
    byOutcome: { won: 0, postponed: 0, lost: 0, done: 0, none: 0 },
  };
  const monthVisits = new Set<string>();
  for (const v of book.visits) {
    if (!isLive(v) || !liveById.has(v.clientId) || v.status !== 'finished' || !v.finishedAt)
      continue;
    if (!(dayOfTimestamp(v.finishedAt) ?? '').startsWith(month)) continue;
    monthVisits.add(v.id);
    visits.total += 1;
    visits.byKind[v.kind] += 1;
    visits.byOutcome[v.outcome?.result ?? 'none'] += 1;
  }
  const programVersions: Record<string, number> = {};
  for (const r of book.checklistRuns) {
    if (!isLive(r) || !monthVisits.has(r.visitId)) continue;
    const key = `${r.templateKey} v${r.templateVersion}`;
    programVersions[key] = (programVersions[key] ?? 0) + 1;
  }

  const churn: Record<string, number> = {};
  for (const c of clients) {
    if (c.status !== 'lost') continue;
    const reason = c.churnReason ?? 'none';
    churn[reason] = (churn[reason] ?? 0) + 1;
  }
  const overdueProblems = problemsLive
    .filter((p) => isOpen(p) && p.due !== null && p.due < today)
    .map((p) => ({ problemId: p.id, clientId: p.clientId, due: p.due!, owner: p.owner }));

  return {
    month,
    contacts,
    visits,
    churn,
    overdueProblems,
    programVersions,
    actions: tallyActions(book.followUps, bookIds, month, today),
    satisfaction: trend,
    promises,
    referrals,
    problems,
    atRisk,
  };
}

/** Adds the numbers of `from` into `into`, key by key (a key `into` lacks starts at 0). */
function addCounts<T extends object>(into: T, from: T): T {
  const sum = into as Record<string, number>;
  for (const [k, v] of Object.entries(from)) if (typeof v === 'number') sum[k] = (sum[k] ?? 0) + v;
  return into;
}

/** The tally of books with no client in common: every count and sum added, every list joined. */
export function addTallies(tallies: readonly MonthTally[]): MonthTally {
  const [first, ...rest] = tallies;
  if (!first) throw new RangeError('No month to add');
  // A deep copy: a tally is plain data (numbers, strings, lists, records).
  const total = JSON.parse(JSON.stringify(first)) as MonthTally;
  for (const t of rest) {
    if (t.month !== total.month) throw new RangeError(`${t.month} is not ${total.month}`);
    addCounts(total.actions.total, t.actions.total);
    for (const [kind, tally] of Object.entries(t.actions.byKind) as [FollowUpKind, ActionTally][])
      total.actions.byKind[kind] = addCounts(total.actions.byKind[kind] ?? emptyTally(), tally);
    t.satisfaction.forEach((s, i) => addCounts(total.satisfaction[i]!, s));
    addCounts(total.promises, t.promises);
    total.promises.shortfalls.push(...t.promises.shortfalls);
    addCounts(total.referrals, t.referrals);
    addCounts(total.problems, t.problems);
    total.atRisk.push(...t.atRisk);
    addCounts(total.contacts, t.contacts);
    addCounts(total.contacts.byType, t.contacts.byType);
    addCounts(total.visits, t.visits);
    addCounts(total.visits.byKind, t.visits.byKind);
    addCounts(total.visits.byOutcome, t.visits.byOutcome);
    addCounts(total.churn, t.churn);
    total.overdueProblems.push(...t.overdueProblems);
    addCounts(total.programVersions, t.programVersions);
  }
  return total;
}

/**
 * The report of a counted month: rates and averages worked out, lists put in order. `atRisk`,
 * when given, is the month's clients at risk already in order (teamReport takes each rep's from
 * the team's ordered list): the same order, without comparing names again.
 */
export function finishMonth(t: MonthTally, atRisk?: MonthlyReport['atRisk']): MonthlyReport {
  return {
    ...t,
    actions: finishActions(t.actions),
    satisfaction: t.satisfaction.map(satisfactionPoint),
    promises: {
      ...t.promises,
      // By visit (ids are time-ordered), then promise: the same order whichever book counted it.
      shortfalls: [...t.promises.shortfalls].sort(
        (a, b) => a.visitId.localeCompare(b.visitId) || a.benefitId.localeCompare(b.benefitId),
      ),
    },
    atRisk:
      atRisk ??
      [...t.atRisk].sort(
        (a, b) =>
          b.reasons.length - a.reasons.length ||
          byName().compare(a.name, b.name) ||
          a.clientId.localeCompare(b.clientId),
      ),
    overdueProblems: [...t.overdueProblems].sort(
      (a, b) => a.due.localeCompare(b.due) || a.problemId.localeCompare(b.problemId),
    ),
  };
}

/**
 * The book split by rep: every row goes with its client's owner (a client's rows are that rep's
 * work, whoever typed them). Rows of a client not in the book go nowhere, as in monthlyReport.
 */
export function splitBookByRep(book: ReportBook): Map<string, ReportBook> {
  interface RepBook extends ReportBook {
    clients: ReportClient[];
    purchases: Purchase[];
    visits: Visit[];
    checklistRuns: ChecklistRun[];
    followUps: ReportFollowUp[];
    problems: ReportProblem[];
    contacts: ContactLogEntry[];
    notes: Note[];
    moods?: PostSaleMood[];
  }
  const books = new Map<string, RepBook>();
  // Each client's rep's book, looked up once per row (one loop per table: each stays monomorphic).
  const bookOfClient = new Map<string, RepBook>();
  for (const c of book.clients) {
    let b = books.get(c.ownerId);
    if (!b) {
      b = {
        clients: [],
        purchases: [],
        visits: [],
        checklistRuns: [],
        followUps: [],
        problems: [],
        contacts: [],
        notes: [],
        ...(book.cadence ? { cadence: book.cadence } : {}),
        ...(book.lastContact ? { lastContact: book.lastContact } : {}),
        ...(book.firstPurchase ? { firstPurchase: book.firstPurchase } : {}),
        ...(book.moods ? { moods: [] } : {}),
      };
      books.set(c.ownerId, b);
    }
    b.clients.push(c);
    bookOfClient.set(c.id, b);
  }
  const bookOfVisit = new Map<string, RepBook>();
  for (const v of book.visits) {
    const b = bookOfClient.get(v.clientId);
    if (!b) continue;
    b.visits.push(v);
    bookOfVisit.set(v.id, b);
  }
  for (const r of book.checklistRuns) bookOfVisit.get(r.visitId)?.checklistRuns.push(r);
  for (const p of book.purchases) bookOfClient.get(p.clientId)?.purchases.push(p);
  for (const f of book.followUps) bookOfClient.get(f.clientId)?.followUps.push(f);
  for (const p of book.problems) bookOfClient.get(p.clientId)?.problems.push(p);
  for (const c of book.contacts) bookOfClient.get(c.clientId)?.contacts.push(c);
  for (const n of book.notes) bookOfClient.get(n.clientId)?.notes.push(n);
  for (const m of book.moods ?? []) bookOfClient.get(m.clientId)?.moods?.push(m);
  return books;
}

export interface TeamReport {
  month: string;
  /** One report per rep (by user id), each the very report that rep sees. */
  reps: { ownerId: string; report: MonthlyReport }[];
  /** The same computation over the whole team's book. */
  total: MonthlyReport;
}

/**
 * The team's month: the rep's report per rep, and the team's from the reps' tallies added (a
 * client's rows are its owner's, so the reps' books share no client: the sum is what counting
 * the whole book gives, without counting it twice).
 */
export function teamReport(
  book: ReportBook,
  month: string,
  today: Day,
  trendMonths = TREND_MONTHS,
): TeamReport {
  const tallies = [...splitBookByRep(book)]
    .map(([ownerId, b]) => ({ ownerId, tally: tallyMonth(b, month, today, trendMonths) }))
    .sort((a, b) => a.ownerId.localeCompare(b.ownerId));
  const total =
    tallies.length > 0
      ? finishMonth(addTallies(tallies.map((r) => r.tally)))
      : monthlyReport(book, month, today, trendMonths);
  // A rep's clients at risk are the team's, in the team's order (sorted by name once): each
  // rep's list is the team's list walked once, each client going to the rep that counted it.
  const repOf = new Map<string, MonthlyReport['atRisk']>();
  const ordered = tallies.map(({ tally }) => {
    const list: MonthlyReport['atRisk'] = [];
    for (const c of tally.atRisk) repOf.set(c.clientId, list);
    return list;
  });
  for (const c of total.atRisk) repOf.get(c.clientId)!.push(c);
  const reps = tallies.map(({ ownerId, tally }, i) => ({
    ownerId,
    report: finishMonth(tally, ordered[i]),
  }));
  return { month, reps, total };
}
