import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import {
  SEARCH_FIELDS,
  FIELD_WEIGHTS,
  type ClientSearchDocument,
  type SearchField,
} from './document';
import { phoneSearchKeys, tokenize } from './normalize';
import { queryTerms } from './terms';
import type { SearchOptions, SearchResult } from './types';

/**
 * The same client search on MiniSearch (radix tree, BM25). Kept as the measured alternative to
 * our own index: tests/bench/search.bench.ts runs both on the same data (see docs/search.md).
 */
export class MiniSearchClientIndex {
  private mini: MiniSearch<ClientSearchDocument>;

  constructor(mini?: MiniSearch<ClientSearchDocument>) {
    this.mini = mini ?? new MiniSearch<ClientSearchDocument>(MiniSearchClientIndex.options);
  }

  static readonly options: Options<ClientSearchDocument> = {
    fields: [...SEARCH_FIELDS],
    storeFields: [],
    extractField: (doc, field) => {
      const value = doc[field as keyof ClientSearchDocument];
      if (field === 'phones') return (value as string[]).flatMap(phoneSearchKeys).join(' ');
      return Array.isArray(value) ? value.join('\n') : (value as string);
    },
    tokenize: (text, field) => (field === 'phones' ? text.split(' ') : tokenize(text)),
    processTerm: (term) => term,
    searchOptions: {
      prefix: true,
      combineWith: 'AND',
      boost: FIELD_WEIGHTS,
      tokenize: queryTerms,
      processTerm: (term) => term,
    },
  };

  get size(): number {
    return this.mini.documentCount;
  }

  has(id: string): boolean {
    return this.mini.has(id);
  }

  upsert(doc: ClientSearchDocument): void {
    if (this.mini.has(doc.id)) this.mini.discard(doc.id);
    this.mini.add(doc);
  }

  remove(id: string): void {
    if (this.mini.has(id)) this.mini.discard(id);
  }

  search(query: string, options: SearchOptions = {}): SearchResult {
    const results = this.mini.search(query);
    return {
      total: results.length,
      queryTerms: queryTerms(query),
      hits: results.slice(0, options.limit ?? 200).map((r) => ({
        id: r.id as string,
        score: r.score,
        terms: r.terms,
        fields: [...new Set(Object.values(r.match).flat() as SearchField[])].sort(
          (a, b) => FIELD_WEIGHTS[b] - FIELD_WEIGHTS[a],
        ),
      })),
    };
  }

  serialize(): AsPlainObject {
    return this.mini.toJSON();
  }

  static restore(data: AsPlainObject): MiniSearchClientIndex {
    return new MiniSearchClientIndex(MiniSearch.loadJS(data, MiniSearchClientIndex.options));
  }
}
