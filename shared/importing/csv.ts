import type { FileError, RowErrorCode } from './errors';

/**
 * An incremental CSV reader (RFC 4180, as Excel writes it): feed it text in chunks of any size
 * and it returns the records completed so far, so a file of 100k rows is read in slices between
 * frames and never freezes the window. Quoted fields may hold delimiters, line breaks and doubled
 * quotes. A quote in the middle of an unquoted field is kept as text (ООО "Ромашка" is common in
 * hand-made files); text after a closing quote marks the row as broken, keeping the text (and
 * dropping the quote that ends such a field); a quote left open at the
 * end of the file is a file error, because it swallowed every row after it.
 */
export interface CsvRecord {
  /** The row as Excel numbers it: the first record is row 1. Blank lines count but are not returned. */
  row: number;
  fields: string[];
  error: RowErrorCode | null;
}

export type CsvDelimiter = ',' | ';' | '\t';
const CSV_DELIMITERS: readonly CsvDelimiter[] = [';', ',', '\t'];

export interface CsvParserOptions {
  delimiter: CsvDelimiter;
  /** A field longer than this is almost surely an unclosed quote; stop early. Default 100 000. */
  maxFieldLength?: number;
}

const QUOTE = 34;
const CR = 13;
const LF = 10;
const enum State {
  FieldStart,
  Unquoted,
  Quoted,
  /** A quote inside a quoted field: a doubled quote or the closing one, the next char tells. */
  QuoteInQuoted,
}

export class CsvParser {
  private readonly delimiter: number;
  private readonly maxFieldLength: number;
  private state = State.FieldStart;
  private fields: string[] = [];
  /** The current field's text from earlier chunks (and unescaped parts of this one). */
  private partial = '';
  private rowError: RowErrorCode | null = null;
  /** The field opened with a quote that closed early ("abc"def…): a quote ending it is dropped. */
  private reopened = false;
  private row = 0;
  private skipLf = false;
  error: FileError | null = null;

  constructor(options: CsvParserOptions) {
    this.delimiter = options.delimiter.charCodeAt(0);
    this.maxFieldLength = options.maxFieldLength ?? 100_000;
  }

  /** Reads a chunk; returns the records it completed. After a file error, returns nothing. */
  push(chunk: string): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.error) return out;
    const n = chunk.length;
    let i = 0;
    if (this.skipLf && n > 0) {
      if (chunk.charCodeAt(0) === LF) i = 1;
      this.skipLf = false;
    }
    let start = i; // where the current field's text begins in this chunk
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (this.state === State.Quoted) {
        const q = chunk.indexOf('"', i);
        if (q === -1) {
          i = n;
          break;
        }
        this.partial += chunk.slice(start, q);
        this.state = State.QuoteInQuoted;
        i = q + 1;
        start = i;
        continue;
      }
      if (this.state === State.QuoteInQuoted) {
        if (c === QUOTE) {
          this.partial += '"';
          this.state = State.Quoted;
          start = ++i;
          continue;
        }
        if (c !== this.delimiter && c !== CR && c !== LF) {
          // "abc"def: keep the text, flag the row.
          this.rowError = 'broken_quoting';
          this.partial += '"';
          this.reopened = true;
          this.state = State.Unquoted;
          start = i;
          continue;
        }
      } else if (this.state === State.FieldStart) {
        if (c === QUOTE) {
          this.state = State.Quoted;
          start = ++i;
          continue;
        }
        this.state = State.Unquoted;
        start = i;
      }
      // Unquoted text, or right after a closing quote: only a delimiter or line end matters here.
      if (c === this.delimiter) {
        this.endField(chunk, start, i);
        start = ++i;
      } else if (c === LF || c === CR) {
        this.endField(chunk, start, i);
        this.endRecord(out);
        if (c === CR) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === LF) i++;
          } else {
            this.skipLf = true;
          }
        }
        start = ++i;
      } else {
        i++;
      }
    }
    if (this.state === State.Unquoted || this.state === State.Quoted)
      this.partial += chunk.slice(start, n);
    if (this.partial.length > this.maxFieldLength) {
      this.error = {
        code: 'field_too_long',
        params: { row: this.row + 1, max: this.maxFieldLength },
      };
      return [];
    }
    return out;
  }

  /** Ends the input: returns the last record, or sets `error` when a quote was never closed. */
  finish(): CsvRecord[] {
    const out: CsvRecord[] = [];
    if (this.error) return out;
    if (this.state === State.Quoted) {
      this.error = { code: 'unclosed_quote', params: { row: this.row + 1 } };
      return out;
    }
    if (this.fields.length > 0 || this.state !== State.FieldStart) {
      this.endField('', 0, 0);
      this.endRecord(out);
    }
    return out;
  }

  /** How many records (blank lines included) have been completed. */
  get rowsRead(): number {
    return this.row;
  }

  private endField(chunk: string, from: number, to: number): void {
    let value = this.partial + chunk.slice(from, to);
    if (this.reopened) {
      // "ООО "Ромашка" и партнёры": the last quote closes what the first opened.
      if (value.endsWith('"')) value = value.slice(0, -1);
      this.reopened = false;
    }
    this.fields.push(value);
    this.partial = '';
    this.state = State.FieldStart;
  }

  private endRecord(out: CsvRecord[]): void {
    this.row++;
    const fields = this.fields;
    this.fields = [];
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) out.push({ row: this.row, fields, error: this.rowError });
    this.rowError = null;
  }
}

