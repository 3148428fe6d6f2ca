/**
 * The sealed segment's words kept as one string (segments.ts TermList): every question asked of
 * them in place (a word, its length, how it orders against another, whether all are sorted) gives
 * what the same question gives over the words as a list, and sealing (which copies runs of words
 * as slices) gives the words a plain merge gives, over random words, postings and dead docs.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { DeltaSegment, MASK_BITS, seal, TermList } from '../../shared/search/segments';

/** Short words over a few letters (Cyrillic too, and one past the BMP), so prefixes collide. */
const wordArb = fc
  .array(fc.constantFrom('a', 'b', 'я', 'ё', '1', '\u{1F600}'), { minLength: 1, maxLength: 4 })
  .map((cs) => cs.join(''));
const sortedWords = fc
  .uniqueArray(wordArb, { maxLength: 40 })
  .map((ws) => [...ws].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));

describe('sealed words in one string', () => {
  it('answer as the list of words does', () => {
    fc.assert(
      fc.property(sortedWords, wordArb, (words, other) => {
        const list = TermList.of(words);
        expect(list.length).toBe(words.length);
        expect(list.text).toBe(words.join('\n'));
        expect(TermList.fromText(list.text, words.length)?.words()).toEqual(words);
        // ('' holds no word, or one empty word: which one the count says; empty words are refused
        // by sortedAndDistinct.)
        if (words.length > 0) expect(TermList.fromText(list.text, words.length + 1)).toBeNull();
        if (words.length > 1) expect(TermList.fromText(list.text, words.length - 1)).toBeNull();
        words.forEach((w, i) => {
          expect(list.at(i)).toBe(w);
          expect(list.lengthAt(i)).toBe(w.length);
          expect(Math.sign(list.compare(i, other))).toBe(w < other ? -1 : w > other ? 1 : 0);
        });
        expect(list.sortedAndDistinct()).toBe(true);
        if (words.length > 1) {
          expect(TermList.of([...words].reverse()).sortedAndDistinct()).toBe(false);
          expect(TermList.of([words[0]!, ...words]).sortedAndDistinct()).toBe(false);
        }
        expect(TermList.of(['', ...words]).sortedAndDistinct()).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('seal: the words a plain merge keeps, each with its live postings renumbered', () => {
    const docs = 6;
    fc.assert(
      fc.property(
        sortedWords,
        fc.array(fc.tuple(wordArb, fc.nat({ max: docs - 1 })), { maxLength: 40 }),
        fc.array(fc.boolean(), { minLength: docs, maxLength: docs }),
        fc.array(fc.nat({ max: docs - 1 }), { maxLength: 120 }),
        (baseWords, added, dead, postingDocs) => {
          // The base: each word gets a few postings (doc × 256 + mask 1).
          const offsets = [0];
          const data: number[] = [];
          baseWords.forEach((_, i) => {
            for (let k = 0; k < 3; k++) {
              const doc = postingDocs[(i * 3 + k) % Math.max(1, postingDocs.length)] ?? 0;
              data.push(doc * MASK_BITS + 1);
            }
            offsets.push(data.length);
          });
          const base = {
            terms: TermList.of(baseWords),
            offsets: Uint32Array.from(offsets),
            data: Uint32Array.from(data),
          };
          const delta = new DeltaSegment();
          for (const [w, doc] of added) delta.add(w, doc * MASK_BITS + 2);
          const renumber = new Int32Array(docs).fill(-1);
          let next = 0;
          dead.forEach((d, doc) => {
            if (!d) renumber[doc] = next++;
          });
          const sealed = seal(base, delta, renumber);

          // The plain merge: every word of either side with its live postings, renumbered.
          const postings = new Map<string, number[]>();
          const live = (entry: number) => renumber[(entry / MASK_BITS) | 0]! >= 0;
          const renum = (entry: number) =>
            renumber[(entry / MASK_BITS) | 0]! * MASK_BITS + (entry & (MASK_BITS - 1));
          baseWords.forEach((w, i) => {
            const kept = data
              .slice(offsets[i], offsets[i + 1])
              .filter(live)
              .map(renum);
            postings.set(w, kept);
          });
          for (const id of delta.sorted()) {
            const w = delta.terms[id]!;
            const kept = delta.postings[id]!.filter(live).map(renum);
            postings.set(w, [...(postings.get(w) ?? []), ...kept]);
          }
          const expected = [...postings]
            .filter(([, p]) => p.length > 0)
            .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
          expect(sealed.terms.words()).toEqual(expected.map(([w]) => w));
          expect(sealed.terms.sortedAndDistinct()).toBe(true);
          expected.forEach(([w, p], t) => {
            expect(sealed.terms.at(t)).toBe(w);
            expect([...sealed.data.slice(sealed.offsets[t], sealed.offsets[t + 1])]).toEqual(p);
          });
          expect(sealed.offsets.length).toBe(expected.length + 1);
        },
      ),
      { numRuns: 300 },
    );
  });
});
