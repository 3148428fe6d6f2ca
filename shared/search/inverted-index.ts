import { NORMALIZER_VERSION } from './normalize';
import type { ClientSearchDocument } from './document';
import {
  MASK_WEIGHT,
  documentTerms,
  fieldsOfMask,
  matchQuality,
  queryTerms,
  MAX_QUERY_TERMS,
} from './terms';
import {
  DeltaSegment,
  EMPTY_SEGMENT,
  MASK_BITS,
  prefixRange,
  seal,
  TermList,
  type SealedSegment,
} from './segments';
import type {
  ClientSearchIndex,
  PackedClientIndex,
  SearchHit,
  SearchOptions,
  SearchResult,
  SerializedClientIndex,
} from './types';

export const INDEX_FORMAT_VERSION = 200 + NORMALIZER_VERSION;
/** The version of the packed (stored) layout: a change to it or the normaliser rebuilds. */
export const PACKED_FORMAT_VERSION = 300 + NORMALIZER_VERSION;

/** More docs than postings can number (doc × 256 + mask in 32 bits). */
const DOC_LIMIT = 2 ** 24;

/** Splits a '\n'-joined list of `count` entries (an empty string holds none). */
function splitLines(text: string, count: number): string[] | null {
  if (count === 0) return text === '' ? [] : null;
  const lines = text.split('\n');
  return lines.length === count ? lines : null;
}

/** A client id as the stored layout holds it: one line, not empty (a dead doc's line is ''). */
export function storableId(id: string): string {
  if (id === '' || id.includes('\n')) throw new Error('a client id the stored index cannot hold');
  return id;
}

/** Checks the offsets of a postings list: from 0, never going back, ending at the data's end. */
function validOffsets(offsets: Uint32Array, data: Uint32Array): boolean {
  const n = offsets.length - 1;
  if (n < 0 || offsets[0] !== 0 || offsets[n] !== data.length) return false;
  for (let i = 1; i <= n; i++)
    if ((offsets[i] as number) < (offsets[i - 1] as number)) return false;
  return true;
}

/**
 * Our own inverted index: a sealed segment plus a delta of recent writes (see segments.ts). An
 * update marks the client's old doc number dead and indexes the new document under a new number;
 * sealing folds the delta in and sweeps dead postings out.
 */
export class InvertedClientIndex implements ClientSearchIndex {
  private base: SealedSegment = EMPTY_SEGMENT;
  private delta = new DeltaSegment();
  /** Doc number → client id, null once replaced or removed. */
  private docIds: (string | null)[] = [];
  private alive = new Uint8Array(0);
  private docPostings: number[] = [];
  private docNumById = new Map<string, number>();
  private deadPostings = 0;
  // Scratch space reused by every search, indexed by doc number, zero between searches.
  private best = new Float64Array(0);
  private total = new Float64Array(0);
  private hits = new Uint8Array(0);
  private masks = new Uint16Array(0);
  /** Per doc and query word: the matched word, as base position or -(delta id + 1). */
  private matched = new Int32Array(0);

  get size(): number {
    return this.docNumById.size;
  }

  has(id: string): boolean {
    return this.docNumById.has(id);
  }

  upsert(doc: ClientSearchDocument): void {
    this.remove(doc.id);
    const docNum = this.docIds.length;
    this.docIds.push(doc.id);
    this.docNumById.set(doc.id, docNum);
    this.growScratch(docNum + 1);
    this.alive[docNum] = 1;
    const entries = documentTerms(doc);
    for (const [term, mask] of entries) this.delta.add(term, docNum * MASK_BITS + mask);
    this.docPostings.push(entries.size);
  }

  remove(id: string): void {
    const docNum = this.docNumById.get(id);
    if (docNum === undefined) return;
    this.docNumById.delete(id);
    this.docIds[docNum] = null;
    this.alive[docNum] = 0;
    this.deadPostings += this.docPostings[docNum] ?? 0;
  }

