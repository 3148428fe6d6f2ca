/**
 * A book whose stored search index was lost, started with its stored list rows: the start reads
 * the book once (the index's pass also makes the list rows), and over random books and random
 * edits (before the start, none of it seen by the stored rows, and while the start runs) the book
 * ends exactly as one started afresh from the records: the same answers to every query and the
 * same summary of every client.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { collectDemoBook } from '../../../shared/demo';
import { isLive, SYNCED_TABLES } from '../../../shared/domain';
import type { FieldbookDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { ClientBook } from '../../../renderer/features/clients/data/clientBook';
import {
  deleteBook,
  SearchIndexStore,
} from '../../../renderer/features/clients/data/searchIndexCache';
import { trashClient } from '../../../renderer/features/clients/data/trash';
import { eventually, freshDb, TODAY } from './book';

const WORDS = ['кофемашина', 'ромашка', 'Пётр', 'ёлка', 'coffee', 'зерно'];
const QUERIES = [...WORDS, ...WORDS.map((w) => w.slice(0, 3)), 'а', 'ооо', '8912', 'кофе зерно'];

type Edit =
  | { kind: 'rename'; client: number; word: number }
  | { kind: 'note'; client: number; word: number }
  | { kind: 'contact'; client: number; word: number }
  | { kind: 'trash'; client: number }
  | { kind: 'create'; word: number };

const pick = fc.nat({ max: 1000 });
const wordIx = fc.nat({ max: WORDS.length - 1 });
const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), client: pick, word: wordIx }),
  fc.record({ kind: fc.constant('note' as const), client: pick, word: wordIx }),
  fc.record({ kind: fc.constant('contact' as const), client: pick, word: wordIx }),
  fc.record({ kind: fc.constant('trash' as const), client: pick }),
  fc.record({ kind: fc.constant('create' as const), word: wordIx }),
);

async function apply(db: FieldbookDb, repo: Repository, edits: readonly Edit[]): Promise<void> {
  for (const edit of edits) {
    const clients = await db.clients.filter((c) => c.deletedAt === null).toArray();
    const client =
      'client' in edit ? clients[edit.client % Math.max(1, clients.length)] : undefined;
    const word = 'word' in edit ? (WORDS[edit.word] as string) : '';
    if (edit.kind === 'create') {
      await repo.create('clients', { ...emptyClientDraft(), name: `ООО ${word}` });
    } else if (!client) {
      continue;
    } else if (edit.kind === 'rename') {
      await repo.update('clients', client.id, { name: `${client.name} ${word}` });
    } else if (edit.kind === 'note') {
      await repo.create('notes', {
        clientId: client.id,
        visitId: null,
        text: word,
        deletedAt: null,
      });
    } else if (edit.kind === 'contact') {
      // Moves the client's last contact (a fact) as well as its search document.
      await repo.create('contacts', {
        clientId: client.id,
        personId: null,
        type: 'seller_initiated',
        subtype: 'none',
        channel: 'phone',
        at: `${TODAY}T10:00:00+03:00`,
        summary: word,
        deletedAt: null,
      });
    } else {
      await trashClient(repo, client.id);
    }
  }
}

function started(db: FieldbookDb, persistIndex = true): ClientBook {
  const book = new ClientBook(db, { saveDelayMs: 60_000, persistIndex });
  book.start();
  return book;
}

async function ready(book: ClientBook): Promise<ClientBook> {
  await eventually(() => expect(book.phase).toBe('ready'));
  await book.settled();
  return book;
}

/** Every answer, ties between equal scores put in id order (they fall by doc number otherwise). */
function answers(book: ClientBook) {
  return Object.fromEntries(
    QUERIES.map((q) => {
      const found = book.search(q, 10_000);
      const hits = found.ranked
        .map((id) => ({ id, score: found.hits.get(id)!.score, fields: found.hits.get(id)!.fields }))
        .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
      return [q, { total: found.total, hits }];
    }),
  );
}

/** Every client's summary as the list shows it, by id. */
function summaries(book: ClientBook) {
  return Object.fromEntries(
    book
      .list()
      .map((s) => [s.client.id, { ...s, client: { ...s.client }, people: [...s.people] }])
      .sort(([a], [b]) => ((a as string) < (b as string) ? -1 : 1)),
  );
}

