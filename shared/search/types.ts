import type { ClientSearchDocument, SearchField } from './document';

/** One client found, with what to highlight and where it matched (e.g. "found in a note"). */
export interface SearchHit {
  id: string;
  score: number;
  /** Fields the match came from, best first. */
  fields: SearchField[];
  /** The indexed words that matched, one per word of the query (pass to `highlight`). */
  terms: string[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** How many clients matched in all, of which `hits` are the best `limit`. */
  total: number;
  /** The query as searched: normalised words, or the digits of a phone. */
  queryTerms: string[];
}

export interface SearchOptions {
  /** Most hits to return; the rest are only counted. Default 200. */
  limit?: number;
}

/**
 * The client search index. Kept current one client at a time: every write that touches a client
 * (or its people, purchases, notes) upserts that client's document.
 */
export interface ClientSearchIndex {
  readonly size: number;
  has(id: string): boolean;
  /** Adds the client's document or replaces the one already indexed. */
  upsert(doc: ClientSearchDocument): void;
  remove(id: string): void;
  search(query: string, options?: SearchOptions): SearchResult;
  /** A structured-cloneable snapshot (typed arrays and strings) to store and restore later. */
  serialize(): SerializedClientIndex;
}

export interface SerializedClientIndex {
  format: 'fieldbook-client-search';
  /** Changes with the index layout or the normaliser; a mismatch means rebuild. */
  version: number;
  ids: string[];
  /** Indexed words in sorted order; a word's position is its id in `postings`. */
  terms: string[];
  /** Word i's postings are data[offsets[i]] .. data[offsets[i + 1]], each doc * 256 + field mask. */
  postingOffsets: Uint32Array;
  postingData: Uint32Array;
}

/**
 * The stored layout of the client index: a few big strings and typed arrays, so that reading it
 * back from IndexedDB and handing it between a worker and the page are a handful of copies, not
 * one object per word or per client. Words and ids contain no line break (words are letters and
 * digits; ids are checked when packed), so each list is one string joined by '\n'.
 */
export interface PackedClientIndex {
  format: 'fieldbook-client-search-packed';
  /** Changes with the layout or the normaliser; a mismatch means rebuild. */
  version: number;
  /** Doc numbers in use, living and dead. */
  docs: number;
  /** Doc number → client id joined by '\n'; an empty line is a doc replaced or removed. */
  ids: string;
  /** The sealed segment's words, sorted, joined by '\n'. */
  terms: string;
  /** Word i's postings are postingData[postingOffsets[i]] .. [postingOffsets[i + 1]]. */
  postingOffsets: Uint32Array;
  /** Each doc number × 256 + field mask. */
  postingData: Uint32Array;
  /** Words written since the last seal (in the order first written), joined by '\n'. */
  deltaTerms: string;
  deltaOffsets: Uint32Array;
  deltaData: Uint32Array;
}
