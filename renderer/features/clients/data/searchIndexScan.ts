/**
 * One pass of the client search index over the whole book, the same code in a Web Worker
 * (searchIndex.worker.ts) and, where there is no worker (tests, jsdom), on the main thread in
 * slices: reads every table that feeds a client's search document straight from IndexedDB in
 * pages, builds each live client's document and fingerprint, then either
 * - builds the whole index (no usable index yet, or most clients changed) and hands it back in
 *   its packed layout (a few strings and typed arrays, moved to the page without a copy), or
 * - compares the fingerprints with those of the index the page holds and hands back only the
 *   documents that moved and the clients that are gone.
 * Asked for them, it then makes every live client's list row from the same reads (plus the
 * follow-ups and checklist runs the facts need, clientRowsScan.ts): a start with the stored rows
 * on screen reads the book this once.
 *
 * The pass is not a snapshot of the book: a write committed while it reads is also applied by the
 * page from the change feed, and the page keeps that newer document over the pass's
 * (searchIndexLoader.ts).
 */
import {
  buildClientSearchDocument,
  ClientIndexBuilder,
  documentFingerprint,
  type ClientSearchDocument,
  type ClientSearchSources,
  type PackedClientIndex,
} from '../../../../shared/search';
import { repsZone } from '../../../data/localTime';
import type { StoredClientRow } from './clientFactsCache';
import {
  clientRow,
  noteForRows,
  ROWS_BATCH,
  type RowsSink,
  type ScannedSources,
} from './clientRowsScan';

/** What the page knows: its index's clients and their fingerprints (null: build it all). */
export interface ScanRequest {
  /** The book's database name (the worker opens it itself). */
  dbName: string;
  /** Client ids joined by '\n', in the order of `fingerprints`. */
  knownIds: string | null;
  fingerprints: Float64Array | null;
}

export type ScanResult =
  | {
      kind: 'built';
      packed: PackedClientIndex;
      /** documentFingerprint by doc number of `packed` (NaN for a dead doc). */
      fingerprints: Float64Array;
      /** Postings per doc, as the builder counted them (the page does not count them again). */
      counts: Uint32Array;
      indexed: number;
    }
  | {
      kind: 'changes';
      changed: ClientSearchDocument[];
      changedFingerprints: number[];
      /** Known clients the book no longer holds live. */
      removed: string[];
    };

/** More changed clients than this (and than a tenth of the book): building anew is cheaper. */
const BUILD_ABOVE = 2000;
/** Rows read per IndexedDB request (a worker waits on no one; the page keeps its slices short). */
const PAGE = typeof window === 'undefined' ? 5000 : 2000;

/** The tables that feed a client's search document, and what of each row is kept. */
type Row = Record<string, unknown> & { id: string; clientId?: string; deletedAt?: unknown };
type Sources = Required<Omit<ClientSearchSources, 'client'>>;
const CHILD_TABLES = [
  'people',
  'purchases',
  'notes',
  'visits',
  'contacts',
  'problems',
  'retentionPlans',
] as const satisfies readonly (keyof Sources)[];

/** Waits between slices; the worker does not wait, the main thread yields to the page. */
export type Pause = () => Promise<void>;

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

/** The book's database as the pass reads it. */
export interface BookConnection {
  db: IDBDatabase;
  /** IDBKeyRange.lowerBound of the realm the database belongs to. */
  after(key: string): IDBKeyRange;
  /** Ends the pass's use of the connection (closes it when the pass opened it). */
  close(): void;
}

/** Opens the book's database as it is, never creating or upgrading it (the worker's way in). */
export function openBook(idb: IDBFactory, name: string): Promise<BookConnection> {
  return new Promise((resolve, reject) => {
    const req = idb.open(name);
    req.onupgradeneeded = () => req.transaction?.abort();
    req.onsuccess = () => {
      const db = req.result;
      // An upgrade elsewhere (a newer app version) must not wait behind this pass.
      db.onversionchange = () => db.close();
      resolve({ db, after: (key) => IDBKeyRange.lowerBound(key, true), close: () => db.close() });
    };
    req.onerror = () => reject(req.error ?? new Error(`cannot open ${name}`));
    req.onblocked = () => reject(new Error(`${name} is blocked`));
  });
}

