/** The client's cadence in the rep's words: "every 14 days (from tag «опт»)". */
import type { EffectiveCadence } from '../../../shared/domain/cadence';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export function cadenceText(cadence: EffectiveCadence, status: string, t: Translate): string {
  const every = t('clients.card.cadenceEvery', { count: cadence.days });
  const source = t(`clients.card.cadenceSource.${cadence.source}`, {
    tag: cadence.tag ?? '',
    status: t(`clients.status.${status}`),
  });
  return t('clients.card.cadenceWithSource', { every, source });
}
