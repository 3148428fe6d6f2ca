/**
 * Text and phone normalisation shared by the search index, highlighting and duplicate detection.
 * Search is case-insensitive, treats ё as е and folds Latin diacritics (é → e), but keeps й: it is
 * a letter of its own in Russian, not и with an accent.
 */

/** Bumped whenever normalisation changes, so a stored index built the old way is rebuilt. */
export const NORMALIZER_VERSION = 1;

const COMBINING_MARKS = /[\u0300-\u036f]/;
const LATIN_WITH_MARKS = /[\u00c0-\u024f\u1e00-\u1eff]/;
const NON_ASCII = /[^\u0020-\u007e\t\n\r]/;

/** Latin letters that do not decompose into a base letter plus marks. */
const SPECIAL_LATIN: Record<string, string> = {
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
};

const foldCache = new Map<string, string>();

/** Folds one lower-case character: ё → е, Latin letters lose their diacritics, others unchanged. */
export function foldChar(ch: string): string {
  if (ch === 'ё') return 'е';
  if (!LATIN_WITH_MARKS.test(ch)) return ch;
  let folded = foldCache.get(ch);
  if (folded === undefined) {
    folded = SPECIAL_LATIN[ch] ?? ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    foldCache.set(ch, folded);
  }
  return folded;
}

/** Lower case, ё → е, Latin diacritics folded; punctuation and spacing are left in place. */
export function foldText(text: string): string {
  // Decomposed input (macOS file names, some exports) would otherwise split "й" into "и" + a mark.
  let s = COMBINING_MARKS.test(text) ? text.normalize('NFC') : text;
  s = s.toLowerCase();
  if (!NON_ASCII.test(s)) return s;
  s = s.replace(/ё/g, 'е');
  return LATIN_WITH_MARKS.test(s) ? s.replace(/[\u00c0-\u024f\u1e00-\u1eff]/g, foldChar) : s;
}

/** Folded text with every run of punctuation and space collapsed to one space. */
export function normalizeText(text: string): string {
  return tokenize(text).join(' ');
}

const wordCharCache = new Map<number, boolean>();

/** Letters and digits of any script; the common ranges are decided without a regular expression. */
function isWordChar(code: number): boolean {
  if (code < 0x80) {
    return (
      (code >= 0x61 && code <= 0x7a) ||
      (code >= 0x30 && code <= 0x39) ||
      (code >= 0x41 && code <= 0x5a)
    );
  }
  if (code >= 0x0400 && code <= 0x045f) return true;
  let known = wordCharCache.get(code);
  if (known === undefined) {
    known = /[\p{L}\p{N}]/u.test(String.fromCodePoint(code));
    wordCharCache.set(code, known);
  }
  return known;
}

const needsFold = (code: number) =>
  code === 0x451 || (code >= 0xc0 && code <= 0x24f) || (code >= 0x1e00 && code <= 0x1eff);

/**
 * The search words of a text: folded, split on anything that is not a letter or a digit. A hand
 * scanner rather than a Unicode regular expression: it runs over every note when the index is
 * built, and is several times faster.
 */
export function tokenize(text: string): string[] {
  let s = COMBINING_MARKS.test(text) ? text.normalize('NFC') : text;
  s = s.toLowerCase();
  const tokens: string[] = [];
  const n = s.length;
  let i = 0;
  while (i < n) {
    let code = s.codePointAt(i) as number;
    if (!isWordChar(code)) {
      i += code > 0xffff ? 2 : 1;
      continue;
    }
    const start = i;
    let folded: string | null = null; // built only once a character needs folding
    while (i < n) {
      code = s.codePointAt(i) as number;
      if (!isWordChar(code)) break;
      const width = code > 0xffff ? 2 : 1;
      if (needsFold(code)) {
        folded = (folded ?? s.slice(start, i)) + foldChar(s.slice(i, i + width));
      } else if (folded !== null) {
        folded += s.slice(i, i + width);
      }
      i += width;
    }
    tokens.push(folded ?? s.slice(start, i));
  }
  return tokens;
}

/**
 * A phone reduced to its digits, Russian numbers in one canonical form: 8 912 345-67-89,
 * +7 (912) 345-67-89 and 79123456789 all become 79123456789. A bare ten-digit number starting
 * with 9 (a Russian mobile typed without the trunk prefix) gets the 7 too.
 */
export function normalizePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  if (digits.length === 11 && (digits[0] === '8' || digits[0] === '7'))
    return `7${digits.slice(1)}`;
  if (digits.length === 10 && digits[0] === '9') return `7${digits}`;
  return digits;
}

/** Whether two phones are the same number: equal canonical forms or equal last ten digits. */
export function samePhone(a: string, b: string): boolean {
  const na = normalizePhone(a);
  const nb = normalizePhone(b);
  if (na === '' || nb === '') return false;
  if (na === nb) return true;
  return na.length >= 10 && nb.length >= 10 && na.slice(-10) === nb.slice(-10);
}

/**
 * The search keys of one phone: every form a rep might start typing. Canonical digits, the last
 * ten digits (the national number), the national number with 8 in front (how Russians dial it),
 * and the last seven (the local number people remember).
 */
export function phoneSearchKeys(phone: string): string[] {
  const canonical = normalizePhone(phone);
  if (canonical.length < 3) return [];
  const keys = new Set<string>([canonical]);
  if (canonical.length >= 10) {
    const national = canonical.slice(-10);
    keys.add(national);
    if (canonical.length === 11 && canonical[0] === '7') keys.add(`8${national}`);
  }
  if (canonical.length >= 7) keys.add(canonical.slice(-7));
  return [...keys];
}

/**
 * When what the rep typed is a phone number in any format ("+7 912 345-67", "8 (912)"), its
 * digits as one search term; otherwise null and the query is searched as words.
 */
export function phoneQueryDigits(query: string): string | null {
  const trimmed = query.trim();
  if (!/^\+?[\d\s\-().]+$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  // Two short groups of digits ("2 15") are as likely words as a phone, unless + or ( says phone.
  const grouped = /\d[\s\-().]+\d/.test(trimmed) && !/[+(]/.test(trimmed);
  if (digits.length < 3 || (grouped && digits.length < 5)) return null;
  return digits;
}