  /**
   * Folds recent writes into the sealed segment. Searches do it themselves when the delta grows
   * large (after a bulk load); the app may also call it when idle.
   */
  optimize(): void {
    if (this.delta.postingCount === 0 && this.deadPostings === 0) return;
    const renumber = new Int32Array(this.docIds.length).fill(-1);
    const ids: string[] = [];
    const counts: number[] = [];
    this.docIds.forEach((id, doc) => {
      if (id === null) return;
      renumber[doc] = ids.length;
      ids.push(id);
      counts.push(this.docPostings[doc] as number);
    });
    this.base = seal(this.base, this.delta, renumber);
    this.delta = new DeltaSegment();
    this.setDocs(ids, counts);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const qTerms = queryTerms(query);
    if (qTerms.length === 0 || this.size === 0) return { hits: [], total: 0, queryTerms: qTerms };
    const pending = this.delta.postingCount + this.deadPostings;
    if (pending > 20_000 && pending > this.base.data.length / 4) this.optimize();

    const { base, delta, hits, best, total } = this;
    let candidates: number[] = [];
    for (let q = 0; q < qTerms.length; q++) {
      const qt = qTerms[q] as string;
      const touched: number[] = [];
      const [from, to] = prefixRange(base.terms.length, (i) => base.terms.at(i), qt);
      for (let t = from; t < to; t++) {
        const quality = matchQuality(qt.length, base.terms.lengthAt(t));
        const end = base.offsets[t + 1] as number;
        for (let k = base.offsets[t] as number; k < end; k++) {
          this.visit(base.data[k] as number, q, quality, t, touched);
        }
      }
      const order = delta.sorted();
      const [dFrom, dTo] = prefixRange(
        order.length,
        (i) => delta.terms[order[i] as number] as string,
        qt,
      );
      for (let r = dFrom; r < dTo; r++) {
        const id = order[r] as number;
        const quality = matchQuality(qt.length, (delta.terms[id] as string).length);
        for (const entry of delta.postings[id] as number[])
          this.visit(entry, q, quality, -(id + 1), touched);
      }
      for (const doc of touched) {
        total[doc] = (total[doc] as number) + (best[doc] as number);
        hits[doc] = q + 1;
        best[doc] = 0;
      }
      // Only docs that matched every word so far can still match the whole query.
      if (q === 0) candidates = touched;
    }

    const found = rank(
      candidates.filter((doc) => hits[doc] === qTerms.length),
      total,
    );
    const results = found.slice(0, options.limit ?? 200).map((doc) => this.hit(doc, qTerms.length));
    for (const doc of candidates) {
      total[doc] = 0;
      hits[doc] = 0;
      this.masks[doc] = 0;
    }
    return { hits: results, total: found.length, queryTerms: qTerms };
  }

  serialize(): SerializedClientIndex {
    this.optimize();
    return {
      format: 'fieldbook-client-search',
      version: INDEX_FORMAT_VERSION,
      ids: (this.docIds as string[]).slice(),
      terms: this.base.terms.words(),
      postingOffsets: this.base.offsets,
      postingData: this.base.data,
    };
  }

  /**
   * Restores a snapshot without copying its arrays (do not reuse them); null when it is from
   * another version or damaged, and the caller rebuilds from the records.
   */
  static restore(data: SerializedClientIndex): InvertedClientIndex | null {
    if (
      data?.format !== 'fieldbook-client-search' ||
      data.version !== INDEX_FORMAT_VERSION ||
      !Array.isArray(data.ids) ||
      !Array.isArray(data.terms) ||
      !isTypedArray(data.postingOffsets, 'Uint32Array') ||
      !isTypedArray(data.postingData, 'Uint32Array') ||
      data.postingOffsets.length !== data.terms.length + 1 ||
      data.postingOffsets[0] !== 0 ||
      data.postingOffsets[data.terms.length] !== data.postingData.length
    ) {
      return null;
    }
    // One doc number per client: a client listed twice would be found twice.
    if (data.ids.some((id) => typeof id !== 'string') || new Set(data.ids).size !== data.ids.length)
      return null;
    for (let t = 0; t < data.terms.length; t++) {
      if (typeof data.terms[t] !== 'string') return null;
      if (t === 0) continue;
      if ((data.terms[t - 1] as string) >= (data.terms[t] as string)) return null;
      if ((data.postingOffsets[t] as number) < (data.postingOffsets[t - 1] as number)) return null;
    }
    const counts = new Array<number>(data.ids.length).fill(0);
    for (const entry of data.postingData) {
      const doc = (entry / MASK_BITS) | 0;
      if (doc >= data.ids.length) return null;
      counts[doc] = (counts[doc] as number) + 1;
    }
    const index = new InvertedClientIndex();
    index.base = {
      terms: TermList.of(data.terms),
      offsets: data.postingOffsets,
      data: data.postingData,
    };
    index.setDocs([...data.ids], counts);
    return index;
  }

