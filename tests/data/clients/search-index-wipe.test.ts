/**
 * The stored search index never outlives the book it was built from: a restore from a backup
 * starts a new generation of the book (an index stored before it is not restored), and deleting
 * the book deletes its index database too.
 */
import Dexie from 'dexie';
import { describe, expect, it } from 'vitest';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import type { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import { exportBackup } from '../../../renderer/features/backup/data/backup';
import { restoreBackup } from './restore';
import { ClientBook } from '../../../renderer/features/clients/data/clientBook';
import {
  BOOK_GENERATION_KEY,
  deleteBook,
  searchIndexDbName,
} from '../../../renderer/features/clients/data/searchIndexCache';
import { eventually, loadDemo, useFreshBook } from './book';

let db: FieldbookDb;
let repo: Repository;
const books = useFreshBook((fresh) => ({ db, repo } = fresh));

/**
 * A start of the app, loaded to the end. `seen` collects every answer to `query` the book gave
 * while it loaded, from the first moment its search was ready.
 */
async function start(over: FieldbookDb = db, query?: string) {
  const book = new ClientBook(over, { saveDelayMs: 60_000 });
  books.push(book);
  const seen: string[] = [];
  if (query !== undefined) {
    book.subscribe(() => {
      if (book.searchReady) seen.push(...book.search(query).ranked);
    });
  }
  book.start();
  await eventually(() => expect(book.phase).toBe('ready'));
  await book.settled();
  return { book, seen };
}

function stop(book: ClientBook) {
  book.dispose();
  books.splice(books.indexOf(book), 1);
}

const ids = (b: ClientBook, q: string) => b.search(q).ranked;

describe('the stored search index and a book replaced or deleted whole', () => {
  it('after a restore made while the app was closed, the next start never finds a client the backup lacks', async () => {
    await loadDemo(db, 30, 100);
    const kept = await repo.create('clients', { ...emptyClientDraft(), name: 'Оставшийся' });
    const file = await exportBackup(db);
    const gone = await repo.create('clients', { ...emptyClientDraft(), name: 'Исчезнувший' });
    const first = (await start()).book;
    expect(ids(first, 'исчезнувш')).toEqual([gone.id]);
    expect(await first.flushIndex()).toBe(true);
    stop(first);

    expect(await restoreBackup(db, file)).toMatchObject({ ok: true });
    const { book, seen } = await start(db, 'исчезнувш');
    // The stored index belongs to the book the restore replaced: built again, not restored.
    expect(book.indexStats.restored).toBe(false);
    expect(seen).not.toContain(gone.id);
    expect(ids(book, 'исчезнувш')).toEqual([]);
    expect(ids(book, 'оставш')).toEqual([kept.id]);

    // The index built for the restored book is stored and restored from then on.
    expect(await book.flushIndex()).toBe(true);
    stop(book);
    const next = (await start()).book;
    expect(next.indexStats).toEqual({ restored: true, reindexed: 0, removed: 0 });
    expect(ids(next, 'исчезнувш')).toEqual([]);
    expect(ids(next, 'оставш')).toEqual([kept.id]);
  });

  it('a book running through a restore follows it and stores an index the next start restores', async () => {
    await loadDemo(db, 30, 100);
    const file = await exportBackup(db);
    const gone = await repo.create('clients', { ...emptyClientDraft(), name: 'Исчезнувший' });
    const { book } = await start();
    expect(ids(book, 'исчезнувш')).toEqual([gone.id]);

    const generationBefore = (await db.meta.get(BOOK_GENERATION_KEY))?.value;
    expect(await restoreBackup(db, file)).toMatchObject({ ok: true });
    expect((await db.meta.get(BOOK_GENERATION_KEY))?.value).not.toEqual(generationBefore);
    await eventually(() => expect(ids(book, 'исчезнувш')).toEqual([]));
    await book.settled();
    expect(await book.flushIndex()).toBe(true);
    stop(book);

    const next = (await start()).book;
    expect(next.indexStats).toEqual({ restored: true, reindexed: 0, removed: 0 });
    expect(ids(next, 'исчезнувш')).toEqual([]);
  });

  it('a refused backup file starts no new generation: the stored index stays usable', async () => {
    await loadDemo(db, 10, 20);
    const first = (await start()).book;
    await first.flushIndex();
    stop(first);
    const result = await restoreBackup(db, '{"format":"fieldbook-backup"}');
    expect(result.ok).toBe(false);
    expect(await db.meta.get(BOOK_GENERATION_KEY)).toBeUndefined();
    expect((await start()).book.indexStats.restored).toBe(true);
  });

  it('deleting the book deletes its stored index; a new book of the same name starts clean', async () => {
    const gone = await repo.create('clients', { ...emptyClientDraft(), name: 'Исчезнувший' });
    const first = (await start()).book;
    expect(ids(first, 'исчезнувш')).toEqual([gone.id]);
    await first.flushIndex();
    stop(first);
    expect(await Dexie.exists(searchIndexDbName(db.name))).toBe(true);

    await deleteBook(db);
    expect(await Dexie.exists(db.name)).toBe(false);
    expect(await Dexie.exists(searchIndexDbName(db.name))).toBe(false);

    db = createDb(db.name);
    await db.open();
    const { book, seen } = await start(db, 'исчезнувш');
    expect(book.indexStats.restored).toBe(false);
    expect(seen).toEqual([]);
  });
});
