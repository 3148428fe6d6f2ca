/**
 * The floor of the search index's pass (searchIndexScan.ts scanBook) in this browser: the same
 * reads from a worker (every client, then the seven tables a search document reads, at once, in
 * pages of 5,000 by primary key, each page in its own transaction), with nothing done with the
 * rows. Answers the milliseconds and the rows read.
 */
export {};

const TABLES = ['people', 'purchases', 'notes', 'visits', 'contacts', 'problems', 'retentionPlans'];
const PAGE = 5000;

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<{ dbName: string }>) => void) | null;
  postMessage(message: { ms: number; rows: number } | { error: string }): void;
};

function open(name: string): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(name);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error(`cannot open ${name}`));
  });
}

async function readAll(db: IDBDatabase, table: string): Promise<number> {
  let rows = 0;
  let last: IDBValidKey | null = null;
  for (;;) {
    const range: IDBKeyRange | null = last === null ? null : IDBKeyRange.lowerBound(last, true);
    const page = await new Promise<{ id: IDBValidKey }[]>((resolve, reject) => {
      const req = db.transaction(table, 'readonly').objectStore(table).getAll(range, PAGE);
      req.onsuccess = () => resolve(req.result as { id: IDBValidKey }[]);
      req.onerror = () => reject(req.error);
    });
    rows += page.length;
    if (page.length < PAGE) return rows;
    last = page[page.length - 1]!.id;
  }
}

scope.onmessage = (event) => {
  void (async () => {
    const begun = performance.now();
    const db = await open(event.data.dbName);
    try {
      const clients = await readAll(db, 'clients');
      const counts = await Promise.all(TABLES.map((t) => readAll(db, t)));
      scope.postMessage({
        ms: performance.now() - begun,
        rows: clients + counts.reduce((a, b) => a + b, 0),
      });
    } finally {
      db.close();
    }
  })().catch((error: unknown) => scope.postMessage({ error: String(error) }));
};
