import type { Answer, ChecklistItem, ChecklistTemplate } from './checklist';
import type { LOYALTY_LEVELS } from './client';
import { isDay } from './followups/days';
import { BUYER_SIGNALS_BY_KEY, type SignalKind } from './templates/closingSignals';
import { CLOSING_METHOD_KEYS, type ClosingMethodKey } from './templates/closingMethods';
import { CLOSING_ITEMS, LOST_REASONS } from './templates/closing';
import { POST_SALE_ITEMS } from './templates/postSale';

export type Answers = Readonly<Record<string, Answer | undefined>>;
export type LoyaltyLevel = (typeof LOYALTY_LEVELS)[number];

/** The option keys chosen in a choice answer (a single choice is stored as a string). */
export function chosen(answer: Answer | undefined): string[] {
  if (typeof answer === 'string') return answer === '' ? [] : [answer];
  if (Array.isArray(answer)) return answer.filter((a): a is string => typeof a === 'string');
  return [];
}

/** Whether an item applies with these answers (items with `when` apply only under their condition). */
export function itemApplies(item: ChecklistItem, answers: Answers): boolean {
  if (!item.when) return true;
  const answer = answers[item.when.item];
  const values = typeof answer === 'boolean' ? [String(answer)] : chosen(answer);
  return values.some((v) => item.when?.anyOf.includes(v));
}

export interface ValidationContext {
  /** The purchase's promised benefits: every one must be rated in a promise-vs-reality item. */
  promisedBenefitIds?: readonly string[];
}

/** 'missing' when a required item has no usable answer; 'invalid' when the answer does not fit the item. */
function checkAnswer(item: ChecklistItem, answer: Answer | undefined, ctx: ValidationContext): 'ok' | 'empty' | 'invalid' {
  if (answer === undefined || answer === null) return 'empty';
  switch (item.type) {
    case 'check':
      if (typeof answer !== 'boolean') return 'invalid';
      // A required check is a confirmation (the mistakes guard): only a tick counts.
      return answer ? 'ok' : 'empty';
    case 'choice': {
      if (typeof answer !== 'string' && !Array.isArray(answer)) return 'invalid';
      const keys = chosen(answer);
      if (Array.isArray(answer) && keys.length !== answer.length) return 'invalid';
      if (keys.some((k) => !item.options.some((o) => o.key === k))) return 'invalid';
      if (!item.multiple && keys.length > 1) return 'invalid';
      return keys.length > 0 ? 'ok' : 'empty';
    }
    case 'scale':
      if (typeof answer !== 'number' || !Number.isInteger(answer)) return 'invalid';
      return answer >= item.min && answer <= item.max ? 'ok' : 'invalid';
    case 'short_text':
    case 'long_text':
      if (typeof answer !== 'string') return 'invalid';
      return answer.trim() ? 'ok' : 'empty';
    case 'date':
      if (typeof answer !== 'string') return 'invalid';
      if (answer === '') return 'empty';
      return isDay(answer) ? 'ok' : 'invalid';
    case 'promise_vs_reality': {
      if (!Array.isArray(answer) || answer.some((r) => typeof r !== 'object')) return 'invalid';
      const rows = answer as Exclude<Answer, string[] | string | number | boolean | null>;
      const rated = new Set(rows.filter((r) => r.reality !== null).map((r) => r.benefitId));
      const expected = ctx.promisedBenefitIds ?? rows.map((r) => r.benefitId);
      if (expected.length === 0) return ctx.promisedBenefitIds ? 'ok' : 'empty';
      return expected.every((id) => rated.has(id)) ? 'ok' : 'empty';
    }
  }
}

export interface StepValidation {
  step: string;
  missing: string[];
  invalid: string[];
}

export interface RunValidation {
  complete: boolean;
  /** Every step, in template order, with the keys of its required items still missing and of answers that do not fit. */
  steps: StepValidation[];
}

/** What still blocks finishing a run: missing required items (of the items that apply) and answers that do not fit. */
export function validateRun(template: Pick<ChecklistTemplate, 'steps'>, answers: Answers, ctx: ValidationContext = {}): RunValidation {
  const steps = template.steps.map((step) => {
    const missing: string[] = [];
    const invalid: string[] = [];
    for (const item of step.items) {
      if (!itemApplies(item, answers)) continue;
      const state = checkAnswer(item, answers[item.key], ctx);
      if (state === 'invalid') invalid.push(item.key);
      else if (state === 'empty' && item.required) missing.push(item.key);
    }
    return { step: step.key, missing, invalid };
  });
  return { complete: steps.every((s) => s.missing.length === 0 && s.invalid.length === 0), steps };
}

