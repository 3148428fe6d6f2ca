/**
 * The two halves of the client index. Postings are numbers: doc number × 256 + field mask.
 *
 * The sealed segment holds nearly everything in three flat arrays, words in sorted order, so the
 * postings of every word with a given prefix lie side by side in memory: typing one letter scans
 * one contiguous stretch instead of chasing thousands of small arrays. It is also, as is, the
 * stored snapshot. Writes since the last seal go to the delta segment, a plain map of arrays.
 */
export const MASK_BITS = 256;

/**
 * Sorted words kept as one '\n'-joined string and where each starts: a sealed segment's words
 * are stored and posted as that one string, and taking them as a list would make a string per
 * word (322k at 50k clients: ~20–30 ms and a garbage collection on the page at every start).
 * A word is cut out only when asked for (a search's bounds, a hit's matched word).
 */
export class TermList {
  private constructor(
    /** The words joined by '\n'. */
    readonly text: string,
    /** Word i is text[starts[i] .. starts[i + 1] - 1); the last entry is text.length + 1. */
    private readonly starts: Uint32Array,
  ) {}

  static of(words: readonly string[]): TermList {
    const starts: number[] = [];
    let at = 0;
    for (const w of words) {
      starts.push(at);
      at += w.length + 1;
    }
    return TermList.joined(words.join('\n'), starts, at);
  }

  /** The words of a joined string that holds `count` of them (none: ''); null when it does not. */
  static fromText(text: string, count: number): TermList | null {
    if (count === 0) return text === '' ? TermList.of([]) : null;
    const starts = new Uint32Array(count + 1);
    let at = 0;
    for (let i = 1; i < count; i++) {
      const end = text.indexOf('\n', at);
      if (end < 0) return null;
      starts[i] = at = end + 1;
    }
    if (text.indexOf('\n', at) >= 0) return null;
    starts[count] = text.length + 1;
    return new TermList(text, starts);
  }

  /** Words already joined, where each starts, and where the next one would (text.length + 1). */
  static joined(text: string, starts: readonly number[], end: number): TermList {
    const all = new Uint32Array(starts.length + 1);
    all.set(starts);
    all[starts.length] = end;
    return new TermList(text, all);
  }

  get length(): number {
    return this.starts.length - 1;
  }

  /** Where word i starts in `text` (i = length: one past the end). */
  startOf(i: number): number {
    return this.starts[i] as number;
  }

  at(i: number): string {
    return this.text.slice(this.starts[i], (this.starts[i + 1] as number) - 1);
  }

  lengthAt(i: number): number {
    return (this.starts[i + 1] as number) - (this.starts[i] as number) - 1;
  }

  /** Word i against `other` as `<` orders strings (UTF-16 units), without cutting word i out. */
  compare(i: number, other: string): number {
    return compareRanges(this.text, this.startOf(i), this.lengthAt(i), other, 0, other.length);
  }

  /** Whether the words are distinct, none empty, each after the one before. */
  sortedAndDistinct(): boolean {
    for (let i = 0; i < this.length; i++) {
      if (this.lengthAt(i) === 0) return false;
      if (
        i > 0 &&
        compareRanges(
          this.text,
          this.startOf(i - 1),
          this.lengthAt(i - 1),
          this.text,
          this.startOf(i),
          this.lengthAt(i),
        ) >= 0
      )
        return false;
    }
    return true;
  }

  /** Every word, as a list (a snapshot's older layout). */
  words(): string[] {
    return this.length === 0 ? [] : this.text.split('\n');
  }
}

/** Two words as `<` orders strings (UTF-16 units), for sort. */
export function compareWords(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Two stretches of text as `<` orders strings (UTF-16 units): negative, 0 or positive. */
function compareRanges(
  a: string,
  aFrom: number,
  aLength: number,
  b: string,
  bFrom: number,
  bLength: number,
): number {
  const m = Math.min(aLength, bLength);
  for (let k = 0; k < m; k++) {
    const d = a.charCodeAt(aFrom + k) - b.charCodeAt(bFrom + k);
    if (d !== 0) return d;
  }
  return aLength - bLength;
}

export interface SealedSegment {
  /** Indexed words, sorted. */
  terms: TermList;
  /** Word i's postings are data[offsets[i]] .. data[offsets[i + 1]]. */
  offsets: Uint32Array;
  data: Uint32Array;
}

export const EMPTY_SEGMENT: SealedSegment = {
  terms: TermList.of([]),
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
      this.order.sort((a, b) => compareWords(terms[a] as string, terms[b] as string));
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
  const bases = base.terms;
  // The new words as pieces of text: a run of base words kept side by side is one slice.
  const pieces: string[] = [];
  const starts: number[] = [];
  let at = 0;
  let runFrom = -1;
  let runTo = -1;
  const endRun = () => {
    if (runFrom < 0) return;
    pieces.push(bases.text.slice(bases.startOf(runFrom), bases.startOf(runTo) - 1));
    runFrom = -1;
  };
  const offsets: number[] = [0];
  const data = new Uint32Array(base.data.length + delta.postingCount);
  let size = 0;
  const copy = (entry: number) => {
    const doc = renumber[(entry / MASK_BITS) | 0] as number;
    if (doc >= 0) data[size++] = doc * MASK_BITS + (entry & (MASK_BITS - 1));
  };
  let i = 0;
  let j = 0;
  while (i < bases.length || j < deltaOrder.length) {
    const dt = delta.terms[deltaOrder[j] as number];
    const order = i >= bases.length ? 1 : dt === undefined ? -1 : bases.compare(i, dt);
    const takeBase = order <= 0;
    const takeDelta = order >= 0;
    const start = size;
    if (takeBase) {
      for (let k = base.offsets[i] as number; k < (base.offsets[i + 1] as number); k++) {
        copy(base.data[k] as number);
      }
    }
    if (takeDelta) {
      for (const entry of delta.postings[deltaOrder[j] as number] as number[]) copy(entry);
    }
    if (size > start) {
      starts.push(at);
      if (takeBase) {
        // The base word, as part of a run of base words when it follows one.
        if (runFrom < 0) runFrom = i;
        runTo = i + 1;
        at += bases.lengthAt(i) + 1;
      } else {
        endRun();
        pieces.push(dt as string);
        at += (dt as string).length + 1;
      }
      offsets.push(size);
    } else endRun();
    if (takeBase) i++;
    if (takeDelta) j++;
  }
  endRun();
  return {
    terms: TermList.joined(pieces.join('\n'), starts, at),
    offsets: Uint32Array.from(offsets),
    data: data.slice(0, size),
  };
}
