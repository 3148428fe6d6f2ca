/**
 * The client search index kept between starts, in its own small IndexedDB database beside the
 * book's (`<book>-search`), so the app's start restores it instead of indexing 100k notes again.
 * It is a cache: one row, written whole in one transaction, with a fingerprint per client of the
 * document it indexed. Whatever is stored (current, a few writes behind after a crash, from an
 * older version, damaged), the start hashes each client's fresh document and indexes again only
 * the clients whose fingerprint moved, or everything when the row cannot be used.
 */
import Dexie, { type Table } from 'dexie';
import {
  isTypedArray,
  restoreClientSearchIndex,
  type ClientSearchIndex,
  type SerializedClientIndex,
} from '../../shared/search';

/** The stored row's own layout; the index inside carries its format version too. */
export const STORED_INDEX_VERSION = 1;

const ROW_KEY = 'clients';

export interface StoredIndexRow {
  key: typeof ROW_KEY;
  version: number;
  savedAt: string;
  index: SerializedClientIndex;
  /** documentFingerprint of each client, in the order of `index.ids`. */
  fingerprints: Float64Array;
}

export interface RestoredIndex {
  index: ClientSearchIndex;
  /** Client id → fingerprint of the document the index holds for it. */
  fingerprints: Map<string, number>;
}

type IndexDb = Dexie & { snapshots: Table<StoredIndexRow, string> };

export function searchIndexDbName(bookDbName: string): string {
  return `${bookDbName}-search`;
}

export class SearchIndexStore {
  private readonly db: IndexDb;

  constructor(bookDbName: string) {
    this.db = new Dexie(searchIndexDbName(bookDbName)) as IndexDb;
    this.db.version(1).stores({ snapshots: 'key' });
  }

  /** The stored index, or null when there is none or it cannot be used (never throws). */
  async load(): Promise<RestoredIndex | null> {
    try {
      return restoreRow(await this.db.snapshots.get(ROW_KEY));
    } catch {
      return null;
    }
  }

  /** Replaces the stored index in one transaction: a crash keeps the old row or the new one. */
  async save(index: ClientSearchIndex, fingerprints: ReadonlyMap<string, number>): Promise<void> {
    const serialized = index.serialize();
    const row: StoredIndexRow = {
      key: ROW_KEY,
      version: STORED_INDEX_VERSION,
      savedAt: new Date().toISOString(),
      index: serialized,
      // A client without one (never expected) gets NaN, which equals nothing: it is indexed again.
      fingerprints: Float64Array.from(serialized.ids, (id) => fingerprints.get(id) ?? NaN),
    };
    await this.db.snapshots.put(row);
  }

  async drop(): Promise<void> {
    await this.db.snapshots.delete(ROW_KEY);
  }

  close(): void {
    this.db.close();
  }
}

/** Checks a stored row before anything trusts it; null means build the index from the records. */
export function restoreRow(row: StoredIndexRow | undefined): RestoredIndex | null {
  if (!row || row.version !== STORED_INDEX_VERSION) return null;
  const ids = row.index?.ids;
  if (
    !Array.isArray(ids) ||
    !isTypedArray(row.fingerprints, 'Float64Array') ||
    row.fingerprints.length !== ids.length
  ) {
    return null;
  }
  const index = restoreClientSearchIndex(row.index);
  if (!index) return null;
  const fingerprints = new Map<string, number>();
  ids.forEach((id, i) => fingerprints.set(id, row.fingerprints[i] as number));
  return { index, fingerprints };
}
