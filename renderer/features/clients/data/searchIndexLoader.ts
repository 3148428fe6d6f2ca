/**
 * The client book's search index, whole: restored from its stored copy at start (one read of a
 * few big arrays, searchable at once), reconciled with the book by a pass that runs in a Web
 * Worker (searchIndexScan.ts; on the main thread in slices where there is no worker), built from
 * scratch the same way when no stored copy can be used, kept current one client at a time after
 * every commit, and stored again a few seconds after the last change.
 *
 * The client book (clientBook.ts) calls `reconcile` when it reads the whole book, `updateClient`
 * or `removeClient` for each client a commit touched, and `search` while `ready`.
 */
import {
  buildClientSearchDocument,
  documentFingerprint,
  InvertedClientIndex,
  type ClientSearchDocument,
  type SearchResult,
} from '../../../../shared/search';
import Dexie from 'dexie';
import type { FieldbookDb } from '../../../data/db';
import { inSlices, yieldToMain } from '../../../platform/yield';
import type { ClientRecords } from './clientSummary';
import type { NoteText } from './clientBookLoader';
import { SearchIndexStore } from './searchIndexCache';
import { assembleRow, searchIndexDbName, type RestoredIndex } from './searchIndexRow';
import type { GoMessage, WorkerAnswer, WorkerRequest } from './searchIndex.worker';
import type { RowsSink } from './clientRowsScan';
import type { StoredClientRow } from './clientFactsCache';
import {
  scanBook,
  type BookConnection,
  type ScanRequest,
  type ScanResult,
} from './searchIndexScan';

/** How the index of the last whole-book pass came about, for the benches and the tests. */
export interface IndexStats {
  /** A stored index was restored (else it was built from the records). */
  restored: boolean;
  /** Clients indexed from their records in the last pass (all of them when built). */
  reindexed: number;
  /** Clients dropped from the index in the last pass (gone from the book since it was stored). */
  removed: number;
}

export interface BookSearchIndexOptions {
  /** Keep the index between starts. */
  persist: boolean;
  /** The index is stored this long after the last change. */
  saveDelayMs: number;
  /** Run the pass in a Web Worker when the platform has them (default true). */
  worker?: boolean;
}

/** The search document of a client from the records the client book reads for it. */
export function clientSearchDocument(
  records: ClientRecords,
  notes: readonly NoteText[],
): ClientSearchDocument {
  return buildClientSearchDocument({
    client: records.client,
    people: records.people,
    purchases: records.purchases,
    notes,
    visits: records.visits,
    contacts: records.contacts,
    problems: records.problems,
    retentionPlans: records.retentionPlans,
  });
}

/** What the change feed wrote during a pass, by client (null: removed). */
type Touched = Map<string, { doc: ClientSearchDocument; fingerprint: number } | null>;

/** Main-thread time one slice of applying a pass's documents may take. */
const SLICE_MS = 8;

export class BookSearchIndex {
  private index = new InvertedClientIndex();
  /** Client id → fingerprint of the document the index holds for it. */
  private fingerprints = new Map<string, number>();
  private isReady = false;
  private started = false;
  /** The book generation the index was last reconciled with (a restore starts a new one). */
  private generation: string | null = null;
  /** The generation of the copy last restored or stored (undefined: none). */
  private storedGeneration: string | null | undefined = undefined;
  private readonly store: SearchIndexStore | null;
  /**
   * While a pass runs: what the change feed wrote since it began (null: removed). The page read
   * these after their commit, so they win over what the pass read.
   */
  private touched: Touched | null = null;
  private listeners = new Set<() => void>();
  private saveTimer: ReturnType<typeof setTimeout> | null = null;
  private unsaved = false;
  private saving: Promise<boolean> = Promise.resolve(false);
  private disposed = false;
  /** Ends the pass running in a worker, if any (dispose). */
  private stopWorker: (() => void) | null = null;
  /**
   * The first pass's worker, made with the index: it loads and compiles its script while the
   * book's first screen is read (40–80 ms at start), and waits for the request.
   */
  private warmWorker: Worker | null = null;
  stats: IndexStats = { restored: false, reindexed: 0, removed: 0 };

