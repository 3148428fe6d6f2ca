/**
 * The client search index kept between starts (renderer/features/clients/data/searchIndexCache.ts): restored
 * instead of rebuilt, reconciled with whatever changed while it was not saved, rebuilt when it is
 * from another version or damaged, and never the cause of a wrong answer.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import type { FieldbookDb } from '../../../renderer/data/db';
import type { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import {
  ClientBook,
  type ClientBookOptions,
} from '../../../renderer/features/clients/data/clientBook';
import {
  SearchIndexStore,
  STORED_INDEX_VERSION,
  searchIndexDbName,
  type StoredIndexRow,
} from '../../../renderer/features/clients/data/searchIndexCache';
import { trashClient } from '../../../renderer/features/clients/data/trash';
import { eventually, loadDemo, useFreshBook } from './book';

let db: FieldbookDb;
let repo: Repository;
const books = useFreshBook((fresh) => ({ db, repo } = fresh));

/** A start of the app: a new read model over the same database, loaded to the end. */
async function start(options: ClientBookOptions = {}) {
  const book = new ClientBook(db, { saveDelayMs: 60_000, ...options });
  books.push(book);
  book.start();
  await eventually(() => expect(book.phase).toBe('ready'));
  await book.settled();
  return book;
}

/** Ends a start the way a closed window or a crash does: whatever was not saved is not. */
function stop(book: ClientBook) {
  book.dispose();
  books.splice(books.indexOf(book), 1);
}

const ids = (b: ClientBook, q: string) => b.search(q).ranked;
const liveCount = () => db.clients.filter((c) => c.deletedAt === null).count();

/** The stored row as the next start would read it. */
async function storedRow(): Promise<StoredIndexRow | undefined> {
  const raw = new Dexie(searchIndexDbName(db.name));
  raw.version(1).stores({ snapshots: 'key' });
  try {
    return (await raw.table('snapshots').get('clients')) as StoredIndexRow | undefined;
  } finally {
    raw.close();
  }
}

async function writeRow(row: unknown): Promise<void> {
  const raw = new Dexie(searchIndexDbName(db.name));
  raw.version(1).stores({ snapshots: 'key' });
  try {
    await raw.table('snapshots').put(row);
  } finally {
    raw.close();
  }
}

/** Queries whose answers must not depend on how the index came about. */
const QUERIES = ['а', 'ма', 'coffee', 'кофе', '8912', 'ооо', 'service'];

function answers(book: ClientBook) {
  return Object.fromEntries(QUERIES.map((q) => [q, book.search(q).ranked]));
}

/** A start that stores its index and ends; returns what it answered, for later starts to match. */
async function startSaveAndStop() {
  const book = await start();
  await book.flushIndex();
  const answered = answers(book);
  stop(book);
  return answered;
}

/** The start did not trust the stored copy: it indexed every live client and answers as before. */
async function expectRebuilt(book: ClientBook, expected: ReturnType<typeof answers>) {
  expect(book.indexStats).toMatchObject({ restored: false, reindexed: await liveCount() });
  expect(answers(book)).toEqual(expected);
}

