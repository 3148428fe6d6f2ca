/**
 * The list rows the client book keeps (client, live people, facts: clientFactsCache.ts) over random
 * histories of what a rep's book goes through: a note added, a visit started (a draft) and finished, a
 * follow-up done, a client trashed and restored, a pulled page applied (a new contact, a changed
 * client, a renamed person, a note trashed on another device), the device's time zone changed.
 * After every history the book's summaries, the stored rows and the next start's first list equal
 * what is computed from the records from scratch, and health assessed from a summary equals health
 * assessed from the client's whole records (the kept facts are cut to what health reads).
 */
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { newFollowUp, type SyncedTable } from '../../../shared/domain';
import type { SyncedRecord } from '../../../shared/domain/common';
import { assessClientHealth } from '../../../shared/domain/health';
import type { FieldbookDb } from '../../../renderer/data/db';
import type { Repository } from '../../../renderer/data/repository';
import { applyPullPage, type PulledRow } from '../../../renderer/sync/pullApply';
import { ClientBook } from '../../../renderer/features/clients/data/clientBook';
import { loadClientRecords } from '../../../renderer/features/clients/data/clientBookLoader';
import {
  ClientFactsCache,
  currentZone,
  type StoredClientRow,
} from '../../../renderer/features/clients/data/clientFactsCache';
import {
  clientFacts,
  listedClient,
  listedPeople,
  summarizeClient,
  type ClientSummary,
} from '../../../renderer/features/clients/data/clientSummary';
import { restoreClient, trashClient } from '../../../renderer/features/clients/data/trash';
import { eventually, loadDemo, TODAY, useFreshBook } from './book';

type Row = SyncedRecord & Record<string, unknown>;

let db: FieldbookDb;
let repo: Repository;
const books = useFreshBook((fresh) => ({ db, repo } = fresh));

const ZONES = ['Europe/Moscow', 'Asia/Vladivostok', 'America/Los_Angeles', 'UTC'] as const;
const zoneBefore = process.env.TZ;
afterEach(() => {
  if (zoneBefore === undefined) delete process.env.TZ;
  else process.env.TZ = zoneBefore;
});

/** Plain data as stored (no undefined fields), without the clocks the list does not keep. */
const plain = (value: unknown): unknown =>
  value === undefined
    ? undefined
    : JSON.parse(JSON.stringify(value, (key, v: unknown) => (key === 'stamps' ? undefined : v)));

const day = (offset: number) =>
  new Date(Date.UTC(2025, 4, 1) + offset * 86_400_000).toISOString().slice(0, 10);

type PullWhat = 'contact' | 'client' | 'person' | 'trashNote';
type Op =
  | { kind: 'note'; client: number; hour: number; offset: number }
  | { kind: 'startVisit'; client: number; offset: number; postSale: boolean }
  | { kind: 'finishVisit'; pick: number }
  | { kind: 'followUp'; client: number; offset: number }
  | { kind: 'followUpDone'; pick: number }
  | { kind: 'trashClient'; client: number }
  | { kind: 'restoreClient'; pick: number }
  | { kind: 'pull'; client: number; what: PullWhat; offset: number }
  | { kind: 'zone'; zone: number; client: number };

const client = fc.nat(30);
const offset = fc.integer({ min: -60, max: 30 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    kind: fc.constant('note' as const),
    client,
    hour: fc.integer({ min: 0, max: 23 }),
    offset,
  }),
  fc.record({ kind: fc.constant('startVisit' as const), client, offset, postSale: fc.boolean() }),
  fc.record({ kind: fc.constant('finishVisit' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('followUp' as const), client, offset }),
  fc.record({ kind: fc.constant('followUpDone' as const), pick: fc.nat(50) }),
  fc.record({ kind: fc.constant('trashClient' as const), client }),
  fc.record({ kind: fc.constant('restoreClient' as const), pick: fc.nat(10) }),
  fc.record({
    kind: fc.constant('pull' as const),
    client,
    what: fc.constantFrom<PullWhat>('contact', 'client', 'person', 'trashNote'),
    offset,
  }),
  fc.record({ kind: fc.constant('zone' as const), zone: fc.nat(ZONES.length - 1), client }),
);

let pulls = 0;
/** A clock stamp later than anything the device wrote: the pulled field wins the merge. */
const laterStamp = () =>
  `${String(Date.now() + 86_400_000 + ++pulls).padStart(15, '0')}-0000-${'f'.repeat(16)}`;

/** One pulled row: the record as the server sends it, every field stamped later than ours. */
function pulled(table: SyncedTable, record: Row): PulledRow {
  const stamp = laterStamp();
  const stamps = Object.fromEntries(Object.keys(record.stamps).map((k) => [k, stamp]));
  const version = record.serverVersion + 1;
  return { table, id: record.id, version, record: { ...record, stamps, serverVersion: version } };
}