  constructor(
    private readonly db: FieldbookDb,
    private readonly options: BookSearchIndexOptions,
  ) {
    this.store = options.persist ? new SearchIndexStore(db.name, options.worker !== false) : null;
    if (options.worker !== false && typeof Worker !== 'undefined') {
      try {
        this.warmWorker = searchWorker();
      } catch {
        // Made again (or the pass run here) when the first pass begins.
      }
    }
  }

  /** The index answers searches (restored, or built); until then the book matches names. */
  get ready(): boolean {
    return this.isReady;
  }

  /** Called when the index becomes ready or is replaced by a built one. */
  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  search(query: string, limit: number): SearchResult {
    return this.index.search(query, { limit });
  }

  /**
   * Brings the index in line with the whole book as it is now. The first call restores the
   * stored copy when there is a usable one (ready at once) and then checks every client's
   * fingerprint against the book in the background; without one it builds the index there.
   * Resolves once the index matches the book (writes committed meanwhile included). The pass
   * over the book waits for `passAfter` (the restore does not): the caller's own first reads
   * then do not share the database with it. When `passAfter` gives a sink, the pass also makes
   * every live client's list row from what it reads and hands them there (clientRowsScan.ts)
   * once the index is taken, so the caller need not read the book itself; it resolves after the
   * last of them was taken.
   */
  async reconcile(generation: string | null, passAfter?: Promise<RowsSink | null>): Promise<void> {
    const first = !this.started;
    this.started = true;
    const touched: Touched = new Map();
    this.touched = touched;
    // The index is taken as soon as the pass hands it on (before the list rows, if any).
    let applied: Promise<void> | null = null;
    const apply = (result: ScanResult) => (applied ??= this.apply(result, touched, generation));
    try {
      const result = await this.pass(first, generation, touched, passAfter, apply);
      if (!this.disposed) await apply(result);
    } finally {
      this.touched = null;
    }
  }

