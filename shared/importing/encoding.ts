import { decodeCp1251 } from './cp1251';
import { fileError, type Outcome } from './errors';

/**
 * Turns the bytes of an imported file into text, refusing what is not text. Russian Excel saves
 * CSV in Windows-1251 without saying so, so the encoding is read from the bytes: a byte order
 * mark if there is one, otherwise UTF-8 if the bytes are valid UTF-8, otherwise Windows-1251 if
 * the result reads like Russian.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

export interface DecodedFile {
  text: string;
  encoding: TextEncodingName;
}

export interface DecodeOptions {
  /** Larger files are refused before any work is done. Default 64 MiB. */
  maxBytes?: number;
}

export const DEFAULT_MAX_IMPORT_BYTES = 64 * 1024 * 1024;

// TextDecoder exists in browsers and Node; shared/ is compiled without either's types.
interface TextDecoderLike {
  decode(input: Uint8Array): string;
}
type TextDecoderConstructor = new (
  label: string,
  options?: { fatal?: boolean; ignoreBOM?: boolean },
) => TextDecoderLike;
const { TextDecoder } = globalThis as unknown as { TextDecoder: TextDecoderConstructor };

const startsWith = (bytes: Uint8Array, ...prefix: number[]) =>
  prefix.every((b, i) => bytes[i] === b);

export function decodeImportFile(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): Outcome<DecodedFile> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_IMPORT_BYTES;
  if (bytes.length > maxBytes) {
    return fileError('file_too_large', { maxMb: Math.floor(maxBytes / 1024 / 1024) });
  }
  if (bytes.length === 0) return fileError('empty_file');
  // Excel workbooks (.xlsx is a zip, .xls an OLE2 container) are the most common wrong file.
  if (startsWith(bytes, 0x50, 0x4b, 0x03, 0x04) || startsWith(bytes, 0xd0, 0xcf, 0x11, 0xe0)) {
    return fileError('spreadsheet_file');
  }
  // Excel's "Unicode text" export is UTF-16 with a byte order mark.
  if (startsWith(bytes, 0xff, 0xfe) || startsWith(bytes, 0xfe, 0xff)) {
    const encoding = bytes[0] === 0xff ? 'utf-16le' : 'utf-16be';
    const text = strictDecode(encoding, bytes.subarray(2));
    if (text === null) return fileError('unknown_encoding');
    return looksBinary(text) ? fileError('binary_file') : { ok: true, text, encoding };
  }
  if (hasBinaryBytes(bytes)) return fileError('binary_file');

  const body = startsWith(bytes, 0xef, 0xbb, 0xbf) ? bytes.subarray(3) : bytes;
  const utf8 = strictDecode('utf-8', body);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  if (body !== bytes) return fileError('unknown_encoding'); // marked UTF-8 but is not
  const cp1251 = decodeCp1251(bytes);
  if (!readsAsRussian(cp1251)) return fileError('unknown_encoding');
  return { ok: true, text: cp1251, encoding: 'windows-1251' };
}

function strictDecode(label: string, bytes: Uint8Array): string | null {
  try {
    return new TextDecoder(label, { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** A NUL byte, or more than a few control characters, means this is not a text file. */
function hasBinaryBytes(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 1 << 20);
  let controls = 0;
  for (const b of sample) {
    if (b === 0) return true;
    if ((b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) || b === 0x7f) controls++;
  }
  return controls > Math.max(8, sample.length / 1000);
}

function looksBinary(text: string): boolean {
  const sample = text.slice(0, 1 << 20);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what we look for
  const controls = sample.match(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g)?.length ?? 0;
  return sample.includes('\u0000') || controls > Math.max(8, sample.length / 1000);
}

/**
 * Whether text decoded as Windows-1251 reads like Russian: its non-ASCII characters are nearly all
 * Cyrillic letters or the punctuation Russian uses («», №, dashes), and words are not in the
 * mixed case that another Cyrillic code page (KOI8-R, for one) produces when read as 1251.
 */
export function readsAsRussian(fullText: string): boolean {
  // The first megabyte says as much as the whole file, at a fraction of the cost.
  const text = fullText.length > 1 << 20 ? fullText.slice(0, 1 << 20) : fullText;
  let nonAscii = 0;
  let plausible = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    nonAscii++;
    if ((c >= 0x0410 && c <= 0x044f) || c === 0x0401 || c === 0x0451 || PUNCTUATION.has(c))
      plausible++;
  }
  if (nonAscii === 0 || plausible / nonAscii < 0.9) return false;
  const words = text.match(/[А-Яа-яЁё]{3,}/g) ?? [];
  const jumbled = words.filter((w) => /[а-яё][А-ЯЁ]/.test(w)).length;
  return words.length === 0 || jumbled / words.length < 0.2;
}

const PUNCTUATION = new Set([
  0x00ab, 0x00bb, 0x2116, 0x2013, 0x2014, 0x2026, 0x201c, 0x201d, 0x201e, 0x2018, 0x2019, 0x00a0,
  0x00b0, 0x2022, 0x00a7, 0x00a9, 0x00ae, 0x2122, 0x20ac, 0x00b1,
]);
