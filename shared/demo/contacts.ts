/** The contact log: all six kinds of post-sale contact (docs/domain.md §3), by phone, mail or in person. */
import type { ContactLogEntry, ContactType } from '../domain/contact';
import type { Purchase } from '../domain/purchase';
import type { ClientBundle } from './clients';
import type { ContactSubtype } from './locale';
import { phraseContext } from './notes';
import { stampAll, synced, type DemoContext } from './records';

const TYPES: readonly (readonly [ContactType, number])[] = [
  ['customer_initiated', 3],
  ['seller_initiated', 5],
  ['marketing', 3],
  ['cooperation', 2],
  ['friendly', 2],
  ['proactive_notice', 1],
];

const CHANNELS = [
  ['phone', 6],
  ['email', 3],
  ['messenger', 3],
  ['visit', 2],
  ['letter', 1],
  ['other', 1],
] as const;

function subtypeOf(ctx: DemoContext, type: ContactType): ContactSubtype {
  if (type === 'customer_initiated') return ctx.rng.chance(0.6) ? 'complaint' : 'suggestion';
  if (type === 'proactive_notice') return ctx.rng.chance(0.6) ? 'delay' : 'price_change';
  return 'none';
}

export function makeContacts(
  ctx: DemoContext,
  bundle: ClientBundle,
  purchases: readonly Purchase[],
  people: readonly { id: string }[],
): ContactLogEntry[] {
  const { rng, cal } = ctx;
  const count =
    bundle.client.status === 'prospect'
      ? rng.int(0, 2)
      : rng.weighted([
          [0, 1],
          [1, 2],
          [2, 3],
          [3, 3],
          [4, 2],
          [5, 1],
          [6, 1],
        ] as const);
  const entries: ContactLogEntry[] = [];
  for (let i = 0; i < count; i++) {
    // Customers complain and get notices only once they have bought something.
    let type = rng.weighted(TYPES);
    if (purchases.length === 0 && (type === 'customer_initiated' || type === 'proactive_notice'))
      type = 'marketing';
    const subtype = subtypeOf(ctx, type);
    const atMs = cal.instant(rng.int(bundle.since, -1), rng);
    const entry: ContactLogEntry = {
      ...synced(ctx, atMs),
      clientId: bundle.client.id,
      personId: people.length > 0 && rng.chance(0.8) ? rng.pick(people).id : null,
      type,
      subtype,
      channel: type === 'friendly' && rng.chance(0.3) ? 'letter' : rng.weighted(CHANNELS),
      at: cal.iso(atMs),
      summary: bundle.locale.contactSummary(
        rng,
        type,
        subtype,
        phraseContext(ctx, bundle, purchases),
      ),
    };
    entries.push(stampAll(ctx, entry, atMs));
  }
  return entries;
}