  /** Puts the pass's index or changes in place, then what the change feed wrote meanwhile. */
  private async apply(result: ScanResult, touched: Touched, generation: string | null) {
    if (this.disposed) return;
    let changed = 0;
    if (result.kind === 'built') {
      // Checked where it was built: here the ids are split and the words stay one string. Taken
      // in slices (at 50k clients this was one task of ~150 ms): the index, the fingerprints.
      // Writes meanwhile go to the old index and to `touched`, replayed over this one.
      const ids = InvertedClientIndex.packedIds(result.packed);
      const index = InvertedClientIndex.fromChecked(result.packed, result.counts, ids);
      await yieldToMain();
      const fingerprints = new Map<string, number>();
      let doc = 0;
      await inSlices(ids, (id) => {
        if (id !== '') fingerprints.set(id, result.fingerprints[doc] as number);
        doc++;
      });
      if (this.disposed) return;
      this.index = index;
      this.fingerprints = fingerprints;
      this.stats = { restored: false, reindexed: result.indexed, removed: 0 };
      changed = 1;
    } else {
      let reindexed = 0;
      let removed = 0;
      let sliceStart = performance.now();
      for (let i = 0; i < result.changed.length; i++) {
        const doc = result.changed[i]!;
        if (touched.has(doc.id)) continue;
        this.index.upsert(doc);
        this.fingerprints.set(doc.id, result.changedFingerprints[i] as number);
        reindexed++;
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToMain();
          sliceStart = performance.now();
        }
      }
      for (const id of result.removed) {
        if (touched.has(id) || !this.fingerprints.has(id)) continue;
        this.index.remove(id);
        this.fingerprints.delete(id);
        removed++;
      }
      this.stats = { restored: this.stats.restored, reindexed, removed };
      // Left in the delta: sealing 50k clients' postings here would stall the window, and a
      // search seals by itself once the delta grows past a quarter of the sealed part.
      changed = reindexed + removed;
    }
    // What the change feed wrote while the pass ran is newer than what the pass read.
    this.replay(touched);
    this.generation = generation;
    const wasReady = this.isReady;
    this.isReady = true;
    if (result.kind === 'built' || !wasReady) this.notify();
    if (changed + touched.size > 0 || generation !== this.storedGeneration) this.scheduleSave();
  }

  /**
   * The pass over the book, after restoring the stored copy on the first one: both in a worker
   * (the page only puts the checked arrays together), or here in slices where there is none.
   */
  private async pass(
    first: boolean,
    generation: string | null,
    touched: Touched,
    passAfter: Promise<RowsSink | null> | undefined,
    onIndexed: (result: ScanResult) => Promise<void>,
  ): Promise<ScanResult> {
    // The caller's own reading goes first; a failure of it is the caller's to report.
    const after = passAfter?.then(
      (sink) => sink,
      () => null,
    );
    // The rows go to the caller's sink in order, each batch after the one before is taken.
    let sink: RowsSink | null = null;
    let taking: Promise<void> = Promise.resolve();
    const onRows = (rows: StoredClientRow[], done: boolean) => {
      const to = sink;
      if (to) taking = taking.then(() => to(rows, done)).catch(() => {});
    };
    if (this.options.worker !== false && typeof Worker !== 'undefined') {
      const request: WorkerRequest = first
        ? {
            dbName: this.db.name,
            knownIds: null,
            fingerprints: null,
            restore: this.store
              ? { searchDbName: searchIndexDbName(this.db.name), generation }
              : undefined,
            waitForGo: after !== undefined,
          }
        : { dbName: this.db.name, ...this.known() };
      if (!first) {
        sink = (await after) ?? null;
        request.rows = sink !== null;
      }
      try {
        const worker = this.warmWorker ?? searchWorker();
        this.warmWorker = null;
        const result = await passInWorker(
          worker,
          request,
          (restored) => {
            if (restored) this.take(restored, generation, touched);
          },
          onRows,
          (result) => void onIndexed(result),
          (stop, go) => {
            this.stopWorker = stop;
            void after?.then((given) => {
              sink = given ?? null;
              go(sink !== null);
            });
          },
        );
        await taking;
        return result;
      } catch {
        // Disposed (the book closed or deleted): nothing more to read.
        if (this.disposed) throw new Error('the client book was closed');
        // A worker that cannot start or read (an old engine, a locked profile): do it here.
      }
    }
    if (first && !this.isReady) {
      const restored = await this.store?.load(generation);
      if (restored) this.take(restored, generation, touched);
    }
    const stopped = () => {
      if (this.disposed) throw new Error('the client book was closed');
    };
    sink = (await after) ?? null;
    stopped();
    return scanBook(
      { dbName: this.db.name, ...this.known() },
      () => this.connection(),
      async () => {
        await yieldToMain();
        stopped();
      },
      undefined,
      sink === null
        ? undefined
        : (rows, done) => {
            onRows(rows, done);
            return taking;
          },
      onIndexed,
    );
  }

  /** The clients the index holds and their fingerprints, for a pass to compare with. */
  private known(): Pick<ScanRequest, 'knownIds' | 'fingerprints'> {
    if (!this.isReady) return { knownIds: null, fingerprints: null };
    const ids = [...this.fingerprints.keys()];
    // An id with a line break cannot travel joined: let the pass build the index instead.
    if (ids.some((id) => id.includes('\n'))) return { knownIds: null, fingerprints: null };
    return {
      knownIds: ids.join('\n'),
      fingerprints: Float64Array.from(ids, (id) => this.fingerprints.get(id) as number),
    };
  }

  /** Takes the stored copy: search answers from it at once. */
  private take(restored: RestoredIndex, generation: string | null, touched: Touched): void {
    if (this.disposed) return;
    this.index = restored.index;
    this.fingerprints = restored.fingerprints;
    this.generation = generation;
    this.storedGeneration = generation;
    this.stats = { restored: true, reindexed: 0, removed: 0 };
    // Written before the copy arrived: newer than it.
    this.replay(touched);
    this.isReady = true;
    this.notify();
  }

  private replay(touched: Touched): void {
    for (const [id, entry] of touched) {
      if (entry === null) this.dropClient(id);
      else this.put(entry.doc, entry.fingerprint);
    }
  }

  /** Indexes a client a commit touched, unless the index already holds this very document. */
  updateClient(records: ClientRecords, notes: readonly NoteText[]): void {
    const doc = clientSearchDocument(records, notes);
    const fingerprint = documentFingerprint(doc);
    this.touched?.set(doc.id, { doc, fingerprint });
    if (this.fingerprints.get(doc.id) === fingerprint && this.index.has(doc.id)) return;
    this.put(doc, fingerprint);
    this.scheduleSave();
  }

  /** Drops a client that is gone or trashed. */
  removeClient(id: string): void {
    this.touched?.set(id, null);
    if (!this.index.has(id) && !this.fingerprints.has(id)) return;
    this.dropClient(id);
    this.scheduleSave();
  }

  private put(doc: ClientSearchDocument, fingerprint: number): void {
    if (this.fingerprints.get(doc.id) === fingerprint && this.index.has(doc.id)) return;
    this.index.upsert(doc);
    this.fingerprints.set(doc.id, fingerprint);
  }

  private dropClient(id: string): void {
    this.index.remove(id);
    this.fingerprints.delete(id);
  }

  /** The page's own connection to the book (left open: the app keeps using it). */
  private async connection(): Promise<BookConnection> {
    if (!this.db.isOpen()) await this.db.open();
    const db = this.db.backendDB();
    // The key ranges of the IndexedDB the book was opened with (a test's may be another realm's).
    const KeyRange = Dexie.dependencies.IDBKeyRange;
    return { db, after: (key) => KeyRange.lowerBound(key, true), close: () => {} };
  }

  private scheduleSave(): void {
    if (!this.store || this.disposed) return;
    this.unsaved = true;
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = setTimeout(() => {
      this.saveTimer = null;
      void this.save();
    }, this.options.saveDelayMs);
  }

  /** Stores the index now if it changed since the last save; true when it wrote. */
  async flush(): Promise<boolean> {
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    await this.saving;
    if (!this.unsaved) return false;
    return this.save();
  }

  private save(): Promise<boolean> {
    const store = this.store;
    if (!store || !this.unsaved || !this.isReady) return Promise.resolve(false);
    this.unsaved = false;
    const { index, fingerprints, generation } = this;
    this.saving = this.saving
      .then(() => store.save(index, fingerprints, generation))
      .then(
        () => {
          this.storedGeneration = generation;
          return true;
        },
        // A cache that cannot be written (disk full) only costs a longer next start.
        () => false,
      );
    return this.saving;
  }

  dispose(): void {
    this.disposed = true;
    this.stopWorker?.();
    this.stopWorker = null;
    this.warmWorker?.terminate();
    this.warmWorker = null;
    this.listeners.clear();
    if (this.saveTimer !== null) clearTimeout(this.saveTimer);
    this.saveTimer = null;
    // An unsaved change is only a few clients to index again at the next start.
    void this.saving.finally(() => this.store?.close());
  }

  private notify(): void {
    for (const listener of this.listeners) listener();
  }
}