/** The stored index's row read straight from its database (undefined: none, or unreadable). */
export async function readStoredRow(idb: IFactoryLike, name: string): Promise<unknown> {
  let book: BookConnection;
  try {
    book = await openBook(idb as IDBFactory, name);
  } catch {
    return undefined;
  }
  try {
    const store = book.db.transaction('snapshots', 'readonly').objectStore('snapshots');
    return await request(store.get('clients'));
  } catch {
    return undefined;
  } finally {
    book.close();
  }
}

/**
 * Puts the stored index's row straight into its database, in one transaction (a crash keeps the
 * old row or the new one). The database must be there with its table (the page's store made it).
 */
export async function writeStoredRow(idb: IFactoryLike, name: string, row: unknown): Promise<void> {
  const book = await openBook(idb as IDBFactory, name);
  try {
    const tx = book.db.transaction('snapshots', 'readwrite');
    const done = new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(tx.error ?? new Error(`cannot write ${name}`));
    });
    tx.objectStore('snapshots').put(row);
    await done;
  } finally {
    book.close();
  }
}

type IFactoryLike = Pick<IDBFactory, 'open'>;

/**
 * Every row of a table in pages by primary key, each page in its own short transaction. The next
 * page is asked for before this one is handed on, so the database reads while the pass works.
 */
async function readTable(
  book: BookConnection,
  table: string,
  onPage: (rows: Row[]) => void,
  pause: Pause,
): Promise<void> {
  const ask = (last: string | null) => {
    const store = book.db.transaction(table, 'readonly').objectStore(table);
    return request(store.getAll(last === null ? null : book.after(last), PAGE)) as Promise<Row[]>;
  };
  let next: Promise<Row[]> | null = ask(null);
  while (next) {
    const rows: Row[] = await next;
    next = rows.length === PAGE ? ask(rows[rows.length - 1]!.id) : null;
    onPage(rows);
    if (next) await pause();
  }
}

/** Live rows of a table grouped by one of their fields (the follow-ups and runs the facts read). */
function readGrouped(
  book: BookConnection,
  table: string,
  by: string,
  grouped: Map<string, Row[]>,
  pause: Pause,
): Promise<void> {
  return readTable(
    book,
    table,
    (rows) => {
      for (const row of rows) {
        const key = row[by];
        if (!isLive(row) || typeof key !== 'string') continue;
        const list = grouped.get(key);
        if (list) list.push(row);
        else grouped.set(key, [row]);
      }
    },
    pause,
  );
}

const isLive = (row: Row) => row.deletedAt === null || row.deletedAt === undefined;

/** Keeps of each row only what a search document reads (a note: its text), grouped by client. */
function keep(table: (typeof CHILD_TABLES)[number], row: Row, rows: boolean): Row {
  if (table === 'notes')
    return rows ? noteForRows(row) : { id: row.id, text: row.text, deletedAt: null };
  return row;
}

/**
 * Runs one pass; `pause` is awaited between pages and slices of clients. With `onRows`, every
 * live client's list row is made from the same reads (clientRowsScan.ts) and handed on after the
 * index was handed to `onIndexed`.
 */
