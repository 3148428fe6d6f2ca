/** One client of the demo book, company or private person, with the people the rep deals with. */
import { CHURN_REASONS, type Client, type ClientStatus } from '../domain/client';
import type { ContactPerson } from '../domain/person';
import type { DemoLocale, PersonName } from './locale';
import { makePerson, spokenName } from './people';
import { stampAll, synced, touch, type DemoContext } from './records';

export interface ClientPlan {
  /** The client must be active (a forced overdue delivery needs a purchase). */
  active: boolean;
  birthdaySoon?: { offset: number; who: 'person' | 'child' };
  /** An earlier client who may have recommended this one. */
  referrer: string | null;
}

export interface ClientBundle {
  client: Client;
  people: ContactPerson[];
  locale: DemoLocale;
  /** Day offset (negative) when the client entered the book. */
  since: number;
  /** How notes name the people: «Анна Сергеевна», "Anna". */
  spoken: string[];
}

const STATUS_WEIGHTS = [
  ['prospect', 20],
  ['active', 55],
  ['at_risk', 10],
  ['lost', 7],
  ['won_back', 8],
] as const;

const LOYALTY_BY_STATUS: Record<ClientStatus, readonly (readonly [Client['loyalty'], number])[]> = {
  prospect: [['unknown', 1]],
  active: [
    ['high', 3],
    ['medium', 4],
    ['low', 1],
    ['unknown', 2],
  ],
  at_risk: [
    ['low', 3],
    ['medium', 1],
  ],
  lost: [['low', 1]],
  won_back: [
    ['medium', 2],
    ['low', 1],
  ],
};

const CHURN_CHANCE: Record<ClientStatus, number> = {
  prospect: 0,
  active: 0,
  at_risk: 0.4,
  lost: 0.85,
  won_back: 0.6,
};

const CADENCES = [7, 14, 21, 30, 45, 60, 90] as const;

export function makeClient(ctx: DemoContext, locale: DemoLocale, plan: ClientPlan): ClientBundle {
  const { rng, cal } = ctx;
  const status: ClientStatus = plan.active ? 'active' : rng.weighted(STATUS_WEIGHTS);
  const since = status === 'prospect' ? -rng.int(5, 200) : -rng.int(60, 1100);
  const createdMs = cal.instant(since, rng);
  const owner = locale.personName(rng);
  const isCompany = rng.chance(0.8);
  const name = isCompany ? locale.companyName(rng, owner) : owner.listed;
  const churnReason = rng.chance(CHURN_CHANCE[status]) ? rng.pick(CHURN_REASONS) : null;
  const tagCount = rng.weighted([
    [0, 2],
    [1, 4],
    [2, 3],
    [3, 1],
  ] as const);

  const client: Client = {
    ...synced(ctx, createdMs),
    kind: isCompany ? 'company' : 'person',
    name,
    status,
    tags: rng.pickSome(locale.tags, tagCount),
    cadenceDays: rng.chance(0.25) ? rng.pick(CADENCES) : null,
    address: rng.chance(0.92) ? locale.address(rng) : '',
    notes: rng.chance(0.35) ? rng.pickSome(locale.clientNotes, rng.int(1, 2)).join(' ') : '',
    loyalty: rng.weighted(LOYALTY_BY_STATUS[status]),
    churnReason,
    churnComment: churnReason ? rng.pick(locale.churnComments) : '',
    referredBy: plan.referrer !== null && rng.chance(0.08) ? plan.referrer : null,
  };
  stampAll(ctx, client, createdMs);
  if (status !== 'prospect' && status !== 'active') {
    // The status changed long after the client was added; its stamp says when.
    touch(ctx, client, cal.instant(-rng.int(1, Math.min(60, -since - 1)), rng), [
      'status',
      'loyalty',
      'churnReason',
    ]);
  }

  const names: PersonName[] = [owner];
  if (isCompany) {
    const extra = rng.weighted([
      [0, 3],
      [1, 4],
      [2, 2],
      [3, 1],
    ] as const);
    for (let i = 0; i < extra; i++) names.push(locale.personName(rng));
  }
  const people = names.map((personName, i) =>
    makePerson(ctx, locale, client.id, isCompany ? name : null, {
      name: personName,
      role: !isCompany
        ? ''
        : i === 0
          ? (locale.roles[rng.int(0, 3)] ?? '')
          : rng.pick(locale.roles),
      createdMs: createdMs + i * 60_000,
      ...(i === 0 && plan.birthdaySoon ? { birthdaySoon: plan.birthdaySoon } : {}),
    }),
  );
  return { client, people, locale, since, spoken: names.map((n) => spokenName(locale, n)) };
}
