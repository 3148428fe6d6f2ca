/**
 * The stored search index's one row, and its checks, apart from Dexie so the worker can read and
 * check a row itself (searchIndex.worker.ts) and the page only puts the checked arrays together.
 */
import {
  InvertedClientIndex,
  isTypedArray,
  type ClientSearchIndex,
  type PackedClientIndex,
} from '../../../../shared/search';

/** The stored row's own layout; the index inside carries its format version too. */
export const STORED_INDEX_VERSION = 2;

export const ROW_KEY = 'clients';

export interface StoredIndexRow {
  key: typeof ROW_KEY;
  version: number;
  savedAt: string;
  index: PackedClientIndex;
  /** documentFingerprint of each client by doc number of `index` (NaN for a dead doc). */
  fingerprints: Float64Array;
  /** The book generation the index was reconciled with (absent in rows stored before it). */
  bookGeneration?: string | null;
}

export interface RestoredIndex {
  index: InvertedClientIndex & ClientSearchIndex;
  /** Client id → fingerprint of the document the index holds for it. */
  fingerprints: Map<string, number>;
}

export function searchIndexDbName(bookDbName: string): string {
  return `${bookDbName}-search`;
}

/**
 * Checks a stored row through and through before anything trusts it (a pass over every posting):
 * the postings per doc, or null when it is for another generation, another layout or damaged.
 */
export function checkRow(
  row: StoredIndexRow | undefined,
  bookGeneration: string | null,
): Uint32Array | null {
  if (!row || row.version !== STORED_INDEX_VERSION) return null;
  if ((row.bookGeneration ?? null) !== bookGeneration) return null;
  if (
    !isTypedArray(row.fingerprints, 'Float64Array') ||
    row.fingerprints.length !== row.index?.docs
  )
    return null;
  return InvertedClientIndex.checkPacked(row.index);
}

/** The index and fingerprints of a row `checkRow` passed, with the counts it gave. */
export function assembleRow(row: StoredIndexRow, counts: Uint32Array): RestoredIndex {
  // The ids split once, for the index and the fingerprints.
  const ids = InvertedClientIndex.packedIds(row.index);
  const index = InvertedClientIndex.fromChecked(row.index, counts, ids);
  const fingerprints = new Map<string, number>();
  for (let doc = 0; doc < ids.length; doc++) {
    const id = ids[doc] as string;
    if (id !== '') fingerprints.set(id, row.fingerprints[doc] as number);
  }
  return { index, fingerprints };
}

/** Checks a stored row before anything trusts it; null means build the index from the records. */
export function restoreRow(
  row: StoredIndexRow | undefined,
  bookGeneration: string | null,
): RestoredIndex | null {
  const counts = checkRow(row, bookGeneration);
  return counts === null ? null : assembleRow(row!, counts);
}

/** The buffers of a row that can move between threads instead of being copied. */
export function rowBuffers(row: StoredIndexRow): ArrayBuffer[] {
  const { index } = row;
  const buffers = [
    index.postingOffsets.buffer,
    index.postingData.buffer,
    index.deltaOffsets.buffer,
    index.deltaData.buffer,
    row.fingerprints.buffer,
  ];
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
