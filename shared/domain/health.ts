import type { z } from 'zod';
import type { Client, LOYALTY_LEVELS, CHURN_REASONS } from './client';
import { effectiveCadenceDays, type CadenceSettings } from './cadence';
import type { Purchase } from './purchase';
import type { Problem } from './problem';
import type { ContactLogEntry } from './contact';
import type { Note, Visit } from './visit';
import type { ChecklistRun, PromiseRealitySchema } from './checklist';
import { isLive } from './common';

/**
 * Client health: the rep's recorded loyalty, lowered by risk signals the data shows. Small and
 * explainable on purpose: every signal says what it is about and carries the figures the UI needs
 * to say why ("delivery 12 days overdue"), so the badge never asks the rep to trust a black box.
 */
type LoyaltyLevel = (typeof LOYALTY_LEVELS)[number];
type RiskSeverity = 'high' | 'medium' | 'low';

export const RISK_SIGNAL_CODES = [
  'delivery_overdue',
  'installation_overdue',
  'training_overdue',
  'payment_overdue',
  'open_problem',
  'problem_unconfirmed',
  'no_contact',
  'never_contacted',
  'post_sale_below',
  'churn_reason',
] as const;
type RiskSignalCode = (typeof RISK_SIGNAL_CODES)[number];

export interface RiskSignal {
  code: RiskSignalCode;
  severity: RiskSeverity;
  /** Interpolation values for the signal's text; `count` is the number the wording agrees with. */
  params: Record<string, string | number | null>;
  /** The purchase, problem or visit the signal is about, for a link; null for the client itself. */
  subjectId: string | null;
}

export interface ClientHealth {
  /** Recorded loyalty lowered by the signals; never above what the rep recorded. */
  loyalty: LoyaltyLevel;
  /** 0..100: higher is healthier. For sorting the list by health. */
  score: number;
  signals: RiskSignal[];
  /** Any high-severity signal: the client needs attention now. */
  atRisk: boolean;
}

type Live = { deletedAt: string | null };
export interface ClientHealthInput {
  client: Pick<
    Client,
    'status' | 'tags' | 'cadenceDays' | 'loyalty' | 'churnReason' | 'churnComment' | 'createdAt'
  >;
  /** The rep's cadence defaults (Settings) for "no contact beyond cadence"; absent: built-in. */
  cadence?: CadenceSettings;
  purchases?: readonly (Pick<
    Purchase,
    'id' | 'date' | 'delivery' | 'installation' | 'training' | 'payment' | 'promisedBenefits'
  > &
    Live)[];
  problems?: readonly (Pick<
    Problem,
    'id' | 'status' | 'due' | 'sellersFault' | 'description' | 'createdAt'
  > &
    Live)[];
  contacts?: readonly (Pick<ContactLogEntry, 'at'> & Live)[];
  visits?: readonly (Pick<Visit, 'id' | 'kind' | 'startedAt'> & Live)[];
  notes?: readonly (Pick<Note, 'createdAt'> & Live)[];
  /** Checklist runs of the client's visits; post-sale answers compare promises with reality. */
  checklistRuns?: readonly (Pick<ChecklistRun, 'visitId' | 'answers'> & Live)[];
}

export interface ClientHealthOptions {
  /** The calendar day of a timestamp for the rep; default: the day in this device's time zone. */
  dayOf?: (timestamp: string) => string;
}

const MILESTONES = [
  // [milestone, signal, days overdue that make it high severity, severity below that]
  ['delivery', 'delivery_overdue', 14, 'medium'],
  ['payment', 'payment_overdue', 30, 'medium'],
  ['installation', 'installation_overdue', 14, 'low'],
  ['training', 'training_overdue', 30, 'low'],
] as const;

const BASE_SCORE: Record<LoyaltyLevel, number> = { high: 90, medium: 70, low: 45, unknown: 65 };
const PENALTY: Record<RiskSeverity, number> = { high: 30, medium: 15, low: 5 };
const LEVEL_RANK: Record<LoyaltyLevel, number> = { unknown: -1, low: 0, medium: 1, high: 2 };
const SEVERITY_RANK: Record<RiskSeverity, number> = { high: 0, medium: 1, low: 2 };

