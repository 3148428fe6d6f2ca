/** Free-text notes a rep keeps about a client, some written during a visit. */
import type { Purchase } from '../domain/purchase';
import type { Note, Visit } from '../domain/visit';
import { CATALOGUE } from './catalogue';
import type { ClientBundle } from './clients';
import type { PhraseContext } from './locale';
import { stampAll, synced, type DemoContext } from './records';
import { noteText } from './text';

/** What a phrase about this client may mention: one of its people, something it bought or may buy. */
export function phraseContext(
  ctx: DemoContext,
  bundle: ClientBundle,
  purchases: readonly Purchase[],
): PhraseContext {
  const { rng } = ctx;
  const purchase = purchases.length > 0 && rng.chance(0.7) ? rng.pick(purchases) : null;
  const item = purchase?.items[0]?.name;
  const benefit = purchase?.promisedBenefits[0]?.text;
  const fallback = rng.pick(CATALOGUE);
  return {
    person: rng.pick(bundle.spoken),
    item: item ?? (bundle.locale.lang === 'ru' ? fallback.ru : fallback.en),
    benefit: benefit ?? rng.pick(bundle.locale.benefits),
  };
}

export function makeNotes(
  ctx: DemoContext,
  bundle: ClientBundle,
  purchases: readonly Purchase[],
  visits: readonly Visit[],
  count: number,
): Note[] {
  const { rng, cal } = ctx;
  const finished = visits.filter((v) => v.status === 'finished');
  const notes: Note[] = [];
  for (let i = 0; i < count; i++) {
    const visit = finished.length > 0 && rng.chance(0.4) ? rng.pick(finished) : null;
    const createdMs = visit
      ? Math.min(Date.parse(visit.startedAt) + rng.int(5, 90) * 60_000, cal.latestMs)
      : cal.instant(rng.int(bundle.since, -1), rng);
    const text = noteText(rng, () =>
      bundle.locale.noteSentence(rng, phraseContext(ctx, bundle, purchases)),
    );
    const note: Note = {
      ...synced(ctx, createdMs),
      clientId: bundle.client.id,
      visitId: visit?.id ?? null,
      text,
    };
    notes.push(stampAll(ctx, note, createdMs));
  }
  return notes;
}
