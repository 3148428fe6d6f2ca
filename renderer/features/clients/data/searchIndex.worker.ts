/**
 * The client search index's pass over the book (searchIndexScan.ts) off the main thread: reading
 * 500k notes, tokenising them and sorting the words takes seconds at 50k clients, and here the
 * window keeps painting meanwhile. One request per worker; the page ends the worker after it.
 */
import { openBook, scanBook, transferables, type ScanRequest } from './searchIndexScan';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ScanRequest>) => void) | null;
  postMessage(message: unknown, transfer: Transferable[]): void;
};

scope.onmessage = (event) => {
  scanBook(
    event.data,
    () => openBook(indexedDB, event.data.dbName),
    () => Promise.resolve(),
  ).then(
    (result) => scope.postMessage({ ok: true, result }, transferables(result)),
    (error: unknown) =>
      scope.postMessage(
        { ok: false, error: error instanceof Error ? error.message : String(error) },
        [],
      ),
  );
};