/** Every record of a text at once; for previews, tests and small files. */
export function parseCsv(
  text: string,
  options: CsvParserOptions,
): { records: CsvRecord[]; error: FileError | null } {
  const parser = new CsvParser(options);
  const records = parser.push(text);
  records.push(...parser.finish());
  return { records, error: parser.error };
}

/**
 * Guesses the delimiter from the first records: the candidate that splits them into the same
 * number (more than one) of fields most consistently. Quotes are respected, so a comma inside
 * «"Москва, ул. Ленина"» does not vote. Falls back to a comma (one column).
 */
export function detectDelimiter(text: string): CsvDelimiter {
  const sample = text.slice(0, 64 * 1024);
  let best: { delimiter: CsvDelimiter; consistency: number; width: number } | null = null;
  for (const delimiter of CSV_DELIMITERS) {
    const parser = new CsvParser({ delimiter });
    const records = parser.push(sample).slice(0, 50);
    if (sample.length === text.length) records.push(...parser.finish());
    if (records.length === 0) continue;
    const counts = new Map<number, number>();
    for (const r of records) counts.set(r.fields.length, (counts.get(r.fields.length) ?? 0) + 1);
    const [width, times] = [...counts].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0] as [
      number,
      number,
    ];
    if (width < 2) continue;
    const consistency = times / records.length;
    if (
      !best ||
      consistency > best.consistency ||
      (consistency === best.consistency && width > best.width)
    ) {
      best = { delimiter, consistency, width };
    }
  }
  return best?.delimiter ?? ',';
}

export interface CsvSlice {
  records: CsvRecord[];
  /** Share of the text read so far, 0..1, for the progress bar. */
  progress: number;
  /** Characters of the text read so far (of `text.length`). */
  charsRead: number;
}

/**
 * Reads a text in slices of at most about `rowsPerSlice` records, and at least one slice per
 * 64 KiB of text however few rows that holds (long rows, or one huge broken field), so progress
 * moves while a big file is read. The caller awaits a frame (or checks for cancel) between
 * slices. Ends early when the parser meets a file error; read `parser.error` afterwards.
 */
export function* readCsvSlices(
  text: string,
  parser: CsvParser,
  rowsPerSlice = 250,
): Generator<CsvSlice, void, undefined> {
  // Roughly the characters of `rowsPerSlice` rows; records are not cut, only the text is.
  const chunkSize = 16 * 1024;
  const maxCharsPerSlice = 4 * chunkSize;
  let offset = 0;
  let yieldedAt = 0;
  let pending: CsvRecord[] = [];
  while (offset < text.length) {
    const end = Math.min(text.length, offset + chunkSize);
    pending.push(...parser.push(text.slice(offset, end)));
    offset = end;
    if (parser.error) return;
    if (pending.length >= rowsPerSlice || offset - yieldedAt >= maxCharsPerSlice) {
      yield { records: pending, progress: offset / text.length, charsRead: offset };
      pending = [];
      yieldedAt = offset;
    }
  }
  pending.push(...parser.finish());
  if (parser.error) return;
  yield { records: pending, progress: 1, charsRead: text.length };
}