export interface StepProgress {
  step: string;
  /** Applicable items with a fitting answer. */
  answered: number;
  applicable: number;
  requiredAnswered: number;
  required: number;
}

export interface RunProgress {
  /** 0..100: share of the required items that apply and are answered (100 when nothing is required). */
  percent: number;
  steps: StepProgress[];
}

export function runProgress(template: Pick<ChecklistTemplate, 'steps'>, answers: Answers, ctx: ValidationContext = {}): RunProgress {
  let required = 0;
  let requiredAnswered = 0;
  const steps = template.steps.map((step) => {
    const p: StepProgress = { step: step.key, answered: 0, applicable: 0, requiredAnswered: 0, required: 0 };
    for (const item of step.items) {
      if (!itemApplies(item, answers)) continue;
      const ok = checkAnswer(item, answers[item.key], ctx) === 'ok';
      p.applicable += 1;
      if (ok) p.answered += 1;
      if (item.required) {
        p.required += 1;
        if (ok) p.requiredAnswered += 1;
      }
    }
    required += p.required;
    requiredAnswered += p.requiredAnswered;
    return p;
  });
  return { percent: required === 0 ? 100 : Math.floor((requiredAnswered / required) * 100), steps };
}

// --- Closing: readiness and methods -------------------------------------------------------------

export type ReadinessLevel = 'cold' | 'warming' | 'ready';
export const READINESS_THRESHOLDS = { warming: 35, ready: 70 } as const;

export interface ReadinessDriver {
  signal: string;
  kind: SignalKind;
  weight: number;
}

export interface Readiness {
  score: number;
  level: ReadinessLevel;
  /** The signals seen, strongest first: what the indicator says "because of". */
  drivers: ReadinessDriver[];
}

function seenSignals(answers: Answers): ReadinessDriver[] {
  const keys = new Set([...chosen(answers[CLOSING_ITEMS.verbalSignals]), ...chosen(answers[CLOSING_ITEMS.nonverbalSignals])]);
  const drivers: ReadinessDriver[] = [];
  for (const key of keys) {
    const s = BUYER_SIGNALS_BY_KEY.get(key);
    if (s) drivers.push({ signal: s.key, kind: s.kind, weight: s.weight });
  }
  return drivers.sort((a, b) => b.weight - a.weight || a.signal.localeCompare(b.signal));
}

/** The readiness indicator: the weights of the buyer signals seen, added up and capped at 100. */
export function readiness(answers: Answers): Readiness {
  const drivers = seenSignals(answers);
  const score = Math.min(100, drivers.reduce((sum, d) => sum + d.weight, 0));
  const level: ReadinessLevel =
    score >= READINESS_THRESHOLDS.ready ? 'ready' : score >= READINESS_THRESHOLDS.warming ? 'warming' : 'cold';
  return { score, level, drivers };
}

export type SuggestionReason = { kind: 'signal'; signal: string } | { kind: 'readiness'; level: ReadinessLevel };

export interface MethodSuggestion {
  method: ClosingMethodKey;
  score: number;
  reasons: SuggestionReason[];
}

/** What the readiness level alone makes fitting: ask outright when ready, test gently while cold. */
const READINESS_FITS: Record<ReadinessLevel, Partial<Record<ClosingMethodKey, number>>> = {
  ready: { direct_request: 3, assumptive: 2 },
  warming: { trial_close: 2, summary: 1 },
  cold: { trial_close: 2 },
};

/**
 * Closing methods ranked by fit with the signals seen: each signal votes for the methods it makes
 * natural (its first fit counts most), and the readiness level adds its own. Ties keep the
 * catalogue order, so the ranking is stable.
 */