/** Assesses one client's health on `today` (YYYY-MM-DD, the rep's calendar day). */
export function assessClientHealth(
  input: ClientHealthInput,
  today: string,
  options: ClientHealthOptions = {},
): ClientHealth {
  const dayOf = options.dayOf ?? localDay;
  const live = <T extends Live>(rows: readonly T[] | undefined): T[] =>
    (rows ?? []).filter((r) => isLive(r));
  const purchases = live(input.purchases);
  const signals: RiskSignal[] = [
    ...overdueMilestones(purchases, today),
    ...problemSignals(live(input.problems), today, dayOf),
    ...contactSignal(input, today, dayOf),
    ...postSaleSignal(live(input.visits), live(input.checklistRuns), purchases),
    ...churnSignal(input.client),
  ];
  signals.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      Number(b.params.count ?? 0) - Number(a.params.count ?? 0),
  );

  const recorded = input.client.loyalty;
  const penalty = signals.reduce((sum, s) => sum + PENALTY[s.severity], 0);
  const score = Math.max(0, Math.min(100, BASE_SCORE[recorded] - penalty));
  let loyalty: LoyaltyLevel = recorded;
  if (signals.length > 0) {
    const fromScore: LoyaltyLevel = score >= 75 ? 'high' : score >= 50 ? 'medium' : 'low';
    // Unknown loyalty with problems showing is at best medium: nothing says it is high.
    const cap: LoyaltyLevel = recorded === 'unknown' ? 'medium' : recorded;
    loyalty = LEVEL_RANK[fromScore] < LEVEL_RANK[cap] ? fromScore : cap;
  }
  if (input.client.status === 'lost' && loyalty !== 'unknown') loyalty = 'low';
  return { loyalty, score, signals, atRisk: signals.some((s) => s.severity === 'high') };
}

function overdueMilestones(
  purchases: NonNullable<ClientHealthInput['purchases']>,
  today: string,
): RiskSignal[] {
  const signals: RiskSignal[] = [];
  for (const purchase of purchases) {
    for (const [key, code, highAfter, lower] of MILESTONES) {
      const { due, done } = purchase[key];
      // Done late is done: the client got it. Due today is not overdue yet.
      if (due === null || done !== null || due >= today) continue;
      const days = daysBetween(due, today);
      signals.push({
        code,
        severity: days >= highAfter ? 'high' : lower,
        params: { count: days, due, purchaseDate: purchase.date },
        subjectId: purchase.id,
      });
    }
  }
  return signals;
}

function problemSignals(
  problems: NonNullable<ClientHealthInput['problems']>,
  today: string,
  dayOf: (ts: string) => string,
): RiskSignal[] {
  return problems.flatMap((problem): RiskSignal[] => {
    if (problem.status === 'confirmed') return [];
    const params = {
      count: Math.max(0, daysBetween(dayOf(problem.createdAt), today)),
      description: shorten(problem.description, 80),
      due: problem.due,
      overdueDays:
        problem.due !== null && problem.due < today ? daysBetween(problem.due, today) : null,
    };
    // Fixed but not yet confirmed by the client: almost done, still worth a call.
    if (problem.status === 'fixed') {
      return [{ code: 'problem_unconfirmed', severity: 'low', params, subjectId: problem.id }];
    }
    const severe = problem.sellersFault || params.overdueDays !== null;
    return [
      { code: 'open_problem', severity: severe ? 'high' : 'medium', params, subjectId: problem.id },
    ];
  });
}

/** The last contact is the latest logged contact, visit or note: never a field to keep up by hand. */
export function lastContactAt(
  input: Pick<ClientHealthInput, 'contacts' | 'visits' | 'notes'>,
): string | null {
  let latest: string | null = null;
  let latestMs = -Infinity;
  const consider = (ts: string, deletedAt: string | null) => {
    const ms = Date.parse(ts);
    if (deletedAt === null && ms > latestMs) {
      latestMs = ms;
      latest = ts;
    }
  };
  for (const c of input.contacts ?? []) consider(c.at, c.deletedAt);
  for (const v of input.visits ?? []) consider(v.startedAt, v.deletedAt);
  for (const n of input.notes ?? []) consider(n.createdAt, n.deletedAt);
  return latest;
}