/** A new worker for one pass (searchIndex.worker.ts). */
const searchWorker = () =>
  new Worker(new URL('./searchIndex.worker.ts', import.meta.url), { type: 'module' });

/**
 * One pass in a fresh worker, ended after it answers; `onRestored` gets the stored copy (checked
 * in the worker, put together here) or null, when the request asked for it.
 */
function passInWorker(
  worker: Worker,
  request: WorkerRequest,
  onRestored: (restored: RestoredIndex | null) => void,
  onRows: (rows: StoredClientRow[], done: boolean) => void,
  onIndexed: (result: ScanResult) => void,
  onStart: (stop: () => void, go: (rows: boolean) => void) => void,
): Promise<ScanResult> {
  let rowsAsked = request.rows === true;
  let indexed: ScanResult | null = null;
  return new Promise<ScanResult>((resolve, reject) => {
    onStart(
      () => {
        worker.terminate();
        reject(new Error('the search index pass was stopped'));
      },
      (rows) => {
        rowsAsked = rows;
        worker.postMessage({ go: true, rows } satisfies GoMessage);
      },
    );
    worker.onmessage = (event: MessageEvent<WorkerAnswer>) => {
      const answer = event.data;
      if (answer.kind === 'restored') {
        onRestored(answer.row && answer.counts ? assembleRow(answer.row, answer.counts) : null);
        return;
      }
      if (answer.kind === 'result' && rowsAsked) {
        // The list rows follow; the index is taken meanwhile.
        indexed = answer.result;
        return onIndexed(answer.result);
      }
      if (answer.kind === 'rows') {
        onRows(answer.rows, answer.done);
        if (!answer.done) return;
      }
      worker.terminate();
      if (answer.kind === 'failed') reject(new Error(answer.error));
      else if (answer.kind === 'result') resolve(answer.result);
      else if (indexed) resolve(indexed);
      else reject(new Error('the search index worker sent rows before its index'));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'the search index worker failed'));
    };
    worker.postMessage(request);
  });
}
