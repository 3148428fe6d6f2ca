/**
 * The deterministic demo book: `generateDemoBook` yields the records of every synced table in
 * batches, client chunk by client chunk, so that 10k clients and 100k notes stream into a database
 * without the whole book in memory. The same options give byte-identical records, ids included.
 */
import type { RecordOf, SyncedTable } from '../domain';
import type { ChecklistTemplate } from '../domain/checklist';
import type { SyncedRecord } from '../domain/common';
import { CLOSING_TEMPLATE, POST_SALE_TEMPLATE } from '../domain/templates';
import { DemoCalendar } from './calendar';
import { makeClient } from './clients';
import { makeContacts } from './contacts';
import { makeManualFollowUp, makeProblems, makeRetentionPlan } from './care';
import { EN_LOCALE } from './en';
import type { DemoLocale } from './locale';
import { makeNotes } from './notes';
import { makePurchase, purchaseCount } from './purchases';
import { DemoRandom } from './random';
import { trashAll, type DemoContext } from './records';
import { RU_LOCALE } from './ru';
import { makeVisits } from './visits';

export interface DemoBookOptions {
  seed: number | string;
  clients: number;
  /** Exactly this many notes, spread unevenly over the clients (some clients get many). */
  notes: number;
  /** 'mixed': about seven clients in ten Russian, the rest English. */
  locale: 'ru' | 'en' | 'mixed';
  ownerId: string;
  /** The day the book is generated for: due dates, birthdays and overdue steps are relative to it. */
  today: string;
  /**
   * A batch is yielded once this many records are waiting (default 1000, checked after each client).
   * Small batches keep the generator's memory flat; the records do not depend on it.
   */
  batchRecords?: number;
}

/**
 * The book sizes the product is measured on: the usual rep's book, and the capacity book of
 * issue 13 (Salesforce's offline cap for a rep is 50k records; a manager's device holds a team).
 * Both stream: the 50k book is about 1.1M records and is never held whole by the generator.
 */
export const DEMO_BOOK_SIZES = {
  '10k': { clients: 10_000, notes: 100_000 },
  '50k': { clients: 50_000, notes: 500_000 },
} as const satisfies Record<string, Pick<DemoBookOptions, 'clients' | 'notes'>>;

export type DemoBatch = { [T in SyncedTable]: { table: T; records: RecordOf<T>[] } }[SyncedTable];
export type DemoBook = { [T in SyncedTable]: RecordOf<T>[] };

/** Tables in the order a batch is yielded: parents before the records that point at them. */
export const DEMO_TABLE_ORDER: readonly SyncedTable[] = [
  'checklistTemplates',
  'clients',
  'people',
  'purchases',
  'visits',
  'checklistRuns',
  'notes',
  'contacts',
  'problems',
  'retentionPlans',
  'followUps',
];

/**
 * The built-in templates the demo runs use. Every device already has them under the same ids, so
 * a loader should put (not add) them, or skip the table.
 */
export const DEMO_TEMPLATES: readonly ChecklistTemplate[] = [CLOSING_TEMPLATE, POST_SALE_TEMPLATE];

function checkOptions(o: DemoBookOptions): void {
  if (!Number.isInteger(o.clients) || o.clients < 0)
    throw new RangeError('clients: a whole number ≥ 0');
  if (!Number.isInteger(o.notes) || o.notes < 0) throw new RangeError('notes: a whole number ≥ 0');
  if (o.notes > 0 && o.clients === 0) throw new RangeError('notes need at least one client');
  if (o.ownerId.length === 0 || o.ownerId.length > 100)
    throw new RangeError('ownerId: 1–100 characters');
  if (o.batchRecords !== undefined && (!Number.isInteger(o.batchRecords) || o.batchRecords < 1)) {
    throw new RangeError('batchRecords: a whole number ≥ 1');
  }
}

/**
 * How many notes each client gets: uneven (a few busy clients hold many), summing to exactly
 * `total`. Drawn from its own stream so the rest of the book does not depend on it.
 */
function noteAllocation(rng: DemoRandom, clients: number, total: number): Uint32Array {
  const weights = new Float64Array(clients);
  let sum = 0;
  for (let i = 0; i < clients; i++) {
    const w = -Math.log(1 - rng.next()) * (rng.chance(0.1) ? 4 : 1);
    weights[i] = w;
    sum += w;
  }
  const counts = new Uint32Array(clients);
  let cumulative = 0;
  let given = 0;
  for (let i = 0; i < clients; i++) {
    cumulative += weights[i] ?? 0;
    const upTo = i === clients - 1 ? total : Math.round((total * cumulative) / sum);
    counts[i] = upTo - given;
    given = upTo;
  }
  return counts;
}

/**
 * Every client index with a fixed role, so that even a small book has what the UI filters show:
 * an overdue delivery (index 1 of every 20), a birthday in the next 7 days (index 3 of every 20,
 * the person's or a child's). Index 50 of every 97 is in the trash, deleted in the last 20 days.
 */
