import {
  SEARCH_FIELDS,
  FIELD_WEIGHTS,
  type ClientSearchDocument,
  type SearchField,
} from './document';
import { phoneQueryDigits, phoneSearchKeys, tokenize } from './normalize';

/** Query words beyond this many add nothing a rep needs and only slow the search down. */
export const MAX_QUERY_TERMS = 8;

export const FIELD_BIT: Record<SearchField, number> = Object.fromEntries(
  SEARCH_FIELDS.map((f, i) => [f, 1 << i]),
) as Record<SearchField, number>;

/**
 * What a word found in the fields of a mask is worth: the best field's weight, plus a little for
 * each further field, so that among equal names the client whose word also appears elsewhere
 * comes first. The little never adds up to the step between two fields.
 */
export const MASK_WEIGHT: Float64Array = (() => {
  const table = new Float64Array(1 << SEARCH_FIELDS.length);
  for (let mask = 1; mask < table.length; mask++) {
    let best = 0;
    let fields = 0;
    SEARCH_FIELDS.forEach((f, i) => {
      if (mask & (1 << i)) {
        best = Math.max(best, FIELD_WEIGHTS[f]);
        fields++;
      }
    });
    table[mask] = best + 0.1 * (fields - 1);
  }
  return table;
})();

/** The fields of a mask, highest weight first. */
export function fieldsOfMask(mask: number): SearchField[] {
  return SEARCH_FIELDS.filter((f) => (mask & FIELD_BIT[f]) !== 0).sort(
    (a, b) => FIELD_WEIGHTS[b] - FIELD_WEIGHTS[a],
  );
}

/**
 * Calls `add` with every indexed word of a document and the bit of the field it appears in, field
 * by field in rank order (a word comes once per field it is found in, or more often). The one
 * place that says what of a document is indexed: the index's writes and the bulk build go through it.
 */
export function eachDocumentTerm(
  doc: ClientSearchDocument,
  add: (term: string, fieldBit: number) => void,
): void {
  const addText = (text: string, bit: number) => {
    for (const t of tokenize(text)) add(t, bit);
  };
  addText(doc.name, FIELD_BIT.name);
  for (const p of doc.people) addText(p, FIELD_BIT.people);
  for (const phone of doc.phones)
    for (const key of phoneSearchKeys(phone)) add(key, FIELD_BIT.phones);
  for (const e of doc.emails) addText(e, FIELD_BIT.emails);
  for (const t of doc.tags) addText(t, FIELD_BIT.tags);
  addText(doc.address, FIELD_BIT.address);
  for (const i of doc.items) addText(i, FIELD_BIT.items);
  for (const n of doc.notes) addText(n, FIELD_BIT.notes);
}

/** Every indexed word of a document and the fields it appears in (a bit mask). */
export function documentTerms(doc: ClientSearchDocument): Map<string, number> {
  const terms = new Map<string, number>();
  eachDocumentTerm(doc, (term, bit) => terms.set(term, (terms.get(term) ?? 0) | bit));
  return terms;
}

/** The words a query is searched by: a phone's digits, or its normalised, distinct words. */
export function queryTerms(query: string): string[] {
  const digits = phoneQueryDigits(query);
  if (digits !== null) return [digits];
  return [...new Set(tokenize(query))].slice(0, MAX_QUERY_TERMS);
}

/**
 * How well an indexed word answers a query word (by their lengths: the indexed one starts with
 * the query word): a whole word beats a prefix, and a prefix
 * covering more of the word beats a shorter one. Never below half, so a prefix of a name still
 * outranks a whole word found in a note.
 */
export function matchQuality(queryLength: number, indexedLength: number): number {
  if (queryLength === indexedLength) return 1;
  return 0.5 + (0.3 * queryLength) / indexedLength;
}
