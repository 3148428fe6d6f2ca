import type { ClientSearchDocument } from './document';
import type { ClientSearchIndex } from './types';

/**
 * Fills an index from documents a slice at a time, for the background rebuild when no stored
 * index exists (first start, or a stored one from an older version). The caller awaits a frame
 * or idle callback between slices, so the rep can keep typing; searches during the rebuild see
 * the clients indexed so far.
 */
export function* rebuildClientIndex(
  index: ClientSearchIndex,
  documents: Iterable<ClientSearchDocument>,
  clientsPerSlice = 250,
): Generator<{ indexed: number }, { indexed: number }, undefined> {
  let indexed = 0;
  for (const doc of documents) {
    index.upsert(doc);
    indexed++;
    if (indexed % clientsPerSlice === 0) yield { indexed };
  }
  return { indexed };
}