function planFor(index: number): {
  overdue: boolean;
  birthday?: { offset: number; who: 'person' | 'child' };
} {
  const slot = index % 20;
  const offset = Math.floor(index / 20) % 7;
  if (slot === 3)
    return { overdue: false, birthday: { offset, who: index % 40 === 3 ? 'person' : 'child' } };
  return { overdue: slot === 1 };
}

type Buffers = { [T in SyncedTable]: RecordOf<T>[] };

function emptyBuffers(): Buffers {
  return Object.fromEntries(DEMO_TABLE_ORDER.map((t) => [t, []])) as unknown as Buffers;
}

function* flush(buffers: Buffers): Generator<DemoBatch> {
  for (const table of DEMO_TABLE_ORDER) {
    const records = buffers[table];
    if (records.length > 0) yield { table, records } as DemoBatch;
  }
}

export function* generateDemoBook(options: DemoBookOptions): Generator<DemoBatch> {
  checkOptions(options);
  const root = new DemoRandom(`fieldbook-demo:${String(options.seed)}`);
  const allocation = noteAllocation(root.fork('notes'), options.clients, options.notes);
  const rng = root.fork('book');
  const ctx: DemoContext = {
    rng,
    cal: new DemoCalendar(options.today),
    ownerId: options.ownerId,
    node: rng.hex(16),
  };
  // Note text has its own stream: the number of notes changes the notes and nothing else.
  const noteCtx: DemoContext = { ...ctx, rng: root.fork('note-text') };
  const batchRecords = options.batchRecords ?? 1000;

  let buffers = emptyBuffers();
  buffers.checklistTemplates.push(...DEMO_TEMPLATES.map((t) => structuredCloneTemplate(t)));
  let waiting = buffers.checklistTemplates.length;
  let referrer: string | null = null;

  for (let i = 0; i < options.clients; i++) {
    const plan = planFor(i);
    const locale: DemoLocale =
      options.locale === 'ru'
        ? RU_LOCALE
        : options.locale === 'en'
          ? EN_LOCALE
          : rng.chance(0.7)
            ? RU_LOCALE
            : EN_LOCALE;
    const bundle = makeClient(ctx, locale, {
      active: plan.overdue,
      referrer,
      ...(plan.birthday ? { birthdaySoon: plan.birthday } : {}),
    });
    const count = purchaseCount(ctx, bundle);
    const purchases = Array.from({ length: count }, (_, k) =>
      makePurchase(ctx, bundle, { overdueDelivery: plan.overdue && k === 0 }),
    );
    const visits = makeVisits(ctx, bundle, purchases, rng.chance(0.04));
    const notes = makeNotes(noteCtx, bundle, purchases, visits.visits, allocation[i] ?? 0);
    const contacts = makeContacts(ctx, bundle, purchases, bundle.people);
    const problems = makeProblems(ctx, bundle, visits.withProblems, contacts);
    const retention = makeRetentionPlan(ctx, bundle);
    const followUp = rng.chance(0.05) ? makeManualFollowUp(ctx, bundle) : null;
    if (i % 97 === 50 && !plan.overdue && !plan.birthday) {
      const own: SyncedRecord[] = [
        bundle.client,
        ...bundle.people,
        ...purchases,
        ...visits.visits,
        ...visits.runs,
        ...notes,
        ...contacts,
        ...problems,
      ];
      if (retention) own.push(retention);
      if (followUp) own.push(followUp);
      trashAll(ctx, own, ctx.cal.instant(-rng.int(1, 20), rng));
    }

    buffers.clients.push(bundle.client);
    buffers.people.push(...bundle.people);
    buffers.purchases.push(...purchases);
    buffers.visits.push(...visits.visits);
    buffers.checklistRuns.push(...visits.runs);
    buffers.notes.push(...notes);
    buffers.contacts.push(...contacts);
    buffers.problems.push(...problems);
    if (retention) buffers.retentionPlans.push(retention);
    if (followUp) buffers.followUps.push(followUp);
    if (i % 7 === 0) referrer = bundle.client.id;

    waiting +=
      1 + bundle.people.length + purchases.length + visits.visits.length + visits.runs.length;
    waiting +=
      notes.length + contacts.length + problems.length + (retention ? 1 : 0) + (followUp ? 1 : 0);
    if (waiting >= batchRecords) {
      yield* flush(buffers);
      buffers = emptyBuffers();
      waiting = 0;
    }
  }
  yield* flush(buffers);
}

/** A copy, so that a consumer editing demo records cannot change the app's built-in templates. */
function structuredCloneTemplate(t: ChecklistTemplate): ChecklistTemplate {
  return JSON.parse(JSON.stringify(t)) as ChecklistTemplate;
}

/** The whole book in memory, table by table: for tests and small books. */
export function collectDemoBook(options: DemoBookOptions): DemoBook {
  const book = emptyBuffers();
  for (const batch of generateDemoBook(options)) {
    (book[batch.table] as unknown[]).push(...batch.records);
  }
  return book;
}