function contactSignal(
  input: ClientHealthInput,
  today: string,
  dayOf: (ts: string) => string,
): RiskSignal[] {
  const cadenceDays = effectiveCadenceDays(input.client, input.cadence);
  const last = lastContactAt(input);
  const since = daysBetween(dayOf(last ?? input.client.createdAt), today);
  if (since <= cadenceDays) return [];
  const severity: RiskSeverity = since > 2 * cadenceDays ? 'high' : 'medium';
  if (last === null) {
    return [
      {
        code: 'never_contacted',
        severity: 'medium',
        params: { count: since, cadenceDays },
        subjectId: null,
      },
    ];
  }
  return [
    {
      code: 'no_contact',
      severity,
      params: { count: since, cadenceDays, lastContact: dayOf(last) },
      subjectId: null,
    },
  ];
}

type PromiseReality = z.infer<typeof PromiseRealitySchema>;
const isPromiseAnswer = (value: unknown): value is PromiseReality[] =>
  Array.isArray(value) &&
  value.length > 0 &&
  value.every((v) => typeof v === 'object' && v !== null && 'benefitId' in v && 'reality' in v);

/** Promises that fell short at the latest post-sale visit that judged them. */
function postSaleSignal(
  visits: NonNullable<ClientHealthInput['visits']>,
  runs: NonNullable<ClientHealthInput['checklistRuns']>,
  purchases: NonNullable<ClientHealthInput['purchases']>,
): RiskSignal[] {
  const postSale = new Map(visits.filter((v) => v.kind === 'post_sale').map((v) => [v.id, v]));
  const verdicts = new Map<
    string,
    { at: number; reality: PromiseReality['reality']; visitId: string }
  >();
  for (const run of runs) {
    const visit = postSale.get(run.visitId);
    if (!visit) continue;
    const at = Date.parse(visit.startedAt);
    for (const answer of Object.values(run.answers)) {
      if (!isPromiseAnswer(answer)) continue;
      for (const { benefitId, reality } of answer) {
        const previous = verdicts.get(benefitId);
        // A later visit's verdict replaces an earlier one: a shortfall since fixed is no risk.
        if (reality !== null && (!previous || previous.at <= at)) {
          verdicts.set(benefitId, { at, reality, visitId: visit.id });
        }
      }
    }
  }
  const below = [...verdicts].filter(([, v]) => v.reality === 'below');
  if (below.length === 0) return [];
  const texts = new Map(
    purchases.flatMap((p) => p.promisedBenefits.map((b) => [b.id, b.text] as const)),
  );
  const latest = below.reduce((a, b) => (b[1].at > a[1].at ? b : a));
  return [
    {
      code: 'post_sale_below',
      severity: below.length >= 2 ? 'high' : 'medium',
      params: {
        count: below.length,
        promises: below
          .map(([id]) => shorten(texts.get(id) ?? '', 60))
          .filter((t) => t !== '')
          .join('; '),
      },
      subjectId: latest[1].visitId,
    },
  ];
}

function churnSignal(client: ClientHealthInput['client']): RiskSignal[] {
  const reason: (typeof CHURN_REASONS)[number] | null = client.churnReason;
  if (reason === null) return [];
  // Once won back, the old reason is history worth remembering, not an alarm.
  const severity: RiskSeverity = client.status === 'won_back' ? 'low' : 'high';
  return [
    {
      code: 'churn_reason',
      severity,
      params: { reason, comment: shorten(client.churnComment, 120) },
      subjectId: null,
    },
  ];
}

/** Whole days from one calendar day to another (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  return Math.round((dayMs(to) - dayMs(from)) / 86_400_000);
}

function dayMs(day: string): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return Date.UTC(y, m - 1, d);
}

function localDay(timestamp: string): string {
  const date = new Date(timestamp);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

function shorten(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max - 1)}…`;
}
