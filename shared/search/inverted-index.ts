import { NORMALIZER_VERSION } from './normalize';
import type { ClientSearchDocument } from './document';
import {
  MASK_WEIGHT,
  documentTerms,
  fieldsOfMask,
  matchQuality,
  queryTerms,
  rarity,
  MAX_QUERY_TERMS,
} from './terms';
import type {
  ClientSearchIndex,
  SearchHit,
  SearchOptions,
  SearchResult,
  SerializedClientIndex,
} from './types';

export const INDEX_FORMAT_VERSION = 100 + NORMALIZER_VERSION;
const MASK_BITS = 256;

/**
 * Our own inverted index: word → postings (doc number × 256 + field mask), words kept sorted so
 * a prefix is a binary-searched range. An update marks the old doc number dead and appends a new
 * one; dead postings are swept out once they are a large share of the index.
 */
export class InvertedClientIndex implements ClientSearchIndex {
  private termIds = new Map<string, number>();
  private terms: string[] = [];
  private postings: number[][] = [];
  /** Term ids in term order, plus ids added since the last sort (merged on the next search). */
  private sorted: number[] = [];
  private unsorted: number[] = [];
  /** Doc number → client id, null once replaced or removed. */
  private docIds: (string | null)[] = [];
  private docPostings: number[] = [];
  private docNumById = new Map<string, number>();
  private livePostings = 0;
  private deadPostings = 0;
  // Scratch space reused by every search so typing allocates next to nothing.
  private best = new Float64Array(0);
  private total = new Float64Array(0);
  private hits = new Uint8Array(0);
  private masks = new Uint16Array(0);
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
    const entries = documentTerms(doc);
    for (const [term, mask] of entries) this.postingsOf(term).push(docNum * MASK_BITS + mask);
    this.docPostings.push(entries.size);
    this.livePostings += entries.size;
  }

  remove(id: string): void {
    const docNum = this.docNumById.get(id);
    if (docNum === undefined) return;
    this.docNumById.delete(id);
    this.docIds[docNum] = null;
    const count = this.docPostings[docNum] ?? 0;
    this.livePostings -= count;
    this.deadPostings += count;
    if (this.deadPostings > 50_000 && this.deadPostings > this.livePostings / 2) this.compact();
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const limit = options.limit ?? 200;
    const qTerms = queryTerms(query);
    if (qTerms.length === 0 || this.size === 0) return { hits: [], total: 0, queryTerms: qTerms };
    this.mergeUnsorted();
    this.ensureScratch();
    const { best, total, hits, masks, matched } = this;
    const docCount = this.size;
    let candidates: number[] = [];

    for (let q = 0; q < qTerms.length; q++) {
      const qt = qTerms[q] as string;
      const touched: number[] = [];
      const [from, to] = this.prefixRange(qt);
      for (let r = from; r < to; r++) {
        const termId = this.sorted[r] as number;
        const list = this.postings[termId] as number[];
        const weight =
          matchQuality(qt, this.terms[termId] as string) * rarity(docCount, list.length);
        for (let k = 0; k < list.length; k++) {
          const entry = list[k] as number;
          const doc = (entry / MASK_BITS) | 0;
          if (hits[doc] !== q || this.docIds[doc] === null) continue;
          const mask = entry & (MASK_BITS - 1);
          const score = (MASK_WEIGHT[mask] as number) * weight;
          const prev = best[doc] as number;
          if (prev === 0) touched.push(doc);
          if (score > prev) {
            best[doc] = score;
            matched[doc * MAX_QUERY_TERMS + q] = termId;
          }
          masks[doc] = (masks[doc] as number) | mask;
        }
      }
      for (const doc of touched) {
        total[doc] = (total[doc] as number) + (best[doc] as number);
        hits[doc] = q + 1;
        best[doc] = 0;
      }
      // Only docs that matched every term so far can still match the whole query.
      if (q === 0) candidates = touched;
    }

    const found: number[] = [];
    for (const doc of candidates) if (hits[doc] === qTerms.length) found.push(doc);
    found.sort((a, b) => (total[b] as number) - (total[a] as number) || a - b);
    const results: SearchHit[] = found.slice(0, limit).map((doc) => ({
      id: this.docIds[doc] as string,
      score: total[doc] as number,
      fields: fieldsOfMask(masks[doc] as number),
      terms: qTerms.map(
        (_, q) => this.terms[matched[doc * MAX_QUERY_TERMS + q] as number] as string,
      ),
    }));
    for (const doc of candidates) {
      total[doc] = 0;
      hits[doc] = 0;
      masks[doc] = 0;
    }
    return { hits: results, total: found.length, queryTerms: qTerms };
  }

  serialize(): SerializedClientIndex {
    this.compact();
    this.mergeUnsorted();
    // Terms are written in sorted order so that restoring needs no sort.
    const order = this.sorted.filter((id) => (this.postings[id] as number[]).length > 0);
    const postingOffsets = new Uint32Array(order.length + 1);
    let size = 0;
    order.forEach((id, i) => {
      postingOffsets[i] = size;
      size += (this.postings[id] as number[]).length;
    });
    postingOffsets[order.length] = size;
    const postingData = new Uint32Array(size);
    order.forEach((id, i) => postingData.set(this.postings[id] as number[], postingOffsets[i]));
    return {
      format: 'fieldbook-client-search',
      version: INDEX_FORMAT_VERSION,
      ids: this.docIds as string[],
      terms: order.map((id) => this.terms[id] as string),
      postingOffsets,
      postingData,
    };
  }

  /** Restores a snapshot; null when it is from another version or damaged (then rebuild). */
  static restore(data: SerializedClientIndex): InvertedClientIndex | null {
    if (
      data?.format !== 'fieldbook-client-search' ||
      data.version !== INDEX_FORMAT_VERSION ||
      data.postingOffsets.length !== data.terms.length + 1 ||
      data.postingOffsets[data.terms.length] !== data.postingData.length
    ) {
      return null;
    }
    const index = new InvertedClientIndex();
    index.docIds = [...data.ids];
    index.docPostings = new Array<number>(data.ids.length).fill(0);
    data.ids.forEach((id, doc) => index.docNumById.set(id, doc));
    for (let t = 0; t < data.terms.length; t++) {
      const term = data.terms[t] as string;
      if (t > 0 && (data.terms[t - 1] as string) >= term) return null;
      const list = Array.from(
        data.postingData.subarray(data.postingOffsets[t], data.postingOffsets[t + 1]),
      );
      for (const entry of list) {
        const doc = (entry / MASK_BITS) | 0;
        if (doc >= data.ids.length) return null;
        index.docPostings[doc] = (index.docPostings[doc] as number) + 1;
      }
      index.termIds.set(term, t);
      index.terms.push(term);
      index.postings.push(list);
      index.sorted.push(t);
      index.livePostings += list.length;
    }
    return index;
  }

  private postingsOf(term: string): number[] {
    let id = this.termIds.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.termIds.set(term, id);
      this.terms.push(term);
      this.postings.push([]);
      this.unsorted.push(id);
    }
    return this.postings[id] as number[];
  }

  private mergeUnsorted(): void {
    if (this.unsorted.length === 0) return;
    const byTerm = (a: number, b: number) => {
      const ta = this.terms[a] as string;
      const tb = this.terms[b] as string;
      return ta < tb ? -1 : ta > tb ? 1 : 0;
    };
    const fresh = this.unsorted.sort(byTerm);
    const merged: number[] = new Array<number>(this.sorted.length + fresh.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.sorted.length || j < fresh.length) {
      if (j >= fresh.length || (i < this.sorted.length && byTerm(this.sorted[i]!, fresh[j]!) < 0)) {
        merged[k++] = this.sorted[i++] as number;
      } else {
        merged[k++] = fresh[j++] as number;
      }
    }
    this.sorted = merged;
    this.unsorted = [];
  }

  /** The positions in `sorted` of every term starting with `prefix`. */
  private prefixRange(prefix: string): [number, number] {
    const lower = (bound: string) => {
      let lo = 0;
      let hi = this.sorted.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if ((this.terms[this.sorted[mid] as number] as string) < bound) lo = mid + 1;
        else hi = mid;
      }
      return lo;
    };
    return [lower(prefix), lower(prefix + '\uffff')];
  }

  private ensureScratch(): void {
    const n = this.docIds.length;
    if (this.best.length >= n) return;
    const capacity = Math.max(1024, n * 2);
    const grow = <T extends Float64Array | Uint8Array | Uint16Array | Int32Array>(
      old: T,
      make: (size: number) => T,
      size: number,
    ): T => {
      const next = make(size);
      next.set(old as never);
      return next;
    };
    this.best = grow(this.best, (s) => new Float64Array(s), capacity);
    this.total = grow(this.total, (s) => new Float64Array(s), capacity);
    this.hits = grow(this.hits, (s) => new Uint8Array(s), capacity);
    this.masks = grow(this.masks, (s) => new Uint16Array(s), capacity);
    this.matched = grow(this.matched, (s) => new Int32Array(s), capacity * MAX_QUERY_TERMS);
  }

  /** Drops the postings of replaced and removed docs and renumbers the living ones. */
  private compact(): void {
    if (this.deadPostings === 0) return;
    const renumber = new Int32Array(this.docIds.length).fill(-1);
    const ids: string[] = [];
    const counts: number[] = [];
    this.docIds.forEach((id, doc) => {
      if (id === null) return;
      renumber[doc] = ids.length;
      ids.push(id);
      counts.push(this.docPostings[doc] as number);
    });
    for (let t = 0; t < this.postings.length; t++) {
      const next: number[] = [];
      for (const entry of this.postings[t] as number[]) {
        const doc = renumber[(entry / MASK_BITS) | 0] as number;
        if (doc >= 0) next.push(doc * MASK_BITS + (entry & (MASK_BITS - 1)));
      }
      this.postings[t] = next;
    }
    this.docIds = ids;
    this.docPostings = counts;
    this.docNumById = new Map(ids.map((id, doc) => [id, doc]));
    this.deadPostings = 0;
    // Scratch arrays are indexed by doc number; start them afresh for the new numbering.
    this.best = new Float64Array(0);
    this.total = new Float64Array(0);
    this.hits = new Uint8Array(0);
    this.masks = new Uint16Array(0);
    this.matched = new Int32Array(0);
  }
}
