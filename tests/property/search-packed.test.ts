// The client search index in its stored layout (PackedClientIndex): over random books and random
// edit histories, an index packed, copied as IndexedDB copies it and unpacked answers every query
// exactly as the index it was packed from, keeps doing so under the same further edits, and
// answers as an index built afresh from the book's final documents; and the bulk build of a whole
// book (builder.ts) lays out exactly what writing its clients one by one and sealing lays out.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvertedClientIndex } from '../../shared/search/inverted-index';
import { ClientIndexBuilder } from '../../shared/search/builder';
import type { ClientSearchDocument } from '../../shared/search/document';
import type { PackedClientIndex, SearchResult } from '../../shared/search/types';

// Few words with shared prefixes, so prefix queries hit many words and many clients.
const WORDS = [
  'кофе',
  'кофемашина',
  'кофейня',
  'ромашка',
  'ром',
  'Пётр',
  'петров',
  'ёлка',
  'елки',
  'coffee',
  'café',
  'crème',
  'поставка',
  'поставщик',
  'зерно',
  'opt',
];
const word = fc.constantFrom(...WORDS);
const text = fc.array(word, { maxLength: 5 }).map((w) => w.join(' '));
const phone = fc.constantFrom(
  '89123456789',
  '+7 (912) 345-67-00',
  '4951112233',
  '+33 1 42 68 53 00',
);
const ID_COUNT = 12;
const id = fc.integer({ min: 0, max: ID_COUNT - 1 }).map((n) => `client-${n}`);

const docArb = (docId: fc.Arbitrary<string>) =>
  fc.record({
    id: docId,
    name: text,
    people: fc.array(text, { maxLength: 2 }),
    phones: fc.array(phone, { maxLength: 2 }),
    emails: fc.array(
      word.map((w) => `${w}@example.ru`),
      { maxLength: 1 },
    ),
    tags: fc.array(word, { maxLength: 2 }),
    address: text,
    items: fc.array(text, { maxLength: 2 }),
    notes: fc.array(text, { maxLength: 4 }),
  }) satisfies fc.Arbitrary<ClientSearchDocument>;

type Edit =
  | { kind: 'upsert'; doc: ClientSearchDocument }
  | { kind: 'remove'; id: string }
  | { kind: 'optimize' };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  { weight: 6, arbitrary: docArb(id).map((doc) => ({ kind: 'upsert' as const, doc })) },
  { weight: 2, arbitrary: id.map((removed) => ({ kind: 'remove' as const, id: removed })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'optimize' as const }) },
);

const QUERIES = [
  ...WORDS,
  ...WORDS.map((w) => w.slice(0, 2)),
  'к',
  'п',
  'кофе ром',
  'петр ёлк',
  '8912',
  '+7 912 345',
  '345-67',
  '4951',
  'example',
  'зерно кофе поставка',
];

function apply(index: InvertedClientIndex, edit: Edit, book: Map<string, ClientSearchDocument>) {
  if (edit.kind === 'upsert') {
    index.upsert(edit.doc);
    book.set(edit.doc.id, edit.doc);
  } else if (edit.kind === 'remove') {
    index.remove(edit.id);
    book.delete(edit.id);
  } else index.optimize();
}

/** IndexedDB and postMessage copy a value this way. */
const copied = (packed: PackedClientIndex) => structuredClone(packed);

const answers = (index: InvertedClientIndex) =>
  QUERIES.map((q) => index.search(q, { limit: 1000 }));

/** Ties between equal scores fall by doc number, which differs between two histories. */
function unordered(result: SearchResult) {
  return {
    total: result.total,
    queryTerms: result.queryTerms,
    hits: [...result.hits].sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)),
  };
}

