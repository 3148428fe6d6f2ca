/** Client health for the screens: assessed from a summary for a day, cached per summary. */
import {
  assessClientHealth,
  type ClientHealth,
  type RiskSignal,
} from '../../../shared/domain/health';
import type { ClientSummary } from './data/clientSummary';
import { formatDate } from '../../i18n/dates';

const cache = new WeakMap<ClientSummary, { today: string; health: ClientHealth }>();

/** A summary object is replaced whenever its client changes, so caching by identity is safe. */
export function healthOf(summary: ClientSummary, today: string): ClientHealth {
  const hit = cache.get(summary);
  if (hit && hit.today === today) return hit.health;
  const health = assessClientHealth(summary.healthInput, today);
  cache.set(summary, { today, health });
  return health;
}

export function healthScoreOf(summary: ClientSummary, today: string): number {
  return healthOf(summary, today).score;
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** One risk signal in the rep's words, dates in the UI's language. */
export function describeSignal(signal: RiskSignal, t: Translate, language: string): string {
  const p = signal.params;
  const day = (v: unknown) => (typeof v === 'string' ? formatDate(v, 'withMonth', language) : '');
  const values: Record<string, unknown> = { ...p };
  for (const key of ['due', 'purchaseDate', 'lastContact'] as const) {
    if (key in p) values[key] = day(p[key]);
  }
  if (signal.code === 'churn_reason') values.reason = t(`clients.churn.${String(p.reason)}`);
  if (signal.code === 'open_problem' && p.overdueDays !== null && p.overdueDays !== undefined) {
    return t('clients.health.signal.open_problem_overdue', { ...values, count: p.overdueDays });
  }
  return t(`clients.health.signal.${signal.code}`, values);
}
