/**
 * Purchases of equipment with the follow-through a rep tracks: delivery, installation, training and
 * payment, each due on a day and done on a day (or not yet, which is how deliveries go overdue).
 */
import { CROSS_SELL_KINDS, type Milestone, type Purchase } from '../domain/purchase';
import { AFTER_SALE, EQUIPMENT, RUB_PER, type CatalogueItem } from './catalogue';
import type { ClientBundle } from './clients';
import { nestedId, stampAll, synced, touch, type DemoContext } from './records';

type Currency = keyof typeof RUB_PER;

function money(amount: number, currency: Currency): number {
  return currency === 'RUB' ? Math.round(amount / 100) * 100 : Math.round(amount * 100) / 100;
}

/** The items bought, and their worth at list price where the rep left the unit price out. */
function itemsOf(
  ctx: DemoContext,
  bundle: ClientBundle,
  currency: Currency,
): { items: Purchase['items']; worth: number } {
  const { rng } = ctx;
  const chosen: [CatalogueItem, number][] = [[rng.pick(EQUIPMENT), rng.int(1, 2)]];
  const more = rng.weighted([
    [0, 4],
    [1, 3],
    [2, 2],
  ] as const);
  for (let i = 0; i < more; i++) {
    const extra = rng.chance(0.5) ? rng.pick(AFTER_SALE) : rng.pick(EQUIPMENT);
    if (chosen.some(([c]) => c === extra)) continue;
    chosen.push([extra, extra.kind === 'equipment' ? 1 : rng.int(2, 10)]);
  }
  let worth = 0;
  const items = chosen.map(([item, quantity]) => {
    const price = money((item.priceRub * rng.int(90, 110)) / 100 / RUB_PER[currency], currency);
    worth += quantity * price;
    return {
      name: bundle.locale.lang === 'ru' ? item.ru : item.en,
      quantity,
      unitPrice: rng.chance(0.1) ? null : price,
    };
  });
  return { items, worth };
}

/**
 * A follow-through step `lead` days after `from`. Past due steps are mostly done (a few days early
 * or late); the rest stay open, which is what the overdue filters look for.
 */
function milestone(
  ctx: DemoContext,
  from: number,
  lead: number,
  doneChance: number,
  notBefore = from,
): Milestone {
  const { rng, cal } = ctx;
  const due = from + lead;
  if (due > -1 || !rng.chance(doneChance)) return { due: cal.day(due), done: null };
  const done = Math.min(-1, Math.max(notBefore, due + rng.int(-3, 7)));
  return { due: cal.day(due), done: cal.day(done) };
}

function offsetOfDay(ctx: DemoContext, day: string): number {
  return ctx.cal.offsetOf(Date.parse(`${day}T00:00:00Z`));
}

export interface PurchasePlan {
  /** Delivery due in the past and not done. */
  overdueDelivery: boolean;
}

export function makePurchase(ctx: DemoContext, bundle: ClientBundle, plan: PurchasePlan): Purchase {
  const { rng, cal } = ctx;
  const locale = bundle.locale;
  const dateOffset = plan.overdueDelivery
    ? -rng.int(12, 40)
    : rng.int(Math.min(-2, bundle.since + 3), -2);
  const createdMs = cal.instant(dateOffset, rng);
  const currency = rng.weighted(locale.currencies);
  const { items, worth } = itemsOf(ctx, bundle, currency);
  const discount = rng.pick([0, 0, 0, 3, 5, 7, 10]);
  const benefitCount = rng.int(1, 3);

  const delivery = plan.overdueDelivery
    ? { due: cal.day(-rng.int(1, 9)), done: null }
    : milestone(ctx, dateOffset, rng.int(5, 30), 0.88);
  const deliveryDue = offsetOfDay(ctx, delivery.due ?? cal.day(dateOffset));
  const deliveredOn = delivery.done === null ? null : offsetOfDay(ctx, delivery.done);
  // Nothing is installed or taught before it has arrived.
  const installation = rng.chance(0.7)
    ? milestone(ctx, deliveryDue, rng.int(1, 7), deliveredOn === null ? 0 : 0.9, deliveredOn ?? 0)
    : { due: null, done: null };
  const training = rng.chance(0.5)
    ? milestone(ctx, deliveryDue, rng.int(5, 20), deliveredOn === null ? 0 : 0.8, deliveredOn ?? 0)
    : { due: null, done: null };
  const payment = milestone(ctx, dateOffset, rng.pick([0, 7, 14, 30, 45]), 0.85);
  const serviceActive = rng.chance(0.3);

  const purchase: Purchase = {
    ...synced(ctx, createdMs),
    clientId: bundle.client.id,
    date: cal.day(dateOffset),
    items,
    total: { amount: money(worth * (1 - discount / 100), currency), currency },
    promisedBenefits: rng
      .pickSome(locale.benefits, benefitCount)
      .map((text) => ({ id: nestedId(ctx, createdMs), text })),
    delivery,
    installation,
    training,
    payment,
    warrantyEnd: cal.day(dateOffset + 365 * rng.int(1, 3)),
    serviceContract: serviceActive
      ? {
          active: true,
          until: cal.day(dateOffset + 365 * rng.int(1, 2)),
          note: rng.pick(locale.serviceNotes),
        }
      : { active: false, until: null, note: '' },
    crossSell: rng.pickSome(CROSS_SELL_KINDS, rng.int(0, 2)),
  };
  stampAll(ctx, purchase, createdMs);
  for (const step of ['delivery', 'installation', 'training', 'payment'] as const) {
    const done = purchase[step].done;
    if (done !== null) touch(ctx, purchase, cal.instant(offsetOfDay(ctx, done), rng), [step]);
  }
  return purchase;
}

export function purchaseCount(ctx: DemoContext, bundle: ClientBundle): number {
  const { rng } = ctx;
  switch (bundle.client.status) {
    case 'prospect':
      return 0;
    case 'active':
      return rng.weighted([
        [1, 5],
        [2, 3],
        [3, 2],
      ] as const);
    case 'at_risk':
      return rng.int(1, 2);
    case 'lost':
      return rng.int(0, 1);
    case 'won_back':
      return rng.int(1, 3);
  }
}
