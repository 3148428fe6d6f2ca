import { foldText, normalizeText } from './normalize';

/** A piece of displayed text, marked when it matched what the rep typed. */
export interface HighlightSegment {
  text: string;
  match: boolean;
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
const PHONE_CHAR = /[\d\s\-().+]/;

type Span = [start: number, end: number];

/**
 * Splits `text` into segments, marking the part of each word that starts with one of `terms`
 * (as you type "пет", "Петров" shows "Пет" marked). Terms are compared normalised, so "ё" and "е",
 * "É" and "e" match each other. A term of digits also marks a phone number written with spaces,
 * dashes or brackets ("912345" marks "912 345" in "+7 912 345-67-89"). Joining the segments'
 * text gives back the text (composed to NFC when it arrived decomposed).
 */
export function highlight(text: string, terms: readonly string[]): HighlightSegment[] {
  const source = /[\u0300-\u036f]/.test(text) ? text.normalize('NFC') : text;
  const normalizedTerms = [
    ...new Set(terms.flatMap((t) => normalizeText(t).split(' ')).filter((t) => t !== '')),
  ];
  if (source === '') return [];
  if (normalizedTerms.length === 0) return [{ text: source, match: false }];

  const spans = [...wordSpans(source, normalizedTerms), ...phoneSpans(source, normalizedTerms)];
  return toSegments(source, spans);
}

function wordSpans(text: string, terms: string[]): Span[] {
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    const cp = text.codePointAt(i) ?? 0;
    const ch = String.fromCodePoint(cp);
    if (!WORD_CHAR.test(ch)) {
      i += ch.length;
      continue;
    }
    // One word: its folded form and, per folded character, where it ends in the original.
    const start = i;
    let folded = '';
    const ends: number[] = [];
    while (i < text.length) {
      const c = String.fromCodePoint(text.codePointAt(i) ?? 0);
      if (!WORD_CHAR.test(c)) break;
      i += c.length;
      const f = foldText(c);
      folded += f;
      for (let k = 0; k < f.length; k++) ends.push(i);
    }
    let best = 0;
    for (const term of terms) {
      if (term.length > best && folded.startsWith(term)) best = term.length;
    }
    if (best > 0) spans.push([start, ends[best - 1] ?? i]);
  }
  return spans;
}

/** Digit terms against phone numbers written with formatting between the digits. */
function phoneSpans(text: string, terms: string[]): Span[] {
  const digitTerms = terms.filter((t) => t.length >= 3 && /^\d+$/.test(t));
  if (digitTerms.length === 0) return [];
  const spans: Span[] = [];
  let i = 0;
  while (i < text.length) {
    if (!PHONE_CHAR.test(text[i] ?? '')) {
      i++;
      continue;
    }
    const positions: number[] = [];
    let digits = '';
    while (i < text.length && PHONE_CHAR.test(text[i] ?? '')) {
      if (/\d/.test(text[i] ?? '')) {
        positions.push(i);
        digits += text[i];
      }
      i++;
    }
    if (digits.length < 7) continue;
    for (const term of digitTerms) {
      const found = matchInPhone(digits, term);
      if (found) {
        const first = positions[found[0]] ?? 0;
        const last = positions[found[1] - 1] ?? first;
        spans.push([first, last + 1]);
      }
    }
  }
  return spans;
}

/** Where in a phone's digits a typed digit term matches, as a digit index range. */
function matchInPhone(digits: string, term: string): Span | null {
  if (digits.startsWith(term)) return [0, term.length];
  if (digits.length >= 10) {
    const nationalStart = digits.length - 10;
    const national = digits.slice(nationalStart);
    if (national.startsWith(term)) return [nationalStart, nationalStart + term.length];
    // The rep typed 8 912… for a number written +7 912… (or the other way round).
    const trunk = term[0];
    if ((trunk === '7' || trunk === '8') && national.startsWith(term.slice(1))) {
      const from = digits.length === 11 ? 0 : nationalStart;
      return [from, nationalStart + term.length - 1];
    }
  }
  const localStart = digits.length - 7;
  if (digits.slice(localStart).startsWith(term)) return [localStart, localStart + term.length];
  return null;
}

function toSegments(text: string, spans: Span[]): HighlightSegment[] {
  const marked = new Uint8Array(text.length);
  for (const [start, end] of spans) marked.fill(1, start, end);
  const segments: HighlightSegment[] = [];
  let from = 0;
  for (let i = 1; i <= text.length; i++) {
    if (i === text.length || marked[i] !== marked[from]) {
      segments.push({ text: text.slice(from, i), match: marked[from] === 1 });
      from = i;
    }
  }
  return segments;
}