export async function scanBook(
  req: ScanRequest,
  open: () => Promise<BookConnection>,
  pause: Pause,
  now: () => number = () => performance.now(),
  onRows?: RowsSink,
  onIndexed?: (result: ScanResult) => void | Promise<void>,
): Promise<ScanResult> {
  const db = await open();
  const clients: Row[] = [];
  const byClient = new Map<string, Partial<Record<keyof Sources, Row[]>>>();
  const followUps = new Map<string, Row[]>();
  const runsByVisit = new Map<string, Row[]>();
  try {
    await readTable(
      db,
      'clients',
      (rows) => {
        for (const c of rows) if (isLive(c)) clients.push(c);
      },
      pause,
    );
    await Promise.all([
      ...CHILD_TABLES.map(async (table) => {
        await readTable(
          db,
          table,
          (rows) => {
            for (const row of rows) {
              // Trashed rows never reach a document (buildClientSearchDocument leaves them out).
              if (!isLive(row) || typeof row.clientId !== 'string') continue;
              let sources = byClient.get(row.clientId);
              if (!sources) byClient.set(row.clientId, (sources = {}));
              (sources[table] ??= []).push(keep(table, row, onRows !== undefined));
            }
          },
          pause,
        );
      }),
    ]);
  } finally {
    db.close();
  }

  let sliceStart = now();
  const slice = async () => {
    if (now() - sliceStart < 8) return;
    await pause();
    sliceStart = now();
  };
  const result = await indexBook(req, clients, byClient, slice, onRows === undefined);
  if (!onRows) return result;
  // The index first (search waits on it), then the rows (the list shows the stored ones meanwhile).
  await onIndexed?.(result);
  // What only the facts read, read once the index is handed on: search does not wait for it.
  const again = await open();
  try {
    await readGrouped(again, 'followUps', 'clientId', followUps, pause);
    await readGrouped(again, 'checklistRuns', 'visitId', runsByVisit, pause);
  } finally {
    again.close();
  }
  const zone = repsZone();
  let batch: StoredClientRow[] = [];
  for (const client of clients) {
    const sources = (byClient.get(client.id) ?? {}) as ScannedSources;
    batch.push(clientRow(client, sources, followUps.get(client.id) ?? [], runsByVisit, zone));
    if (batch.length === ROWS_BATCH) {
      await onRows(batch, false);
      batch = [];
    }
    await slice();
  }
  await onRows(batch, true);
  return result;
}

/** The index part of a pass, over the rows read; `dropRead`: free each client's rows once indexed. */
async function indexBook(
  req: ScanRequest,
  clients: Row[],
  byClient: Map<string, Partial<Record<keyof Sources, Row[]>>>,
  slice: () => Promise<void>,
  dropRead: boolean,
): Promise<ScanResult> {
  const documentOf = (client: Row): ClientSearchDocument =>
    buildClientSearchDocument({
      client: client as unknown as ClientSearchSources['client'],
      ...(byClient.get(client.id) as Partial<Sources>),
    } as ClientSearchSources);

  const known = new Map<string, number>();
  if (req.knownIds !== null && req.fingerprints !== null) {
    const ids = req.knownIds === '' ? [] : req.knownIds.split('\n');
    ids.forEach((id, i) => known.set(id, req.fingerprints![i] as number));
  }
  const build = req.knownIds === null;
  const changed: ClientSearchDocument[] = [];
  const changedFingerprints: number[] = [];
  if (!build) {
    const live = new Set<string>();
    let tooMany = false;
    for (const client of clients) {
      live.add(client.id);
      if (tooMany) continue;
      const doc = documentOf(client);
      const fingerprint = documentFingerprint(doc);
      if (known.get(client.id) !== fingerprint) {
        changed.push(doc);
        changedFingerprints.push(fingerprint);
        tooMany = changed.length > Math.max(BUILD_ABOVE, clients.length / 10);
      }
      await slice();
    }
    if (!tooMany) {
      const removed = [...known.keys()].filter((id) => !live.has(id));
      return { kind: 'changes', changed, changedFingerprints, removed };
    }
  }

  // One pass straight into the stored layout; doc i is clients[i], and so is fingerprint i.
  const builder = new ClientIndexBuilder();
  const fingerprints = new Float64Array(clients.length);
  for (let i = 0; i < clients.length; i++) {
    const client = clients[i]!;
    const doc = documentOf(client);
    builder.add(doc);
    fingerprints[i] = documentFingerprint(doc);
    // The page gets each client once; the grouped rows of an indexed client are not needed again.
    if (dropRead) byClient.delete(client.id);
    await slice();
  }
  // No checkPacked pass over what was just laid out: the builder's counts are the layout's
  // (tests/property/search-packed.test.ts holds it to upsert + optimize + pack byte for byte).
  const { packed, counts } = builder.finish();
  return { kind: 'built', packed, fingerprints, counts, indexed: clients.length };
}

/** The buffers of a result that can move to the page instead of being copied. */
export function transferables(result: ScanResult): ArrayBuffer[] {
  if (result.kind !== 'built') return [];
  const { packed, fingerprints } = result;
  const buffers = [
    packed.postingOffsets.buffer,
    packed.postingData.buffer,
    packed.deltaOffsets.buffer,
    packed.deltaData.buffer,
    fingerprints.buffer,
    result.counts.buffer,
  ];
  return [...new Set(buffers)].filter((b): b is ArrayBuffer => b instanceof ArrayBuffer);
}