async function seedBook(db: FieldbookDb, seed: number, clients: number): Promise<void> {
  const demo = collectDemoBook({
    seed,
    clients,
    notes: clients * 3,
    locale: 'mixed',
    ownerId: 'local',
    today: TODAY,
  });
  await db.transaction(
    'rw',
    SYNCED_TABLES.map((t) => db.table(t)),
    async () => {
      for (const table of SYNCED_TABLES) await db.table(table).bulkAdd(demo[table]);
    },
  );
}

async function dropIndex(db: FieldbookDb): Promise<void> {
  const store = new SearchIndexStore(db.name);
  await store.drop();
  store.close();
}

/**
 * Times each note was handed out by getAll, of the notes store or of one of its indexes, whoever
 * asks (the book's pages or the pass's).
 */
const notesRead = new Map<string, number>();
const storeGetAll = IDBObjectStore.prototype.getAll;
const indexGetAll = IDBIndex.prototype.getAll;
function counted<T extends IDBObjectStore | IDBIndex>(
  getAll: T['getAll'],
  store: (on: T) => string,
) {
  return function (this: T, ...args: Parameters<T['getAll']>) {
    const req = (getAll as (...a: unknown[]) => IDBRequest<{ id: string }[]>).apply(this, args);
    if (store(this) === 'notes')
      req.addEventListener('success', () => {
        for (const row of req.result) notesRead.set(row.id, (notesRead.get(row.id) ?? 0) + 1);
      });
    return req;
  } as unknown as T['getAll'];
}
beforeEach(() => {
  notesRead.clear();
  IDBObjectStore.prototype.getAll = counted<IDBObjectStore>(storeGetAll, (s) => s.name);
  IDBIndex.prototype.getAll = counted<IDBIndex>(indexGetAll, (i) => i.objectStore.name);
});
afterEach(() => {
  IDBObjectStore.prototype.getAll = storeGetAll;
  IDBIndex.prototype.getAll = indexGetAll;
});

describe('a start with the search index lost', () => {
  it('with the stored list rows on screen, the book is read once: every note once', async () => {
    const db = await freshDb();
    const books: ClientBook[] = [];
    try {
      await seedBook(db, 11, 12);
      const first = await ready(started(db));
      books.push(first);
      await first.flushIndex();
      first.dispose();
      await dropIndex(db);
      const live = new Set((await db.clients.toArray()).filter(isLive).map((c) => c.id));
      const ofLive = (await db.notes.toArray()).filter((n) => live.has(n.clientId));
      expect(ofLive.length).toBeGreaterThan(0);
      notesRead.clear();
      const next = await ready(started(db));
      books.push(next);
      expect(next.indexStats.restored).toBe(false);
      // No note read twice; every note of a live client read (a trashed client's may be skipped).
      expect(Math.max(...notesRead.values())).toBe(1);
      expect(ofLive.filter((n) => !notesRead.has(n.id))).toEqual([]);
    } finally {
      for (const b of books) b.dispose();
      await deleteBook(db);
    }
  }, 60_000);

  it('ends as a book started afresh: the same answers and summaries, no write of the start lost', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 3, max: 12 }),
        fc.array(editArb, { maxLength: 5 }),
        fc.array(editArb, { maxLength: 6 }),
        fc.array(editArb, { maxLength: 5 }),
        async (seed, clients, whileRunning, whileClosed, duringStart) => {
          const db = await freshDb();
          const repo = new Repository(db);
          const books: ClientBook[] = [];
          try {
            await seedBook(db, seed, clients);
            const first = await ready(started(db));
            books.push(first);
            await apply(db, repo, whileRunning);
            await first.settled();
            await first.flushIndex();
            first.dispose();
            // Writes no running book saw (a crash before the rows were stored), then the index lost.
            await apply(db, repo, whileClosed);
            await dropIndex(db);

            const next = started(db);
            books.push(next);
            // Writes while the start reads the book: the change feed's, never lost.
            await apply(db, repo, duringStart);
            await ready(next);
            expect(next.indexStats.restored).toBe(false);

            const fresh = await ready(started(db, false));
            books.push(fresh);
            await eventually(() => {
              expect(answers(next)).toEqual(answers(fresh));
              expect(summaries(next)).toEqual(summaries(fresh));
            });
          } finally {
            for (const b of books) b.dispose();
            await deleteBook(db);
          }
        },
      ),
      { numRuns: 15 },
    );
  }, 300_000);
});
