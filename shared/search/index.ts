import { InvertedClientIndex } from './inverted-index';
import type { ClientSearchIndex, SerializedClientIndex } from './types';

export * from './normalize';
export * from './highlight';
export * from './document';
export * from './types';
export { queryTerms } from './terms';
export { InvertedClientIndex, isTypedArray, PACKED_FORMAT_VERSION } from './inverted-index';
export { ClientIndexBuilder } from './builder';

/** The client search index the app uses (chosen by measurement, see docs/search.md). */
export function createClientSearchIndex(): ClientSearchIndex {
  return new InvertedClientIndex();
}

/** Restores a stored index; null when it must be rebuilt (older format, other normaliser). */
export function restoreClientSearchIndex(data: SerializedClientIndex): ClientSearchIndex | null {
  return InvertedClientIndex.restore(data);
}
export { rebuildClientIndex } from './rebuild';
