import { decodeCp1251 } from './cp1251';
import { fileError, type Outcome } from './errors';

/**
 * Turns the bytes of an imported file into text, refusing what is not text. Russian Excel saves
 * CSV in Windows-1251 without saying so, so the encoding is read from the bytes: a byte order
 * mark if there is one, otherwise UTF-8 if the bytes are valid UTF-8, otherwise Windows-1251 if
 * the result reads like Russian.
 *
 * A big file is decoded a slice of bytes at a time (decodeImportFileInSteps), so the screen that
 * opens it can let the window paint between slices instead of freezing for the whole file.
 */
export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1251';

export interface DecodedFile {
  text: string;
  encoding: TextEncodingName;
}

export interface DecodeOptions {
  /** Larger files are refused before any work is done. Default 64 MiB. */
  maxBytes?: number;
  /** Bytes decoded between two steps of decodeImportFileInSteps. Default 1 MiB. */
  sliceBytes?: number;
}

const DEFAULT_MAX_IMPORT_BYTES = 64 * 1024 * 1024;
const DEFAULT_SLICE_BYTES = 1 << 20;
/** Characters the Russian test reads per step. */
const RUSSIAN_PIECE = 1 << 18;

/**
 * A generator that does its work between `yield`s and returns its result: the caller decides
 * whether to pause between steps (the UI) or not (runSteps).
 */
export type Steps<T> = Generator<void, T, undefined>;

/** Runs stepped work to its end without pausing. */
export function runSteps<T>(steps: Steps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

// TextDecoder exists in browsers and Node; shared/ is compiled without either's types.
interface TextDecoderLike {
  decode(input?: Uint8Array, options?: { stream?: boolean }): string;
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
  return runSteps(decodeImportFileInSteps(bytes, options));
}

/** decodeImportFile a slice of bytes per step; no step reads more than about 1 MiB. */
export function* decodeImportFileInSteps(
  bytes: Uint8Array,
  options: DecodeOptions = {},
): Steps<Outcome<DecodedFile>> {
  const sliceBytes = Math.max(4, options.sliceBytes ?? DEFAULT_SLICE_BYTES);
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
    const text = yield* strictDecode(encoding, bytes.subarray(2), sliceBytes);
    if (text === null) return fileError('unknown_encoding');
    yield;
    return looksBinary(text) ? fileError('binary_file') : { ok: true, text, encoding };
  }
  if (hasBinaryBytes(bytes)) return fileError('binary_file');
  yield;

  const body = startsWith(bytes, 0xef, 0xbb, 0xbf) ? bytes.subarray(3) : bytes;
  const utf8 = yield* strictDecode('utf-8', body, sliceBytes);
  if (utf8 !== null) return { ok: true, text: utf8, encoding: 'utf-8' };
  if (body !== bytes) return fileError('unknown_encoding'); // marked UTF-8 but is not
  // One byte is one character: slices need no care at their edges.
  const parts: string[] = [];
  for (let start = 0; start < bytes.length; start += sliceBytes) {
    parts.push(decodeCp1251(bytes.subarray(start, start + sliceBytes)));
    yield;
  }
  const cp1251 = parts.length === 1 ? parts[0]! : parts.join('');
  yield;
  const tally = new RussianTally();
  const sample = Math.min(cp1251.length, RUSSIAN_SAMPLE);
  for (let at = 0; at < sample; at += RUSSIAN_PIECE) {
    tally.add(cp1251, at, Math.min(sample, at + RUSSIAN_PIECE));
    yield;
  }
  if (!tally.verdict()) return fileError('unknown_encoding');
  return { ok: true, text: cp1251, encoding: 'windows-1251' };
}

/**
 * The bytes as text in a slice per step, or null at the first byte that is not `label`. The
 * decoder streams, so a character split between two slices is read whole.
 */
function* strictDecode(label: string, bytes: Uint8Array, sliceBytes: number): Steps<string | null> {
  try {
    const decoder = new TextDecoder(label, { fatal: true, ignoreBOM: true });
    if (bytes.length <= sliceBytes) return decoder.decode(bytes);
    const parts: string[] = [];
    for (let start = 0; start < bytes.length; start += sliceBytes) {
      parts.push(decoder.decode(bytes.subarray(start, start + sliceBytes), { stream: true }));
      yield;
    }
    parts.push(decoder.decode());
    const text = parts.join('');
    yield;
    return text;
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

/** How much of a file the Russian test reads: the first megabyte says as much as the whole. */
const RUSSIAN_SAMPLE = 1 << 20;

/**
 * Whether text decoded as Windows-1251 reads like Russian: its non-ASCII characters are nearly all
 * Cyrillic letters or the punctuation Russian uses («», №, dashes), and words are not in the
 * mixed case that another Cyrillic code page (KOI8-R, for one) produces when read as 1251.
 */
export function readsAsRussian(fullText: string): boolean {
  const tally = new RussianTally();
  tally.add(fullText, 0, Math.min(fullText.length, RUSSIAN_SAMPLE));
  return tally.verdict();
}

/**
 * readsAsRussian's counts, fed a piece of the text at a time (a word may run on into the next
 * piece), in one pass that makes no strings: opening a big file takes it in steps.
 */
class RussianTally {
  private nonAscii = 0;
  private plausible = 0;
  /** Runs of three or more Cyrillic letters, and those with a small letter before a capital. */
  private words = 0;
  private jumbled = 0;
  private run = 0;
  private runJumbled = false;
  private previousSmall = false;

  add(text: string, from: number, to: number): void {
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      const small = (c >= 0x0430 && c <= 0x044f) || c === 0x0451;
      const capital = (c >= 0x0410 && c <= 0x042f) || c === 0x0401;
      if (small || capital) {
        if (this.previousSmall && capital) this.runJumbled = true;
        this.run++;
        this.previousSmall = small;
      } else if (this.run > 0) {
        this.endWord();
      }
      if (c < 0x80) continue;
      this.nonAscii++;
      if (small || capital || PUNCTUATION.has(c)) this.plausible++;
    }
  }

  verdict(): boolean {
    if (this.run > 0) this.endWord();
    if (this.nonAscii === 0 || this.plausible / this.nonAscii < 0.9) return false;
    return this.words === 0 || this.jumbled / this.words < 0.2;
  }

  private endWord(): void {
    if (this.run >= 3) {
      this.words++;
      if (this.runJumbled) this.jumbled++;
    }
    this.run = 0;
    this.runJumbled = false;
    this.previousSmall = false;
  }
}

const PUNCTUATION = new Set([
  0x00ab, 0x00bb, 0x2116, 0x2013, 0x2014, 0x2026, 0x201c, 0x201d, 0x201e, 0x2018, 0x2019, 0x00a0,
  0x00b0, 0x2022, 0x00a7, 0x00a9, 0x00ae, 0x2122, 0x20ac, 0x00b1,
]);
