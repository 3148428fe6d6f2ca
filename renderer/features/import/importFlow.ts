/**
 * Reading an import file into rows to review: CSV opened (decoded, delimiter, preview) and then
 * read through the shared reader in slices, yielding to the UI between them (reading has progress
 * and cancel), vCards into the same row shape. Nothing is written here;
 * features/import/data/importer.ts writes a reviewed file in one transaction.
 */
import {
  decodeImportFile,
  emptyClientDraft,
  openCsvImportInSteps,
  parseVCards,
  readCsvImportRows,
  rowKeys,
  type ColumnMapping,
  type CsvImportFile,
  type DuplicateFinder,
  type FileError,
  type OpenCsvOptions,
  type Outcome,
  type RowError,
  type Steps,
} from '../../../shared/importing';
import type { ClientStatus } from '../../../shared/domain';
import type { ImportPlanRow } from './data/importer';
import { yieldToMain } from '../../platform/yield';

export type ReadOutcome =
  | { ok: true; rows: ImportPlanRow[] }
  | { ok: false; error: FileError }
  | { ok: false; cancelled: true };

/** Main-thread time to read rows before letting the window paint. */
const READ_BUDGET_MS = 12;

/**
 * Runs stepped work, letting the window paint after every step: opening has a few dozen steps
 * of a few milliseconds to ~20 ms each, so two of them in one task could already be too long.
 */
async function runYielding<T>(steps: Steps<T>): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldToMain();
  }
}

/**
 * Opens a picked CSV file for the mapping step: decoding a big file is done a mebibyte at a
 * time, so the window keeps painting (a 15 MB file is ~100 ms of work in all).
 */
export function openCsvFile(
  bytes: Uint8Array,
  options: OpenCsvOptions = {},
): Promise<Outcome<{ file: CsvImportFile }>> {
  return runYielding(openCsvImportInSteps(bytes, options));
}

export async function readCsvRows(
  file: CsvImportFile,
  mapping: ColumnMapping,
  existing: DuplicateFinder<string>,
  options: {
    defaultStatus: ClientStatus;
    signal: AbortSignal;
    onProgress: (share: number, rows: number) => void;
  },
): Promise<ReadOutcome> {
  // Small slices, many per frame: the reader stops when the budget is spent, whatever the rows.
  const reader = readCsvImportRows(file, mapping, {
    existing,
    defaultStatus: options.defaultStatus,
    rowsPerSlice: 100,
  });
  const rows: ImportPlanRow[] = [];
  let began = performance.now();
  for (;;) {
    if (options.signal.aborted) return { ok: false, cancelled: true };
    const step = reader.next();
    if (step.done) {
      if (!step.value.ok) return { ok: false, error: step.value.error };
      return { ok: true, rows };
    }
    for (const row of step.value.rows) rows.push(row);
    if (performance.now() - began >= READ_BUDGET_MS) {
      options.onProgress(step.value.progress, rows.length);
      // A macrotask, not scheduler.yield(): a yield continuation outranks React's render, so the
      // progress (share and rows read) would never paint while the file is read.
      await new Promise((resolve) => setTimeout(resolve, 0));
      began = performance.now();
    }
  }
}

/**
 * vCards become rows like a CSV's: a person with a company becomes (or joins) that company; a
 * person without one becomes a private client. Cards that could not be read are bad rows.
 */
export function readVCardRows(
  bytes: Uint8Array,
  existing: DuplicateFinder<string>,
  defaultStatus: ClientStatus,
): ReadOutcome {
  const decoded = decodeImportFile(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseVCards(decoded.text);
  if (!parsed.ok) return parsed;
  const rows: ImportPlanRow[] = parsed.cards.map((card) => {
    const client = emptyClientDraft(defaultStatus);
    client.kind = card.organization ? 'company' : 'person';
    client.name = card.organization || card.person.name;
    const row = { row: card.line, client, person: card.person, errors: [] as RowError[] };
    return { ...row, duplicates: existing.find(rowKeys(row)) };
  });
  for (const error of parsed.errors) {
    rows.push({
      row: error.row,
      client: emptyClientDraft(defaultStatus),
      person: null,
      errors: [error],
      duplicates: [],
    });
  }
  return { ok: true, rows: rows.sort((a, b) => a.row - b.row) };
}

export function isVCard(fileName: string): boolean {
  return /\.vcf$/i.test(fileName);
}