async function pull(rows: PulledRow[]): Promise<void> {
  await applyPullPage(db, rows, {
    epoch: 'history',
    cursor: `c${pulls}`,
    nowMs: Date.now(),
    mode: 'replace',
    massDelete: { liveClients: 0, deleted: 0, allowed: true },
  });
}

async function liveRows<T extends { id: string; deletedAt: string | null }>(
  table: string,
): Promise<T[]> {
  return ((await db.table(table).toArray()) as T[]).filter((r) => r.deletedAt === null);
}

/** Applies one step of the history; a step aimed at nothing is skipped. */
async function apply(o: Op): Promise<void> {
  const clients = await liveRows<Row & { name: string }>('clients');
  if (clients.length === 0) return;
  const pick = (n: number) => clients[n % clients.length]!;
  switch (o.kind) {
    case 'note': {
      const id = (
        await repo.create('notes', {
          clientId: pick(o.client).id,
          visitId: null,
          text: 'Перезвонить после обеда',
          deletedAt: null,
        })
      ).id;
      // A note written late in the evening, UTC: another day in some zones.
      const at = `${day(o.offset)}T${String(o.hour).padStart(2, '0')}:40:00.000Z`;
      await db.notes.update(id, { createdAt: at });
      return;
    }
    case 'startVisit':
      await repo.create('visits', {
        clientId: pick(o.client).id,
        kind: o.postSale ? 'post_sale' : 'closing',
        status: 'draft',
        startedAt: `${day(o.offset)}T21:30:00.000Z`,
        finishedAt: null,
        purchaseId: null,
        outcome: null,
        currentStep: null,
        notes: '',
        deletedAt: null,
      });
      return;
    case 'finishVisit': {
      const open = (await liveRows<Row & { status: string }>('visits')).filter(
        (v) => v.status === 'draft',
      );
      if (open.length === 0) return;
      const visit = open[o.pick % open.length]!;
      await repo.update('visits', visit.id, {
        status: 'finished',
        finishedAt: new Date().toISOString(),
      });
      return;
    }
    case 'followUp':
      await repo.create(
        'followUps',
        newFollowUp({ clientId: pick(o.client).id, due: day(o.offset), title: 'Позвонить' }),
      );
      return;
    case 'followUpDone': {
      const open = (await liveRows<Row & { status: string }>('followUps')).filter(
        (f) => f.status === 'open',
      );
      if (open.length === 0) return;
      await repo.update('followUps', open[o.pick % open.length]!.id, {
        status: 'done',
        doneAt: new Date().toISOString(),
      });
      return;
    }
    case 'trashClient':
      await trashClient(repo, pick(o.client).id);
      return;
    case 'restoreClient': {
      const trashed = ((await db.clients.toArray()) as Row[]).filter((c) => c.deletedAt !== null);
      if (trashed.length === 0) return;
      await restoreClient(repo, trashed[o.pick % trashed.length]!.id);
      return;
    }
    case 'pull':
      await pullStep(pick(o.client), o.what, o.offset);
      return;
    case 'zone':
      process.env.TZ = ZONES[o.zone];
      // The book learns of the new zone with the next write, as the app does.
      await repo.create('notes', {
        clientId: pick(o.client).id,
        visitId: null,
        text: 'Из командировки',
        deletedAt: null,
      });
      return;
  }
}

async function pullStep(target: Row, what: PullWhat, offset: number): Promise<void> {
  switch (what) {
    case 'contact': {
      // A contact logged on another device: a new row as the server sends it.
      const template = (await db.clients.get(target.id))!;
      const at = `${day(offset)}T22:15:00.000Z`;
      const record = {
        ...template,
        id: crypto.randomUUID(),
        createdAt: at,
        updatedAt: at,
        serverVersion: 0,
        stamps: {} as Record<string, string>,
      } as unknown as Row;
      const fields = {
        clientId: target.id,
        personId: null,
        type: 'friendly',
        subtype: 'none',
        channel: 'phone',
        at,
        summary: 'С другого устройства',
        deletedAt: null,
      };
      for (const key of ['kind', 'name', 'status', 'tags', 'cadenceDays', 'address', 'notes']) {
        delete (record as Record<string, unknown>)[key];
      }
      for (const key of ['loyalty', 'churnReason', 'churnComment', 'referredBy']) {
        delete (record as Record<string, unknown>)[key];
      }
      Object.assign(record, fields);
      record.stamps = Object.fromEntries(Object.keys(fields).map((k) => [k, 'x']));
      await pull([pulled('contacts', record)]);
      return;
    }
    case 'client': {
      // Another device changed what health and the list read of the client.
      const row = (await db.clients.get(target.id))!;
      const churned = row.churnReason === null;
      await pull([
        pulled('clients', {
          ...row,
          name: `${row.name} (сервер)`,
          loyalty: churned ? 'low' : 'high',
          churnReason: churned ? 'not_listened' : null,
          cadenceDays: churned ? 14 : null,
        } as Row),
      ]);
      return;
    }
    case 'person': {
      const person = (await liveRows<Row & { clientId: string; name: string }>('people')).find(
        (p) => p.clientId === target.id,
      );
      if (!person) return;
      await pull([pulled('people', { ...person, name: `${person.name} Сергеевич` } as Row)]);
      return;
    }
    case 'trashNote': {
      const note = (await liveRows<Row & { clientId: string }>('notes')).find(
        (n) => n.clientId === target.id,
      );
      if (!note) return;
      await pull([pulled('notes', { ...note, deletedAt: new Date().toISOString() } as Row)]);
      return;
    }
  }
}