  /**
   * The index in its stored layout (PackedClientIndex), as is: no sealing, so storing after a few
   * writes costs the few words they added, not a pass over every posting. The big arrays are the
   * index's own (do not modify them; storing or posting them copies or moves them).
   */
  pack(): PackedClientIndex {
    const ids = this.docIds.map((id) => (id === null ? '' : storableId(id)));
    const terms = this.base.terms.text;
    const { delta } = this;
    const deltaOffsets = new Uint32Array(delta.terms.length + 1);
    const deltaData = new Uint32Array(delta.postingCount);
    let size = 0;
    delta.postings.forEach((postings, t) => {
      deltaOffsets[t] = size;
      deltaData.set(postings, size);
      size += postings.length;
    });
    deltaOffsets[delta.terms.length] = size;
    return {
      format: 'fieldbook-client-search-packed',
      version: PACKED_FORMAT_VERSION,
      docs: ids.length,
      ids: ids.join('\n'),
      terms,
      postingOffsets: this.base.offsets,
      postingData: this.base.data,
      deltaTerms: delta.terms.join('\n'),
      deltaOffsets,
      deltaData,
    };
  }

  /**
   * The index from its stored layout, using its arrays as they are (do not reuse them); null when
   * it is from another version or damaged in any way, and the caller rebuilds from the records.
   */
  static unpack(data: PackedClientIndex): InvertedClientIndex | null {
    const counts = InvertedClientIndex.checkPacked(data);
    return counts === null ? null : InvertedClientIndex.fromChecked(data, counts);
  }

  /**
   * Checks a stored layout through and through (the costly half of unpack, a pass over every
   * posting: a worker does it); the number of postings of each doc, or null when it is from
   * another version or damaged in any way.
   */
  static checkPacked(data: PackedClientIndex): Uint32Array | null {
    if (
      data?.format !== 'fieldbook-client-search-packed' ||
      data.version !== PACKED_FORMAT_VERSION ||
      !Number.isSafeInteger(data.docs) ||
      data.docs < 0 ||
      data.docs >= DOC_LIMIT ||
      typeof data.ids !== 'string' ||
      typeof data.terms !== 'string' ||
      typeof data.deltaTerms !== 'string' ||
      !isTypedArray(data.postingOffsets, 'Uint32Array') ||
      !isTypedArray(data.postingData, 'Uint32Array') ||
      !isTypedArray(data.deltaOffsets, 'Uint32Array') ||
      !isTypedArray(data.deltaData, 'Uint32Array') ||
      !validOffsets(data.postingOffsets, data.postingData) ||
      !validOffsets(data.deltaOffsets, data.deltaData)
    ) {
      return null;
    }
    const ids = splitLines(data.ids, data.docs);
    const terms = TermList.fromText(data.terms, data.postingOffsets.length - 1);
    const deltaTerms = splitLines(data.deltaTerms, data.deltaOffsets.length - 1);
    if (!ids || !terms || !deltaTerms) return null;
    // Words sorted and distinct, none empty (checked in place: no string per word); in the delta
    // distinct.
    if (!terms.sortedAndDistinct()) return null;
    if (deltaTerms.includes('') || new Set(deltaTerms).size !== deltaTerms.length) return null;
    // One doc number per client: a client listed twice would be found twice.
    const live = ids.filter((id) => id !== '');
    if (new Set(live).size !== live.length) return null;
    const counts = new Uint32Array(ids.length);
    for (const postings of [data.postingData, data.deltaData]) {
      for (let k = 0; k < postings.length; k++) {
        const doc = ((postings[k] as number) / MASK_BITS) | 0;
        if (doc >= ids.length) return null;
        counts[doc] = (counts[doc] as number) + 1;
      }
    }
    return counts;
  }

  /** A stored layout's client ids by doc number ('' for a dead doc). */
  static packedIds(data: PackedClientIndex): string[] {
    return data.docs === 0 ? [] : data.ids.split('\n');
  }

  /**
   * The index from a stored layout `checkPacked` passed, with the counts it gave (the cheap half
   * of unpack, the page does it: splitting the ids, finding where each word starts).
   */
  static fromChecked(
    data: PackedClientIndex,
    counts: Uint32Array,
    /** `data.ids` split by line, when the caller has it already. */
    splitIds?: string[],
  ): InvertedClientIndex {
    const ids = splitIds ?? InvertedClientIndex.packedIds(data);
    // The words stay in their one string; checkPacked has matched them to their postings.
    const terms = TermList.fromText(data.terms, data.postingOffsets.length - 1);
    if (!terms) throw new Error('the stored words do not match their postings');
    const deltaTerms = data.deltaOffsets.length === 1 ? [] : data.deltaTerms.split('\n');
    const index = new InvertedClientIndex();
    index.base = { terms, offsets: data.postingOffsets, data: data.postingData };
    for (let t = 0; t < deltaTerms.length; t++) {
      const term = deltaTerms[t] as string;
      const end = data.deltaOffsets[t + 1] as number;
      for (let k = data.deltaOffsets[t] as number; k < end; k++) {
        index.delta.add(term, data.deltaData[k] as number);
      }
    }
    const docIds: (string | null)[] = new Array(ids.length);
    const docNumById = new Map<string, number>();
    for (let doc = 0; doc < ids.length; doc++) {
      const id = ids[doc] as string;
      docIds[doc] = id === '' ? null : id;
      if (id !== '') docNumById.set(id, doc);
    }
    index.setDocs(docIds, Array.from(counts), docNumById);
    return index;
  }

