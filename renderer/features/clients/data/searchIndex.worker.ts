/**
 * The client search index's work off the main thread: reading and checking the stored copy (a
 * pass over every posting), then the pass over the book (searchIndexScan.ts): reading 500k notes,
 * tokenising them and sorting the words takes seconds at 50k clients, and here the window keeps
 * painting meanwhile. One request per worker; the page ends the worker after it.
 *
 * Answers, in order: `restored` (only when asked to restore: the checked row, or null), then
 * `result` (the pass's), then the list rows in batches when asked for (`rows`, the last one
 * `done`); or `failed`.
 */
import {
  openBook,
  readStoredRow,
  scanBook,
  transferables,
  type ScanRequest,
  type ScanResult,
} from './searchIndexScan';
import { InvertedClientIndex } from '../../../../shared/search';
import { checkRow, rowBuffers, type StoredIndexRow } from './searchIndexRow';
import type { StoredClientRow } from './clientFactsCache';

export interface WorkerRequest extends ScanRequest {
  /** Restore the stored copy from this database first, for this generation of the book. */
  restore?: { searchDbName: string; generation: string | null };
  /** Wait for a `go` message before the pass over the book (after the restore). */
  waitForGo?: boolean;
  /** Make the list rows too (clientRowsScan.ts); a `go` message may still ask for them. */
  rows?: boolean;
}

/** Lets the pass begin; `rows`: make the list rows too. */
export interface GoMessage {
  go: true;
  rows: boolean;
}

export type WorkerAnswer =
  | { kind: 'restored'; row: StoredIndexRow | null; counts: Uint32Array | null }
  | { kind: 'rows'; rows: StoredClientRow[]; done: boolean }
  | { kind: 'result'; result: ScanResult }
  | { kind: 'failed'; error: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest | GoMessage>) => void) | null;
  postMessage(message: WorkerAnswer, transfer: Transferable[]): void;
};

async function run(req: WorkerRequest): Promise<void> {
  const scan: ScanRequest = {
    dbName: req.dbName,
    knownIds: req.knownIds,
    fingerprints: req.fingerprints,
  };
  if (req.restore) {
    const row = (await readStoredRow(indexedDB, req.restore.searchDbName)) as
      StoredIndexRow | undefined;
    const counts = checkRow(row, req.restore.generation);
    if (row && counts) {
      // The page gets the row first (search waits for it); what the pass compares with is taken
      // after, from the ids (a string: copied, not moved) and a copy of the fingerprints.
      const byDoc = row.fingerprints.slice();
      scope.postMessage({ kind: 'restored', row, counts }, [...rowBuffers(row), counts.buffer]);
      const ids = InvertedClientIndex.packedIds(row.index);
      const known: string[] = [];
      const fingerprints: number[] = [];
      ids.forEach((id, doc) => {
        if (id === '') return;
        known.push(id);
        fingerprints.push(byDoc[doc] as number);
      });
      scan.knownIds = known.join('\n');
      scan.fingerprints = Float64Array.from(fingerprints);
    } else {
      scope.postMessage({ kind: 'restored', row: null, counts: null }, []);
    }
  }
  const rows = req.waitForGo ? (await go).rows : req.rows === true;
  const result = await scanBook(
    scan,
    () => openBook(indexedDB, req.dbName),
    () => Promise.resolve(),
    undefined,
    rows ? (batch, done) => scope.postMessage({ kind: 'rows', rows: batch, done }, []) : undefined,
    // Asked for rows, the index goes first (moved, not copied) and the rows after it.
    (built) => scope.postMessage({ kind: 'result', result: built }, transferables(built)),
  );
  if (!rows) scope.postMessage({ kind: 'result', result }, transferables(result));
}

let letGo: (message: GoMessage) => void = () => {};
const go = new Promise<GoMessage>((resolve) => (letGo = resolve));
let started = false;

scope.onmessage = (event) => {
  if ('go' in event.data) return letGo(event.data);
  if (started) return;
  started = true;
  run(event.data).catch((error: unknown) =>
    scope.postMessage(
      { kind: 'failed', error: error instanceof Error ? error.message : String(error) },
      [],
    ),
  );
};