/** Every live client's list row computed from its records now, in the zone in force. */
async function rowsFromScratch(): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  for (const c of await liveRows<Row>('clients')) {
    const { records } = (await loadClientRecords(db, c.id))!;
    out.set(
      c.id,
      plain({
        client: listedClient(records.client),
        people: listedPeople(records.people),
        facts: clientFacts(records),
      }),
    );
  }
  return out;
}

async function storedRows(): Promise<Map<string, unknown> | null> {
  const cache = new ClientFactsCache(db.name);
  try {
    const rows = new Map<string, unknown>();
    const loaded = await cache.load(null, currentZone(), (page: StoredClientRow[]) => {
      for (const { id, ...row } of page) rows.set(id, plain(row));
    });
    return loaded ? rows : null;
  } finally {
    cache.close();
  }
}

function rowOf(s: ClientSummary): unknown {
  const h = s.healthInput;
  return plain({
    client: s.client,
    people: s.people,
    facts: {
      lastContact: s.lastContact,
      nextFollowUp: s.nextFollowUp,
      openProblems: s.openProblems,
      health: {
        purchases: h.purchases,
        problems: h.problems,
        contacts: h.contacts,
        visits: h.visits,
        checklistRuns: h.checklistRuns,
      },
    },
  });
}

/**
 * Retries `check` until it holds (the last failure is what a timeout reports): a read model fed
 * by a change feed must converge, not be current the instant a write commits.
 */
const settledly = (check: () => Promise<void>) =>
  vi.waitFor(check, { timeout: 20_000, interval: 50 });

async function started(): Promise<ClientBook> {
  const book = new ClientBook(db, { saveDelayMs: 60_000 });
  books.push(book);
  book.start();
  await eventually(() => expect(book.phase).toBe('ready'));
  return book;
}

describe('the list rows kept over random histories', () => {
  it('equal a recomputation from the records: in the book, in the store and at the next start', async () => {
    await loadDemo(db, 10, 40);
    process.env.TZ = 'Europe/Moscow';
    const book = await started();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        for (const o of ops) await apply(o);
        const expected = await rowsFromScratch();
        // The change feed is asynchronous: the book, and the rows it stores, catch up after the
        // last commit (on a loaded machine a pass can still be running when the first look comes).
        await settledly(async () => {
          expect(new Set(book.list().map((s) => s.client.id))).toEqual(new Set(expected.keys()));
          await book.settled();
          await book.flushIndex();
          for (const [id, row] of expected) {
            const summary = book.get(id)!;
            expect(rowOf(summary)).toEqual(row);
            const { records } = (await loadClientRecords(db, id))!;
            // The book keeps of each person what the list reads, the card all of it.
            const card = summarizeClient(records);
            expect(plain(summary)).toEqual(plain({ ...card, people: listedPeople(card.people) }));
            // Health from the kept facts is health from everything the client has.
            const whole = {
              ...records,
              client: records.client,
              cadence: summary.healthInput.cadence,
            };
            expect(assessClientHealth(summary.healthInput, TODAY)).toEqual(
              assessClientHealth(whole, TODAY),
            );
          }
          expect(await storedRows()).toEqual(expected);
        });
      }),
      { numRuns: 8 },
    );

    // The next start lists every client with its facts from the stored rows alone.
    book.dispose();
    const expected = await rowsFromScratch();
    const next = new ClientBook(db, { saveDelayMs: 60_000 });
    books.push(next);
    let first: Map<string, unknown> | null = null;
    next.subscribe(() => {
      if (next.phase === 'facts' && first === null) {
        first = new Map(next.list().map((s) => [s.client.id, rowOf(s)]));
      }
    });
    next.start();
    await eventually(() => expect(next.phase).toBe('ready'));
    expect(first).toEqual(expected);
  }, 240_000);
});