  private visit(
    entry: number,
    q: number,
    quality: number,
    termRef: number,
    touched: number[],
  ): void {
    const doc = (entry / MASK_BITS) | 0;
    if (this.hits[doc] !== q || this.alive[doc] === 0) return;
    const mask = entry & (MASK_BITS - 1);
    const score = (MASK_WEIGHT[mask] as number) * quality;
    const prev = this.best[doc] as number;
    if (prev === 0) touched.push(doc);
    if (score > prev) {
      this.best[doc] = score;
      this.matched[doc * MAX_QUERY_TERMS + q] = termRef;
    }
    this.masks[doc] = (this.masks[doc] as number) | mask;
  }

  private hit(doc: number, termCount: number): SearchHit {
    const terms: string[] = [];
    for (let q = 0; q < termCount; q++) {
      const ref = this.matched[doc * MAX_QUERY_TERMS + q] as number;
      terms.push((ref >= 0 ? this.base.terms.at(ref) : this.delta.terms[-ref - 1]) as string);
    }
    return {
      id: this.docIds[doc] as string,
      score: this.total[doc] as number,
      fields: fieldsOfMask(this.masks[doc] as number),
      terms,
    };
  }

  /** Doc numbers start afresh: `ids` by doc number, null for a dead doc (its postings count). */
  private setDocs(
    ids: (string | null)[],
    counts: number[],
    docNumById = new Map(ids.map((id, doc) => [id as string, doc])),
  ): void {
    this.docIds = ids;
    this.docPostings = counts;
    this.docNumById = docNumById;
    this.deadPostings = 0;
    ids.forEach((id, doc) => {
      if (id === null) this.deadPostings += counts[doc] as number;
    });
    // Doc numbers changed: start the scratch arrays afresh (they hold only zeros between searches).
    this.alive = new Uint8Array(0);
    this.best = new Float64Array(0);
    this.total = new Float64Array(0);
    this.hits = new Uint8Array(0);
    this.masks = new Uint16Array(0);
    this.matched = new Int32Array(0);
    this.growScratch(ids.length);
    ids.forEach((id, doc) => {
      if (id !== null) this.alive[doc] = 1;
    });
  }

  private growScratch(needed: number): void {
    if (this.best.length >= needed) return;
    const capacity = Math.max(1024, needed * 2);
    const grown = <T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(
      old: T,
      next: T,
    ): T => {
      next.set(old as never);
      return next;
    };
    this.alive = grown(this.alive, new Uint8Array(capacity));
    this.best = grown(this.best, new Float64Array(capacity));
    this.total = grown(this.total, new Float64Array(capacity));
    this.hits = grown(this.hits, new Uint8Array(capacity));
    this.masks = grown(this.masks, new Uint16Array(capacity));
    this.matched = grown(this.matched, new Int32Array(capacity * MAX_QUERY_TERMS));
  }
}

/**
 * Whether `value` is a typed array of that kind, from any realm: a snapshot read back from
 * IndexedDB may be built by another realm's constructors (a test's fake IndexedDB under jsdom),
 * where `instanceof` says no to a perfectly good array.
 */
export function isTypedArray(value: unknown, kind: 'Uint32Array' | 'Float64Array'): boolean {
  return ArrayBuffer.isView(value) && Object.prototype.toString.call(value) === `[object ${kind}]`;
}

const DOC_SPACE = 2 ** 22;

/**
 * Docs by score, best first, ties by doc number. Packs score and doc into one number and sorts a
 * typed array natively: a one-letter query matches the whole book, and a comparator sort of ten
 * thousand docs would take most of the keystroke's budget.
 */
function rank(docs: number[], score: Float64Array): number[] {
  if (docs.some((doc) => doc >= DOC_SPACE)) {
    return docs.sort((a, b) => (score[b] as number) - (score[a] as number) || a - b);
  }
  const keys = new Float64Array(docs.length);
  // Scores stay below 1000 (8 words × the best field); a micro-point of precision orders them.
  docs.forEach((doc, i) => {
    keys[i] = (1e9 - Math.round((score[doc] as number) * 1e6)) * DOC_SPACE + doc;
  });
  keys.sort();
  return Array.from(keys, (key) => key % DOC_SPACE);
}
