/**
 * The client search index kept between starts, in its own small IndexedDB database beside the
 * book's (`<book>-search`), so the app's start restores it instead of indexing 100k notes again.
 * It is a cache: one row, written whole in one transaction, with a fingerprint per client of the
 * document it indexed. Whatever is stored (current, a few writes behind after a crash, from an
 * older version, damaged), the start hashes each client's fresh document and indexes again only
 * the clients whose fingerprint moved, or everything when the row cannot be used; both in a
 * worker (searchIndexLoader.ts).
 *
 * The row is laid out to load fast: the index packed into a few strings and typed arrays
 * (shared/search PackedClientIndex) and the fingerprints in one Float64Array by doc number, so
 * reading it back is a few big copies, not an object per word or per client.
 *
 * A book replaced whole (a backup restored) gets a new generation in its `meta`, written in the
 * restore's own transaction; an index stored for another generation is never restored, so no
 * crash or closed window between a restore and the next save can bring back clients that are
 * gone. A book deleted for good takes its index database with it (deleteBook).
 */
import Dexie, { type Table } from 'dexie';
import { randomHex } from '../../../../shared/ids';
import type { FieldbookDb } from '../../../data/db';
import { clientFactsDbName } from './clientFactsCache';
import { InvertedClientIndex, type ClientSearchIndex } from '../../../../shared/search';
import type { SaveAnswer, SaveRequest } from './searchIndexSave.worker';
import { yieldToMain } from '../../../platform/yield';
import { askWorker } from '../../../platform/askWorker';
import {
  ROW_KEY,
  STORED_INDEX_VERSION,
  restoreRow,
  searchIndexDbName,
  type RestoredIndex,
  type StoredIndexRow,
} from './searchIndexRow';

export {
  STORED_INDEX_VERSION,
  restoreRow,
  searchIndexDbName,
  type RestoredIndex,
  type StoredIndexRow,
} from './searchIndexRow';

type IndexDb = Dexie & { snapshots: Table<StoredIndexRow, string> };

/** `meta` key of the book's generation: none until the book is first replaced whole. */
export const BOOK_GENERATION_KEY = 'book.generation';

/** The generation of the book as it is now (null for a book never replaced whole). */
export async function readBookGeneration(db: FieldbookDb): Promise<string | null> {
  const row = await db.meta.get(BOOK_GENERATION_KEY);
  return typeof row?.value === 'string' ? row.value : null;
}

/**
 * Marks the book as replaced whole. Call inside the transaction that replaces it (with `meta`
 * in its scope), so the mark and the new records commit together or not at all.
 */
export async function markBookReplaced(db: FieldbookDb): Promise<string> {
  const generation = randomHex(8);
  await db.meta.put({ key: BOOK_GENERATION_KEY, value: generation });
  return generation;
}

/** Deletes the book's database, its stored search index and facts: a new book inherits none. */
export async function deleteBook(db: FieldbookDb): Promise<void> {
  await db.delete();
  await Dexie.delete(searchIndexDbName(db.name));
  await Dexie.delete(clientFactsDbName(db.name));
}

export class SearchIndexStore {
  private readonly db: IndexDb;

  constructor(
    bookDbName: string,
    /** Store the row from a worker where the platform has them (default true). */
    private readonly worker = true,
  ) {
    this.db = new Dexie(searchIndexDbName(bookDbName)) as IndexDb;
    this.db.version(1).stores({ snapshots: 'key' });
  }

  /**
   * The stored index, or null when there is none, it was stored for another generation of the
   * book, or it cannot be used (never throws).
   */
  async load(bookGeneration: string | null): Promise<RestoredIndex | null> {
    try {
      return restoreRow(await this.db.snapshots.get(ROW_KEY), bookGeneration);
    } catch {
      return null;
    }
  }

  /** Replaces the stored index in one transaction: a crash keeps the old row or the new one. */
  async save(
    index: ClientSearchIndex,
    fingerprints: ReadonlyMap<string, number>,
    bookGeneration: string | null,
  ): Promise<void> {
    if (!(index instanceof InvertedClientIndex)) throw new Error('only our own index is stored');
    const packed = index.pack();
    const ids = InvertedClientIndex.packedIds(packed);
    const row: StoredIndexRow = {
      key: ROW_KEY,
      version: STORED_INDEX_VERSION,
      savedAt: new Date().toISOString(),
      index: packed,
      // A client without one (never expected) gets NaN, which equals nothing: it is indexed again.
      fingerprints: Float64Array.from(ids, (id) =>
        id === '' ? NaN : (fingerprints.get(id) ?? NaN),
      ),
      bookGeneration,
    };
    if (this.worker && typeof Worker !== 'undefined') {
      try {
        // The database and its table are made here (a worker only writes into them). The row is
        // a snapshot taken above in one task: copying its arrays can wait for the next one.
        await this.db.open();
        await yieldToMain();
        return await saveInWorker(this.db.name, row);
      } catch {
        // A worker that cannot start or write: the row is stored here.
      }
    }
    await this.db.snapshots.put(row);
  }

  async drop(): Promise<void> {
    await this.db.snapshots.delete(ROW_KEY);
  }

  close(): void {
    this.db.close();
  }
}

/**
 * Stores `row` from a fresh worker (searchIndexSave.worker.ts). Its arrays are copied before
 * they move there: the index keeps its own, and `row` stays whole for the fallback.
 */
async function saveInWorker(searchDbName: string, row: StoredIndexRow): Promise<void> {
  const { index } = row;
  const sent: StoredIndexRow = {
    ...row,
    index: {
      ...index,
      postingOffsets: index.postingOffsets.slice(),
      postingData: index.postingData.slice(),
      deltaOffsets: index.deltaOffsets.slice(),
      deltaData: index.deltaData.slice(),
    },
    fingerprints: row.fingerprints.slice(),
  };
  const moved = [
    sent.index.postingOffsets.buffer,
    sent.index.postingData.buffer,
    sent.index.deltaOffsets.buffer,
    sent.index.deltaData.buffer,
    sent.fingerprints.buffer,
  ].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
  const answer = await askWorker<SaveAnswer>(
    new Worker(new URL('./searchIndexSave.worker.ts', import.meta.url), { type: 'module' }),
    { searchDbName, row: sent } satisfies SaveRequest,
    [...new Set(moved)],
  );
  if (!answer.ok) throw new Error(answer.error);
}