describe('the packed client index', () => {
  it('unpacks to an index answering exactly as the one packed, before and after more edits', () => {
    fc.assert(
      fc.property(
        fc.array(editArb, { maxLength: 40 }),
        fc.array(editArb, { maxLength: 15 }),
        (history, later) => {
          const book = new Map<string, ClientSearchDocument>();
          const index = new InvertedClientIndex();
          for (const edit of history) apply(index, edit, book);
          const restored = InvertedClientIndex.unpack(copied(index.pack()));
          expect(restored).not.toBeNull();
          expect(restored!.size).toBe(index.size);
          expect(answers(restored!)).toEqual(answers(index));
          // The same edits on both keep them answering alike (doc numbers, dead docs, delta).
          const shadow = new Map(book);
          for (const edit of later) {
            apply(index, edit, book);
            apply(restored!, edit, shadow);
          }
          expect(answers(restored!)).toEqual(answers(index));
          // Packed again after the edits, unpacked again: still the same.
          const twice = InvertedClientIndex.unpack(copied(restored!.pack()));
          expect(answers(twice!)).toEqual(answers(index));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('a restored index with its edits answers as one built afresh from the final book', () => {
    fc.assert(
      fc.property(
        fc.array(editArb, { maxLength: 40 }),
        fc.array(editArb, { maxLength: 15 }),
        (history, later) => {
          const book = new Map<string, ClientSearchDocument>();
          const index = new InvertedClientIndex();
          for (const edit of history) apply(index, edit, book);
          const restored = InvertedClientIndex.unpack(copied(index.pack()))!;
          for (const edit of later) apply(restored, edit, book);
          const fresh = new InvertedClientIndex();
          for (const doc of book.values()) fresh.upsert(doc);
          // Sealed both: which of two equally good words a hit names depends on where it sits.
          restored.optimize();
          fresh.optimize();
          expect(restored.size).toBe(book.size);
          expect(answers(restored).map(unordered)).toEqual(answers(fresh).map(unordered));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('the bulk build lays out what writing the clients one by one and sealing lays out', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(docArb(id), { selector: (doc) => doc.id, maxLength: ID_COUNT }),
        fc.integer({ min: 1, max: 5 }),
        (docs, sealEvery) => {
          const builder = new ClientIndexBuilder();
          const index = new InvertedClientIndex();
          docs.forEach((doc, i) => {
            builder.add(doc);
            index.upsert(doc);
            if ((i + 1) % sealEvery === 0) index.optimize();
          });
          index.optimize();
          const { packed, counts } = builder.finish();
          expect(packed.docs).toBe(docs.length);
          expect(packed).toEqual(index.pack());
          expect(InvertedClientIndex.checkPacked(packed)).toEqual(counts);
          expect(answers(InvertedClientIndex.unpack(copied(packed))!)).toEqual(answers(index));
          // Each client once: a second document for one is refused, not indexed twice.
          if (docs.length > 0) expect(() => builder.add(docs[0]!)).toThrow();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('refuses a damaged or foreign copy, so the caller rebuilds', () => {
    const index = new InvertedClientIndex();
    const base = { people: [], phones: [], emails: [], tags: [], address: '', items: [] };
    index.upsert({ id: 'a', name: 'Ромашка', notes: ['кофе'], ...base });
    index.upsert({ id: 'b', name: 'Лютик', notes: [], ...base });
    index.optimize();
    index.upsert({ id: 'a', name: 'Ромашка плюс', notes: [], ...base });
    const packed = index.pack();
    expect(InvertedClientIndex.unpack(copied(packed))).not.toBeNull();
    const bad: unknown[] = [
      { ...packed, version: packed.version - 1 },
      { ...packed, format: 'fieldbook-client-search' },
      { ...packed, docs: packed.docs + 1 },
      { ...packed, ids: packed.ids.replace('b', 'a') },
      { ...packed, terms: packed.terms.split('\n').reverse().join('\n') },
      { ...packed, terms: `${packed.terms}\nzz` },
      { ...packed, postingData: packed.postingData.subarray(1) },
      { ...packed, postingData: packed.postingData.map((p) => p + 256 * 10) },
      { ...packed, deltaOffsets: Array.from(packed.deltaOffsets) },
      {
        ...packed,
        deltaTerms: packed.deltaTerms
          .split('\n')
          .map(() => 'плюс')
          .join('\n'),
      },
      { ...packed, ids: 7 },
      null,
    ];
    for (const damaged of bad) {
      expect(InvertedClientIndex.unpack(damaged as PackedClientIndex)).toBeNull();
    }
  });
});
