import { isDay } from '../followups/days';
import { chosen, textAnswer, type Answers } from './answers';
import { BUYER_SIGNALS_BY_KEY, type SignalKind } from './closingSignals';
import { CLOSING_METHOD_KEYS, type ClosingMethodKey } from './closingMethods';
import { CLOSING_ITEMS, LOST_REASONS } from './closing';

type ReadinessLevel = 'cold' | 'warming' | 'ready';
const READINESS_THRESHOLDS = { warming: 35, ready: 70 } as const;

interface ReadinessDriver {
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
  const keys = new Set([
    ...chosen(answers[CLOSING_ITEMS.verbalSignals]),
    ...chosen(answers[CLOSING_ITEMS.nonverbalSignals]),
  ]);
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
  const score = Math.min(
    100,
    drivers.reduce((sum, d) => sum + d.weight, 0),
  );
  const level: ReadinessLevel =
    score >= READINESS_THRESHOLDS.ready
      ? 'ready'
      : score >= READINESS_THRESHOLDS.warming
        ? 'warming'
        : 'cold';
  return { score, level, drivers };
}

type SuggestionReason =
  { kind: 'signal'; signal: string } | { kind: 'readiness'; level: ReadinessLevel };

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
    fits.forEach((method, i) =>
      vote(method, Math.max(1, 3 - i), { kind: 'signal', signal: d.signal }),
    );
  }
  for (const [method, points] of Object.entries(READINESS_FITS[r.level]) as [
    ClosingMethodKey,
    number,
  ][]) {
    vote(method, points, { kind: 'readiness', level: r.level });
  }
  return [...byMethod.values()].sort(
    (a, b) =>
      b.score - a.score ||
      CLOSING_METHOD_KEYS.indexOf(a.method) - CLOSING_METHOD_KEYS.indexOf(b.method),
  );
}

export type ClosingOutcome =
  | { result: 'won'; promisedBenefits: string[]; deliveryDate: string | null }
  | { result: 'postponed'; nextStep: string; nextDate: string | null }
  | { result: 'lost'; reason: (typeof LOST_REASONS)[number] | null; comment: string };

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
      .map((line) =>
        line
          .replace(/^[\s\-–—•*\d.)]+/, '')
          .trim()
          .slice(0, 500),
      )
      .filter(Boolean)
      .slice(0, 50);
    return { result, promisedBenefits, deliveryDate: day(CLOSING_ITEMS.deliveryDate) };
  }
  if (result === 'postponed') {
    return {
      result,
      nextStep: textAnswer(answers[CLOSING_ITEMS.nextStep]).slice(0, 500),
      nextDate: day(CLOSING_ITEMS.nextDate),
    };
  }
  if (result === 'lost') {
    const r = chosen(answers[CLOSING_ITEMS.lostReason])[0];
    const reason = LOST_REASONS.find((x) => x === r) ?? null;
    return {
      result,
      reason,
      comment: textAnswer(answers[CLOSING_ITEMS.lostComment]).slice(0, 500),
    };
  }
  return null;
}
