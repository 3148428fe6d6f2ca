/**
 * Assembling text from fragments: a template names its slots in braces ({item}, {when}) and each
 * slot is filled from a list or from the context of the client the text is written for.
 */
import type { DemoRandom } from './random';
import type { PhraseContext } from './locale';

export type Slots = Readonly<Record<string, readonly string[]>>;

const SLOT = /\{(\w+)\}/g;

export function fillTemplate(
  template: string,
  rng: DemoRandom,
  slots: Slots,
  context: PhraseContext,
): string {
  return template.replace(SLOT, (whole, name: string) => {
    if (name === 'person' || name === 'item' || name === 'benefit') return context[name];
    if (name === 'n') return String(rng.int(2, 14));
    const options = slots[name];
    return options ? rng.pick(options) : whole;
  });
}

/** Upper-cases the first letter (templates may start with a slot in lower case). */
export function capitalize(text: string): string {
  return text.length === 0 ? text : text.charAt(0).toUpperCase() + text.slice(1);
}

/** 1–6 sentences, mostly 2–3, as reps write them. */
export function noteText(rng: DemoRandom, sentence: () => string): string {
  const count = rng.weighted([
    [1, 2],
    [2, 4],
    [3, 4],
    [4, 2],
    [5, 1],
    [6, 1],
  ] as const);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) parts.push(sentence());
  return parts.join(' ');
}

/**
 * A word list written as one `|`-separated string: long vocabularies stay a few lines long instead
 * of one line per word after formatting.
 */
export function list(text: string): readonly string[] {
  return text
    .split('|')
    .map((word) => word.replace(/\s+/g, ' ').trim())
    .filter((word) => word.length > 0);
}

/** Pairs written as `a/b|c/d`, e.g. masculine and feminine forms. */
export function pairs(text: string): readonly (readonly [string, string])[] {
  return list(text).map((pair) => {
    const [a, b] = pair.split('/');
    return [a ?? pair, b ?? a ?? pair] as const;
  });
}