describe('the stored client search index', () => {
  it('a start builds and stores it; the next start restores it and answers the same', async () => {
    await loadDemo(db, 60, 300);
    const live = await db.clients.filter((c) => c.deletedAt === null).count();
    const first = await start();
    expect(first.indexStats).toMatchObject({ restored: false, reindexed: live });
    expect(await first.flushIndex()).toBe(true);
    const expected = answers(first);
    expect(Object.values(expected).some((r) => r.length > 0)).toBe(true);
    stop(first);

    const second = await start();
    expect(second.indexStats).toEqual({ restored: true, reindexed: 0, removed: 0 });
    expect(answers(second)).toEqual(expected);
    // Nothing changed: there is nothing to store again.
    expect(await second.flushIndex()).toBe(false);
  });

  it('search answers from the restored index before the whole book is read', async () => {
    await loadDemo(db, 30, 100);
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Ромашка' });
    await repo.create('notes', {
      clientId: client.id,
      visitId: null,
      text: 'Хотят вторую кофемашину',
      deletedAt: null,
    });
    await startSaveAndStop();

    const book = new ClientBook(db, { saveDelayMs: 60_000 });
    books.push(book);
    let searchableBeforeFacts = false;
    book.subscribe(() => {
      // Before "ready" (the whole book read); "facts" may come first now, from the stored facts.
      if (book.searchReady && book.phase !== 'ready')
        searchableBeforeFacts ||= ids(book, 'кофемаш').includes(client.id);
    });
    book.start();
    await eventually(() => expect(book.phase).toBe('ready'));
    expect(searchableBeforeFacts).toBe(true);
  });

  it('a write is searchable at once and reaches the stored index after the save delay', async () => {
    const book = await start({ saveDelayMs: 30 });
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Ромашка' });
    await repo.create('notes', {
      clientId: client.id,
      visitId: null,
      text: 'Просили каталог пылесосов',
      deletedAt: null,
    });
    await eventually(() => expect(ids(book, 'пылесос')).toEqual([client.id]));
    // No flush: the book stores the index on its own once the writes stop.
    await eventually(async () => {
      const store = new SearchIndexStore(db.name);
      const restored = await store.load(null);
      store.close();
      expect(restored?.index.search('пылесос').hits.map((h) => h.id)).toEqual([client.id]);
    });
    stop(book);
    const next = await start();
    expect(next.indexStats).toEqual({ restored: true, reindexed: 0, removed: 0 });
    expect(ids(next, 'пылесос')).toEqual([client.id]);
  });

  it('writes the stored copy missed (a crash before the save) are caught up at the next start', async () => {
    await loadDemo(db, 40, 100);
    const a = await repo.create('clients', { ...emptyClientDraft(), name: 'Альфа' });
    const b = await repo.create('clients', { ...emptyClientDraft(), name: 'Бета' });
    const c = await repo.create('clients', { ...emptyClientDraft(), name: 'Гамма' });
    await startSaveAndStop();

    // Written while no book was saving the index (the window was closed or crashed first).
    await repo.update('clients', a.id, { name: 'Альфа-Трейд' });
    await repo.create('notes', {
      clientId: b.id,
      visitId: null,
      text: 'Интересуются стиральными машинами',
      deletedAt: null,
    });
    await trashClient(repo, c.id);

    const next = await start();
    expect(next.indexStats).toEqual({ restored: true, reindexed: 2, removed: 1 });
    expect(ids(next, 'трейд')).toEqual([a.id]);
    expect(ids(next, 'стиральн')).toEqual([b.id]);
    expect(ids(next, 'гамма')).toEqual([]);
    // What it caught up is stored, so the start after it has nothing to redo.
    expect(await next.flushIndex()).toBe(true);
    stop(next);
    expect((await start()).indexStats).toEqual({ restored: true, reindexed: 0, removed: 0 });
  });

  it('a stored index of another version is rebuilt from the records, then replaced', async () => {
    await loadDemo(db, 30, 100);
    const expected = await startSaveAndStop();
    const row = (await storedRow())!;
    await writeRow({ ...row, version: STORED_INDEX_VERSION + 1 });

    const second = await start();
    await expectRebuilt(second, expected);
    expect(await second.flushIndex()).toBe(true);
    expect((await storedRow())!.version).toBe(STORED_INDEX_VERSION);

    // The index inside carries its own format version (bumped with the normaliser).
    await writeRow({ ...row, index: { ...row.index, version: row.index.version - 1 } });
    stop(second);
    const third = await start();
    await expectRebuilt(third, expected);
  });

  it('a save cut short leaves the previous copy, and the next start catches up from it', async () => {
    await loadDemo(db, 30, 100);
    await startSaveAndStop();
    const client = await repo.create('clients', { ...emptyClientDraft(), name: 'Омега' });

    // The save's transaction dies half way (the app crashed): IndexedDB rolls it back whole.
    const raw = new Dexie(searchIndexDbName(db.name));
    raw.version(1).stores({ snapshots: 'key' });
    await expect(
      raw.transaction('rw', 'snapshots', async () => {
        await raw.table('snapshots').put({ key: 'clients', version: STORED_INDEX_VERSION });
        throw new Error('crash');
      }),
    ).rejects.toThrow('crash');
    raw.close();
    expect((await storedRow())!.fingerprints).toBeInstanceOf(Float64Array);

    const next = await start();
    expect(next.indexStats).toEqual({ restored: true, reindexed: 1, removed: 0 });
    expect(ids(next, 'омега')).toEqual([client.id]);
  });

  it('a damaged stored copy is never trusted: the start builds the index and answers right', async () => {
    await loadDemo(db, 30, 100);
    const expected = await startSaveAndStop();
    const row = (await storedRow())!;
    const damaged: unknown[] = [
      { ...row, fingerprints: row.fingerprints.subarray(1) },
      { ...row, fingerprints: Array.from(row.fingerprints) },
      { ...row, index: { ...row.index, postingData: row.index.postingData.subarray(3) } },
      { ...row, index: { ...row.index, terms: [...row.index.terms].reverse() } },
      { ...row, index: null },
      { key: 'clients' },
    ];
    for (const bad of damaged) {
      await writeRow(bad);
      const book = await start();
      await expectRebuilt(book, expected);
      stop(book);
    }
  });

  it('a client the index holds but the book lost (a restore, a wipe) is dropped at start', async () => {
    const gone = await repo.create('clients', { ...emptyClientDraft(), name: 'Исчезнувший' });
    const kept = await repo.create('clients', { ...emptyClientDraft(), name: 'Оставшийся' });
    await startSaveAndStop();
    // Removed without the trash, as a restore from an older backup replaces the tables.
    await db.clients.delete(gone.id);

    const next = await start();
    expect(next.indexStats).toEqual({ restored: true, reindexed: 0, removed: 1 });
    expect(ids(next, 'исчезнувш')).toEqual([]);
    expect(ids(next, 'оставш')).toEqual([kept.id]);
  });
});
