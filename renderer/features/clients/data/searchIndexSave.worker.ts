/**
 * Stores the search index's row off the main thread. At 50k clients the row is tens of MB, and
 * IndexedDB serializes (and compresses) a value on the thread that puts it: ~300 ms in one task on
 * the page, right after a rebuild (issue 13: no frame gap over 100 ms). Here the page only hands
 * the row over (its big arrays moved, not copied) and the window keeps painting.
 *
 * One request per worker: `{ searchDbName, row }`; answers `{ ok: true }` or `{ ok: false, error }`.
 */
import { writeStoredRow } from './searchIndexScan';
import type { StoredIndexRow } from './searchIndexRow';

export interface SaveRequest {
  searchDbName: string;
  row: StoredIndexRow;
}

export type SaveAnswer = { ok: true } | { ok: false; error: string };

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<SaveRequest>) => void) | null;
  postMessage(message: SaveAnswer): void;
};

scope.onmessage = (event) => {
  writeStoredRow(indexedDB, event.data.searchDbName, event.data.row).then(
    () => scope.postMessage({ ok: true }),
    (error: unknown) =>
      scope.postMessage({
        ok: false,
        error: error instanceof Error ? error.message : String(error),
      }),
  );
};