export function suggestMethods(answers: Answers): MethodSuggestion[] {
  const r = readiness(answers);
  const byMethod = new Map<ClosingMethodKey, MethodSuggestion>();
  const vote = (method: ClosingMethodKey, points: number, reason: SuggestionReason) => {
    const s = byMethod.get(method) ?? { method, score: 0, reasons: [] };
    s.score += points;
    s.reasons.push(reason);
    byMethod.set(method, s);
  };
  for (const d of r.drivers) {
    const fits = BUYER_SIGNALS_BY_KEY.get(d.signal)?.fits ?? [];
    fits.forEach((method, i) => vote(method, Math.max(1, 3 - i), { kind: 'signal', signal: d.signal }));
  }
  for (const [method, points] of Object.entries(READINESS_FITS[r.level]) as [ClosingMethodKey, number][]) {
    vote(method, points, { kind: 'readiness', level: r.level });
  }
  return [...byMethod.values()].sort(
    (a, b) => b.score - a.score || CLOSING_METHOD_KEYS.indexOf(a.method) - CLOSING_METHOD_KEYS.indexOf(b.method),
  );
}

// --- Outcomes -----------------------------------------------------------------------------------

export type ClosingOutcome =
  | { result: 'won'; promisedBenefits: string[]; deliveryDate: string | null }
  | { result: 'postponed'; nextStep: string; nextDate: string | null }
  | { result: 'lost'; reason: (typeof LOST_REASONS)[number] | null; comment: string };

function textAnswer(answer: Answer | undefined): string {
  return typeof answer === 'string' ? answer.trim() : '';
}

/** The outcome of a closing run, with the promised benefits one per line, ready for the new purchase. */
export function closingOutcome(answers: Answers): ClosingOutcome | null {
  const result = chosen(answers[CLOSING_ITEMS.outcome])[0];
  const day = (key: string) => {
    const v = textAnswer(answers[key]);
    return isDay(v) ? v : null;
  };
  if (result === 'won') {
    const promisedBenefits = textAnswer(answers[CLOSING_ITEMS.promisedBenefits])
      .split(/\r?\n/)
      .map((line) => line.replace(/^[\s\-–—•*\d.)]+/, '').trim().slice(0, 500))
      .filter(Boolean)
      .slice(0, 50);
    return { result, promisedBenefits, deliveryDate: day(CLOSING_ITEMS.deliveryDate) };
  }
  if (result === 'postponed') {
    return { result, nextStep: textAnswer(answers[CLOSING_ITEMS.nextStep]).slice(0, 500), nextDate: day(CLOSING_ITEMS.nextDate) };
  }
  if (result === 'lost') {
    const r = chosen(answers[CLOSING_ITEMS.lostReason])[0];
    const reason = LOST_REASONS.find((x) => x === r) ?? null;
    return { result, reason, comment: textAnswer(answers[CLOSING_ITEMS.lostComment]).slice(0, 500) };
  }
  return null;
}

const BUY_AGAIN_LOYALTY: Record<string, LoyaltyLevel> = {
  definitely: 'high',
  probably: 'medium',
  unsure: 'low',
  unlikely: 'low',
};
const LOYALTY_RANK: Record<LoyaltyLevel, number> = { unknown: 0, low: 1, medium: 2, high: 3 };

function capAt(level: LoyaltyLevel, cap: LoyaltyLevel): LoyaltyLevel {
  return LOYALTY_RANK[level] > LOYALTY_RANK[cap] ? cap : level;
}

/**
 * The starting loyalty level from a post-sale visit (DOMAIN.md §4): willingness to buy again sets
 * it; turning down a cheaper competitor proves it (high); a dissatisfied client (1–2 of 5) is held
 * at low and one who would not recommend us (0–6) at medium, whatever they say about buying again.
 */
export function loyaltyFromAnswers(answers: Answers): LoyaltyLevel {
  let level: LoyaltyLevel = BUY_AGAIN_LOYALTY[chosen(answers[POST_SALE_ITEMS.buyAgain])[0] ?? ''] ?? 'unknown';
  if (answers[POST_SALE_ITEMS.declinedCheaperOffer] === true) level = 'high';
  if (level === 'unknown') return level;
  const satisfaction = answers[POST_SALE_ITEMS.satisfaction];
  const recommend = answers[POST_SALE_ITEMS.wouldRecommend];
  if (typeof satisfaction === 'number' && satisfaction <= 2) level = capAt(level, 'low');
  if (typeof recommend === 'number' && recommend <= 6) level = capAt(level, 'medium');
  return level;
}
