/**
 * Each client's facts (last contact, next follow-up, open problems, health's input) are kept on
 * every write, in memory and in their own store, as the search index is: after any sequence of
 * writes they equal the facts computed from the records from scratch, and the next start shows
 * them before it reads the book.
 */
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newFollowUp, newPurchase } from '../../../shared/domain';
import type { FieldbookDb } from '../../../renderer/data/db';
import type { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { ClientBook } from '../../../renderer/features/clients/data/clientBook';
import { loadClientRecords } from '../../../renderer/features/clients/data/clientBookLoader';
import {
  ClientFactsCache,
  clientFactsDbName,
  currentZone,
} from '../../../renderer/features/clients/data/clientFactsCache';
import {
  clientFacts,
  listedPeople,
  summarizeClient,
  type ClientFacts,
} from '../../../renderer/features/clients/data/clientSummary';
import { trashClient } from '../../../renderer/features/clients/data/trash';
import { eventually, loadDemo, useFreshBook } from './book';

let db: FieldbookDb;
let repo: Repository;
const books = useFreshBook((fresh) => ({ db, repo } = fresh));

async function started(): Promise<ClientBook> {
  const book = new ClientBook(db, { saveDelayMs: 60_000 });
  books.push(book);
  book.start();
  await eventually(() => expect(book.phase).toBe('ready'));
  return book;
}

/**
 * Facts as plain data (stored rows come back without undefined fields, like JSON), and without the
 * per-field clocks the list does not keep.
 */
const plain = (facts: ClientFacts | undefined) =>
  facts === undefined
    ? undefined
    : (JSON.parse(
        JSON.stringify(facts, (key, value: unknown) => (key === 'stamps' ? undefined : value)),
      ) as ClientFacts);

/** Every live client's facts computed from its records now. */
async function factsFromScratch(): Promise<Map<string, ClientFacts>> {
  const out = new Map<string, ClientFacts>();
  for (const client of await db.clients.toArray()) {
    if (client.deletedAt !== null) continue;
    const loaded = await loadClientRecords(db, client.id);
    out.set(client.id, plain(clientFacts(loaded!.records))!);
  }
  return out;
}

async function storedFacts(): Promise<Map<string, ClientFacts> | null> {
  const store = new ClientFactsCache(db.name);
  try {
    const map = new Map<string, ClientFacts>();
    const loaded = await store.load(null, currentZone(), (rows) => {
      for (const row of rows) map.set(row.id, plain(row.facts)!);
    });
    return loaded ? map : null;
  } finally {
    store.close();
  }
}

const day = (offset: number) => {
  const d = new Date(Date.UTC(2025, 4, 1) + offset * 86_400_000);
  return d.toISOString().slice(0, 10);
};

type Op =
  | { kind: 'client' }
  | { kind: 'contact'; client: number; offset: number; hour: number }
  | { kind: 'note'; client: number }
  | { kind: 'visit'; client: number; offset: number; postSale: boolean }
  | { kind: 'followUp'; client: number; offset: number }
  | { kind: 'closeFollowUp'; pick: number; status: 'done' | 'snoozed' | 'dismissed' }
  | { kind: 'problem'; client: number; offset: number }
  | { kind: 'fixProblem'; pick: number }
  | { kind: 'purchase'; client: number; offset: number }
  | {
      kind: 'trash';
      table: 'contacts' | 'notes' | 'visits' | 'followUps' | 'problems';
      pick: number;
    }
  | { kind: 'trashClient'; client: number };

const client = fc.nat(20);
const offset = fc.integer({ min: -60, max: 30 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.constant({ kind: 'client' as const }),
  fc.record({
    kind: fc.constant('contact' as const),
    client,
    offset,
    hour: fc.integer({ min: 0, max: 23 }),
  }),
  fc.record({ kind: fc.constant('note' as const), client }),
  fc.record({ kind: fc.constant('visit' as const), client, offset, postSale: fc.boolean() }),
  fc.record({ kind: fc.constant('followUp' as const), client, offset }),
  fc.record({
    kind: fc.constant('closeFollowUp' as const),
    pick: fc.nat(30),
    status: fc.constantFrom('done' as const, 'snoozed' as const, 'dismissed' as const),
  }),
  fc.record({ kind: fc.constant('problem' as const), client, offset }),
  fc.record({ kind: fc.constant('fixProblem' as const), pick: fc.nat(30) }),
  fc.record({ kind: fc.constant('purchase' as const), client, offset }),
  fc.record({
    kind: fc.constant('trash' as const),
    table: fc.constantFrom(
      'contacts' as const,
      'notes' as const,
      'visits' as const,
      'followUps' as const,
      'problems' as const,
    ),
    pick: fc.nat(30),
  }),
  fc.record({ kind: fc.constant('trashClient' as const), client }),
);

/** Applies one write through the repository; a write aimed at nothing is skipped. */
async function apply(o: Op): Promise<void> {
  const clients = (await db.clients.toArray()).filter((c) => c.deletedAt === null);
  if (o.kind === 'client' || clients.length === 0) {
    await repo.create('clients', { ...emptyClientDraft(), name: `Клиент ${clients.length}` });
    return;
  }
  const pickClient = (n: number) => clients[n % clients.length]!.id;
  const pickRow = async (table: string, n: number) => {
    const rows = (await db.table(table).toArray()) as { id: string; deletedAt: string | null }[];
    const live = rows.filter((r) => r.deletedAt === null);
    return live.length === 0 ? undefined : live[n % live.length]!.id;
  };
  switch (o.kind) {
    case 'contact':
      await repo.create('contacts', {
        clientId: pickClient(o.client),
        personId: null,
        type: 'friendly',
        subtype: 'none',
        channel: 'phone',
        at: `${day(o.offset)}T${String(o.hour).padStart(2, '0')}:30:00Z`,
        summary: '',
        deletedAt: null,
      });
      return;
    case 'note':
      await repo.create('notes', {
        clientId: pickClient(o.client),
        visitId: null,
        text: 'Перезвонить',
        deletedAt: null,
      });
      return;
    case 'visit':
      await repo.create('visits', {
        clientId: pickClient(o.client),
        kind: o.postSale ? 'post_sale' : 'closing',
        status: 'finished',
        startedAt: `${day(o.offset)}T09:00:00+03:00`,
        finishedAt: `${day(o.offset)}T10:00:00+03:00`,
        purchaseId: null,
        outcome: null,
        currentStep: null,
        notes: '',
        deletedAt: null,
      });
      return;
    case 'followUp':
      await repo.create(
        'followUps',
        newFollowUp({ clientId: pickClient(o.client), due: day(o.offset), title: 'Позвонить' }),
      );
      return;
    case 'closeFollowUp': {
      const id = await pickRow('followUps', o.pick);
      if (!id) return;
      await repo.update('followUps', id, {
        status: o.status,
        snoozedUntil: o.status === 'snoozed' ? day(40) : null,
      });
      return;
    }
    case 'problem':
      await repo.create('problems', {
        clientId: pickClient(o.client),
        visitId: null,
        purchaseId: null,
        description: 'Царапина',
        owner: 'я',
        due: day(o.offset),
        status: 'open',
        sellersFault: o.offset % 2 === 0,
        deletedAt: null,
      });
      return;
    case 'fixProblem': {
      const id = await pickRow('problems', o.pick);
      if (id) await repo.update('problems', id, { status: 'fixed' });
      return;
    }
    case 'purchase':
      await repo.create(
        'purchases',
        newPurchase({
          clientId: pickClient(o.client),
          date: day(o.offset),
          delivery: { due: day(o.offset + 7), done: null },
        }),
      );
      return;
    case 'trash': {
      const id = await pickRow(o.table, o.pick);
      if (id) await repo.trash(o.table, id);
      return;
    }
    case 'trashClient':
      await trashClient(repo, pickClient(o.client));
      return;
  }
}

describe('client facts kept on every write', () => {
  it('after any writes, the book’s facts and the stored ones equal facts computed from scratch', async () => {
    await loadDemo(db, 6, 20);
    const book = await started();
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 12 }), async (ops) => {
        for (const o of ops) await apply(o);
        // The change feed is asynchronous: the book catches up after the last commit.
        const expected = await factsFromScratch();
        await eventually(() => {
          expect(new Set(book.list().map((s) => s.client.id))).toEqual(new Set(expected.keys()));
        });
        await book.settled();
        await book.flushIndex();
        for (const [id, facts] of expected) {
          const summary = book.get(id)!;
          const loaded = await loadClientRecords(db, id);
          // The book keeps of each person what the list reads (listedPeople), the card all of it.
          const whole = summarizeClient(loaded!.records);
          expect(plain(summary as never)).toEqual(
            plain({ ...whole, people: listedPeople(whole.people) } as never),
          );
          expect(facts.lastContact).toBe(summary.lastContact);
        }
        expect(await storedFacts()).toEqual(expected);
      }),
      { numRuns: 6 },
    );
  }, 120_000);

  it('the next start shows every client’s facts from the store before it reads the book', async () => {
    await loadDemo(db, 12, 40);
    const first = await started();
    await first.flushIndex();
    first.dispose();
    const expected = await factsFromScratch();

    const book = new ClientBook(db, { saveDelayMs: 60_000 });
    books.push(book);
    let early: Map<string, ClientFacts> | null = null;
    book.subscribe(() => {
      // The first "facts" publish: from the store, before the rest of the book is read.
      if (book.phase === 'facts' && early === null) {
        early = new Map(
          book.list().map((s) => [
            s.client.id,
            plain({
              lastContact: s.lastContact,
              nextFollowUp: s.nextFollowUp,
              openProblems: s.openProblems,
              health: {
                purchases: s.healthInput.purchases,
                problems: s.healthInput.problems,
                contacts: s.healthInput.contacts,
                visits: s.healthInput.visits,
                checklistRuns: s.healthInput.checklistRuns,
              },
            } as ClientFacts)!,
          ]),
        );
      }
    });
    book.start();
    await eventually(() => expect(book.phase).toBe('ready'));
    expect(early).toEqual(expected);
  });

  it('a stored row left behind (a crash between a commit and its write) is put right by the next start', async () => {
    await loadDemo(db, 8, 20);
    const first = await started();
    await first.flushIndex();
    first.dispose();
    const victim = (await db.clients.toArray()).find((c) => c.deletedAt === null)!;
    // As if the app died after the commit of a new contact, before the facts were written.
    const raw = new Dexie(clientFactsDbName(db.name));
    raw.version(1).stores({ facts: 'id', state: 'key' });
    await raw
      .table('facts')
      .update(victim.id, { 'facts.lastContact': '2001-01-01', 'facts.openProblems': 99 });
    raw.close();

    const book = await started();
    await book.flushIndex();
    const expected = await factsFromScratch();
    expect(book.get(victim.id)!.lastContact).toBe(expected.get(victim.id)!.lastContact);
    expect(await storedFacts()).toEqual(expected);
  });

  it('stored facts of another time zone are not shown, and are computed again', async () => {
    await loadDemo(db, 5, 10);
    const first = await started();
    await first.flushIndex();
    first.dispose();
    const store = new ClientFactsCache(db.name);
    const none = () => undefined;
    expect(await store.load(null, 'Pacific/Chatham', none)).toBe(false);
    expect(await store.load('another-generation', currentZone(), none)).toBe(false);
    expect(await store.load(null, currentZone(), none)).toBe(true);
    store.close();
  });
});
