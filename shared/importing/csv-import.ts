import { CsvParser, detectDelimiter, parseCsv, readCsvSlices, type CsvDelimiter } from './csv';
import {
  decodeImportFileInSteps,
  runSteps,
  type DecodeOptions,
  type Steps,
  type TextEncodingName,
} from './encoding';
import { fileError, type FileError, type Outcome } from './errors';
import { guessMapping, type ColumnMapping } from './mapping';
import { RowMapper, type ImportRow, type MapRecordOptions } from './rows';
import { DuplicateFinder, normalizeKeys, rowKeys, type DuplicateMatch } from './duplicates';

/**
 * The CSV import from bytes to validated drafts, in two steps the screens follow: open (decode,
 * guess delimiter and mapping, show a preview), then read every row in slices with progress.
 * Nothing is written here: the caller saves all rows in one transaction once reading succeeded,
 * so a file error found at the very end (an unclosed quote) still leaves the book untouched.
 */
export interface CsvImportFile {
  text: string;
  encoding: TextEncodingName;
  delimiter: CsvDelimiter;
  /** The heading row, or Excel's column letters (A, B, …) when the file has none. */
  headings: string[];
  hasHeadings: boolean;
  guessedMapping: ColumnMapping;
  /** The first data rows as read, for the preview table. */
  preview: string[][];
}

export interface OpenCsvOptions extends DecodeOptions {
  /** Force a delimiter instead of detecting it. */
  delimiter?: CsvDelimiter;
  /** Whether the first row holds headings. Default true. */
  hasHeadings?: boolean;
  previewRows?: number;
}

export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function openCsvImport(
  bytes: Uint8Array,
  options: OpenCsvOptions = {},
): Outcome<{ file: CsvImportFile }> {
  return runSteps(openCsvImportInSteps(bytes, options));
}

/**
 * openCsvImport in steps of about a mebibyte of decoding, then the delimiter, then the preview,
 * so the caller may let the window paint between them (a big file takes ~100 ms in all).
 */
export function* openCsvImportInSteps(
  bytes: Uint8Array,
  options: OpenCsvOptions = {},
): Steps<Outcome<{ file: CsvImportFile }>> {
  const decoded = yield* decodeImportFileInSteps(bytes, options);
  if (!decoded.ok) return decoded;
  yield;
  const text = decoded.text;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  yield;
  const hasHeadings = options.hasHeadings ?? true;
  const previewRows = options.previewRows ?? 20;
  // The preview reads only the start of the file; the full read reports errors further on.
  const head = text.length > 256 * 1024 ? text.slice(0, 256 * 1024) : text;
  const parsed = parseCsv(head, { delimiter });
  if (parsed.error && head === text) return { ok: false, error: parsed.error };
  const records = parsed.records;
  const first = records[0];
  if (!first) return fileError('no_rows');
  const width = Math.max(...records.slice(0, previewRows + 1).map((r) => r.fields.length));
  const headings = hasHeadings
    ? first.fields.map((h) => h.trim())
    : Array.from({ length: width }, (_, i) => columnLetter(i));
  const dataRecords = hasHeadings ? records.slice(1) : records;
  if (dataRecords.length === 0 && head === text) return fileError('no_rows');
  return {
    ok: true,
    file: {
      text,
      encoding: decoded.encoding,
      delimiter,
      headings,
      hasHeadings,
      guessedMapping: hasHeadings ? guessMapping(headings) : headings.map(() => null),
      preview: dataRecords.slice(0, previewRows).map((r) => r.fields),
    },
  };
}

interface ImportRowWithMatches extends ImportRow {
  /** Clients already in the book that this row may be (the rep chooses merge or skip). */
  duplicates: DuplicateMatch<string>[];
}

export interface ReadRowsOptions extends MapRecordOptions {
  /** The book's clients, to find rows that are already there. */
  existing?: DuplicateFinder<string>;
  rowsPerSlice?: number;
}

/**
 * One step of reading. For the progress display: `progress` (0..1 of the text), `rowsRead` (data
 * rows read so far, this slice's included) and `charsRead` of `totalChars`. A slice may hold no
 * rows (a stretch of very long rows): it still moves the progress.
 */
export interface RowsSlice {
  rows: ImportRowWithMatches[];
  progress: number;
  rowsRead: number;
  charsRead: number;
  totalChars: number;
}

export type ReadRowsEnd =
  { ok: true; rowCount: number; errorRowCount: number } | { ok: false; error: FileError };

/**
 * Reads every data row through the mapping, a slice at a time. Rows repeating an earlier row of
 * the file get a duplicate_in_file error naming that row.
 */
export function* readCsvImportRows(
  file: Pick<CsvImportFile, 'text' | 'delimiter' | 'headings' | 'hasHeadings'>,
  mapping: ColumnMapping,
  options: ReadRowsOptions = {},
): Generator<RowsSlice, ReadRowsEnd, undefined> {
  const parser = new CsvParser({ delimiter: file.delimiter });
  const inFile = new DuplicateFinder<number>();
  const mapper = new RowMapper(file.headings, mapping, options);
  let headingSkipped = !file.hasHeadings;
  let rowCount = 0;
  let errorRowCount = 0;
  for (const slice of readCsvSlices(file.text, parser, options.rowsPerSlice)) {
    const rows: ImportRowWithMatches[] = [];
    for (const record of slice.records) {
      if (!headingSkipped) {
        headingSkipped = true;
        continue;
      }
      const row = mapper.map(record) as ImportRowWithMatches;
      const keys = normalizeKeys(rowKeys(row));
      const earlier = inFile.findNormalized(keys, 1)[0];
      if (earlier) {
        row.errors.push({
          row: row.row,
          column: null,
          code: 'duplicate_in_file',
          params: { row: earlier.id },
        });
      }
      inFile.addNormalized(row.row, keys);
      row.duplicates = options.existing?.findNormalized(keys) ?? [];
      rowCount++;
      if (row.errors.length > 0) errorRowCount++;
      rows.push(row);
    }
    yield {
      rows,
      progress: slice.progress,
      rowsRead: rowCount,
      charsRead: slice.charsRead,
      totalChars: file.text.length,
    };
  }
  if (parser.error) return { ok: false, error: parser.error };
  if (rowCount === 0) return fileError('no_rows');
  return { ok: true, rowCount, errorRowCount };
}
