/**
 * The two halves of the client index. Postings are numbers: doc number × 256 + field mask.
 *
 * The sealed segment holds nearly everything in three flat arrays, words in sorted order, so the
 * postings of every word with a given prefix lie side by side in memory: typing one letter scans
 * one contiguous stretch instead of chasing thousands of small arrays. It is also, as is, the
 * stored snapshot. Writes since the last seal go to the delta segment, a plain map of arrays.
 */
export const MASK_BITS = 256;

export interface SealedSegment {
  /** Indexed words, sorted. */
  terms: string[];
  /** Word i's postings are data[offsets[i]] .. data[offsets[i + 1]]. */
  offsets: Uint32Array;
  data: Uint32Array;
}

export const EMPTY_SEGMENT: SealedSegment = {
  terms: [],
  offsets: new Uint32Array(1),
  data: new Uint32Array(0),
};

/** The first position in `count` sorted words whose word is not below `bound`. */
export function lowerBound(count: number, termAt: (i: number) => string, bound: string): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (termAt(mid) < bound) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Positions [from, to) of the sorted words that start with `prefix`. */
export function prefixRange(
  count: number,
  termAt: (i: number) => string,
  prefix: string,
): [number, number] {
  return [lowerBound(count, termAt, prefix), lowerBound(count, termAt, `${prefix}\uffff`)];
}

/** Words added since the last seal, with their postings. */
export class DeltaSegment {
  readonly terms: string[] = [];
  readonly postings: number[][] = [];
  postingCount = 0;
  private ids = new Map<string, number>();
  /** Word ids in word order; words added since are merged in lazily, on the next search. */
  private order: number[] = [];
  private unsorted: number[] = [];

  add(term: string, posting: number): void {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.terms.length;
      this.ids.set(term, id);
      this.terms.push(term);
      this.postings.push([]);
      this.unsorted.push(id);
    }
    (this.postings[id] as number[]).push(posting);
    this.postingCount++;
  }

  /** Word ids in sorted word order. */
  sorted(): number[] {
    if (this.unsorted.length === 0) return this.order;
    const terms = this.terms;
    const termAt = (i: number) => terms[this.order[i] as number] as string;
    if (this.unsorted.length <= 64) {
      // A single write adds a few words: put each in place rather than sort everything again.
      for (const id of this.unsorted) {
        this.order.splice(lowerBound(this.order.length, termAt, terms[id] as string), 0, id);
      }
    } else {
      // A loop, not push(...spread): spreading 100k+ new words overflows the call stack.
      for (const id of this.unsorted) this.order.push(id);
      this.order.sort((a, b) => {
        const ta = terms[a] as string;
        const tb = terms[b] as string;
        return ta < tb ? -1 : ta > tb ? 1 : 0;
      });
    }
    this.unsorted = [];
    return this.order;
  }
}

/**
 * Merges the sealed segment and the delta into a new sealed segment, dropping the postings of
 * dead docs and renumbering living docs through `renumber` (old doc number → new, -1: dead).
 */
export function seal(
  base: SealedSegment,
  delta: DeltaSegment,
  renumber: Int32Array,
): SealedSegment {
  const deltaOrder = delta.sorted();
  const terms: string[] = [];
  const offsets: number[] = [0];
  const data = new Uint32Array(base.data.length + delta.postingCount);
  let size = 0;
  const copy = (entry: number) => {
    const doc = renumber[(entry / MASK_BITS) | 0] as number;
    if (doc >= 0) data[size++] = doc * MASK_BITS + (entry & (MASK_BITS - 1));
  };
  let i = 0;
  let j = 0;
  while (i < base.terms.length || j < deltaOrder.length) {
    const bt = base.terms[i];
    const dt = delta.terms[deltaOrder[j] as number];
    const takeBase = dt === undefined || (bt !== undefined && bt <= dt);
    const takeDelta = bt === undefined || (dt !== undefined && dt <= bt);
    const start = size;
    if (takeBase) {
      for (let k = base.offsets[i] as number; k < (base.offsets[i + 1] as number); k++) {
        copy(base.data[k] as number);
      }
      i++;
    }
    if (takeDelta) {
      for (const entry of delta.postings[deltaOrder[j] as number] as number[]) copy(entry);
      j++;
    }
    if (size > start) {
      terms.push((takeBase ? bt : dt) as string);
      offsets.push(size);
    }
  }
  return { terms, offsets: Uint32Array.from(offsets), data: data.slice(0, size) };
}
