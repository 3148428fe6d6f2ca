import type { ClientSearchDocument } from './document';
import { PACKED_FORMAT_VERSION, storableId } from './inverted-index';
import { compareWords, MASK_BITS } from './segments';
import { eachDocumentTerm } from './terms';
import type { PackedClientIndex } from './types';

/** Postings are kept in chunks of this many, so growing never copies what is there. */
const CHUNK_BITS = 20;
const CHUNK = 1 << CHUNK_BITS;

/**
 * Builds a whole index from every client's document in one pass, straight into the stored
 * layout: the rebuild when the stored index is lost (issue 13). Adding a document one word at a
 * time to the index's delta and sealing it every few thousand clients (the path of a single
 * write) costs a JS array per word, a map per document and a copy of every posting at every
 * seal; here each word is looked up once in one map, its posting goes into flat chunks (a
 * word seen again in the same document only adds its field's bit), and the words are sorted and
 * the postings laid out once at the end. The postings of a word stay in doc order, as a seal
 * leaves them; the result is the same index `upsert` + `optimize` + `pack` give
 * (tests/property/search-packed.test.ts).
 */
export class ClientIndexBuilder {
  private readonly termIds = new Map<string, number>();
  private readonly terms: string[] = [];
  /** Per word id: the last doc it was seen in, and where that doc's posting of it is. */
  private lastDoc = new Int32Array(1 << 16).fill(-1);
  private lastAt = new Int32Array(1 << 16);
  /** Per posting, in the order added: the word id, and doc × 256 + field mask. */
  private readonly termChunks: Int32Array[] = [];
  private readonly postingChunks: Uint32Array[] = [];
  private size = 0;
  private readonly ids: string[] = [];
  private readonly seen = new Set<string>();
  private readonly counts: number[] = [];

  /** Indexes one client's document; each client once. */
  add(doc: ClientSearchDocument): void {
    if (this.seen.has(doc.id)) throw new Error('a client indexed twice');
    this.seen.add(doc.id);
    const docNum = this.ids.length;
    this.ids.push(storableId(doc.id));
    const before = this.size;
    const base = docNum * MASK_BITS;
    eachDocumentTerm(doc, (term, bit) => {
      let id = this.termIds.get(term);
      if (id === undefined) {
        id = this.terms.length;
        this.termIds.set(term, id);
        this.terms.push(term);
        if (id === this.lastDoc.length) this.growWords();
      }
      if (this.lastDoc[id] === docNum) {
        const at = this.lastAt[id] as number;
        const chunk = this.postingChunks[at >>> CHUNK_BITS] as Uint32Array;
        chunk[at & (CHUNK - 1)] = (chunk[at & (CHUNK - 1)] as number) | bit;
        return;
      }
      const at = this.size++;
      if ((at & (CHUNK - 1)) === 0) {
        this.termChunks.push(new Int32Array(CHUNK));
        this.postingChunks.push(new Uint32Array(CHUNK));
      }
      (this.termChunks[at >>> CHUNK_BITS] as Int32Array)[at & (CHUNK - 1)] = id;
      (this.postingChunks[at >>> CHUNK_BITS] as Uint32Array)[at & (CHUNK - 1)] = base + bit;
      this.lastDoc[id] = docNum;
      this.lastAt[id] = at;
    });
    this.counts.push(this.size - before);
  }

  /** The index in its stored layout, and the number of postings of each doc. */
  finish(): { packed: PackedClientIndex; counts: Uint32Array } {
    const { terms } = this;
    const order = Array.from(terms.keys()).sort((a, b) =>
      compareWords(terms[a] as string, terms[b] as string),
    );
    const rank = new Uint32Array(terms.length);
    order.forEach((id, r) => (rank[id] = r));
    // Postings per word, then where each word's postings start, then the postings in place.
    const offsets = new Uint32Array(terms.length + 1);
    this.eachPosting((id) => {
      const r = (rank[id] as number) + 1;
      offsets[r] = (offsets[r] as number) + 1;
    });
    for (let r = 0; r < terms.length; r++)
      offsets[r + 1] = (offsets[r + 1] as number) + (offsets[r] as number);
    const next = offsets.slice(0, terms.length);
    const data = new Uint32Array(this.size);
    this.eachPosting((id, posting) => {
      const r = rank[id] as number;
      const at = next[r] as number;
      data[at] = posting;
      next[r] = at + 1;
    });
    return {
      packed: {
        format: 'fieldbook-client-search-packed',
        version: PACKED_FORMAT_VERSION,
        docs: this.ids.length,
        ids: this.ids.join('\n'),
        terms: order.map((id) => terms[id] as string).join('\n'),
        postingOffsets: offsets,
        postingData: data,
        deltaTerms: '',
        deltaOffsets: new Uint32Array(1),
        deltaData: new Uint32Array(0),
      },
      counts: Uint32Array.from(this.counts),
    };
  }

  private eachPosting(visit: (id: number, posting: number) => void): void {
    for (let c = 0; c < this.termChunks.length; c++) {
      const ids = this.termChunks[c] as Int32Array;
      const postings = this.postingChunks[c] as Uint32Array;
      const end = Math.min(CHUNK, this.size - c * CHUNK);
      for (let k = 0; k < end; k++) visit(ids[k] as number, postings[k] as number);
    }
  }

  private growWords(): void {
    const lastDoc = new Int32Array(this.lastDoc.length * 2).fill(-1);
    lastDoc.set(this.lastDoc);
    const lastAt = new Int32Array(this.lastAt.length * 2);
    lastAt.set(this.lastAt);
    this.lastDoc = lastDoc;
    this.lastAt = lastAt;
  }
}
