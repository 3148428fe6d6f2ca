/**
 * The second copy of the rep's unsynced work (issue 15): every outbox row that commits to
 * IndexedDB is appended to the durable journal (the desktop's journal file, or the browser's
 * origin private file system; docs/durable-journal.md), and acknowledged there once the server
 * settles it. Beside the rows the journal keeps a book marker: the book's generation, its counts
 * (clients, notes, outbox) and the device's identity, so that a start can tell a missing or
 * emptied book from a new one (features/storage).
 *
 * Rows are caught by a DBCore middleware on the outbox (`journalMiddleware`, installed by
 * createDb), so every writer is covered and nothing is sent for a transaction that aborted. A
 * failed append keeps the rows in memory and retries; its state is told to the rep.
 */
import Dexie, { type DBCore, type Middleware } from 'dexie';
import type { DesktopApi, DurableStoreMethod } from '../../shared/ipc';
import { randomHex } from '../../shared/ids';
import type { OutboxOp } from '../../shared/sync/outbox';
import type { FieldbookDb } from './dbTypes';
import { META } from './device';

export type JournalPort = Pick<
  Required<Pick<DesktopApi, DurableStoreMethod>>,
  'journalAppend' | 'journalRead' | 'journalAck'
>;

/** The marker rows' ids start with this; every other journal id is an outbox op id. */
export const BOOK_MARKER_PREFIX = 'book:';
/** The book's identity for the journal's marker (kept across restores, unlike the search index's 'book.generation'). */
export const BOOK_GENERATION_KEY = 'journal.book';

export interface BookMarker {
  generation: string;
  clients: number;
  notes: number;
  outbox: number;
  deviceId: string | null;
  /** The rep the book belongs to ('local' before a sign-in). */
  repId: string;
  seq: number;
  clock: string | null;
  at: string;
}

export type JournalStatus =
  /** Every committed row is in the journal. */
  | { kind: 'ok' }
  /** Rows wait in memory for the journal; `error` is the last refusal. */
  | { kind: 'behind'; waiting: number; error: unknown }
  /** No journal here (an old desktop, a browser without OPFS): IndexedDB is the only copy. */
  | { kind: 'unavailable' };

const RETRY_MS = [1000, 3000, 10_000, 30_000];
const MARKER_DELAY_MS = 1500;

export class BookJournal {
  private pendingRows: OutboxOp[] = [];
  private pendingAcks: string[] = [];
  private running: Promise<void> | null = null;
  private failures = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private markerTimer: ReturnType<typeof setTimeout> | null = null;
  private markerId: string | null = null;
  private markerHeld = true;
  private statusNow: JournalStatus = { kind: 'ok' };
  private listeners = new Set<(status: JournalStatus) => void>();
  private closed = false;

  constructor(
    readonly db: FieldbookDb,
    readonly port: JournalPort | null,
  ) {
    if (!port) this.statusNow = { kind: 'unavailable' };
  }

  get status(): JournalStatus {
    return this.statusNow;
  }

  subscribe(listener: (status: JournalStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private setStatus(status: JournalStatus): void {
    this.statusNow = status;
    for (const listener of this.listeners) listener(status);
  }

  /** Outbox rows that committed: appended in the background. */
  written(rows: readonly OutboxOp[]): void {
    if (!this.port || this.closed) return;
    this.pendingRows.push(...rows);
    this.kick();
    this.scheduleMarker();
  }

  /** Op ids the server settled (and the outbox let go). */
  settled(opIds: readonly string[]): void {
    if (!this.port || this.closed || opIds.length === 0) return;
    this.pendingAcks.push(...opIds);
    this.kick();
    this.scheduleMarker();
  }

  /** The marker is written only once the start check has accepted the book (features/storage). */
  releaseMarker(previousMarkerId: string | null): void {
    this.markerId = previousMarkerId;
    this.markerHeld = false;
    this.scheduleMarker(0);
  }

  /** Resolves when everything handed over so far is in the journal (or has failed once). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  close(): void {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    if (this.markerTimer) clearTimeout(this.markerTimer);
  }

  private kick(): void {
    if (this.running || this.retryTimer) return;
    this.running = this.run().finally(() => {
      this.running = null;
    });
  }

  private async run(): Promise<void> {
    const port = this.port!;
    try {
      while (this.pendingRows.length > 0 || this.pendingAcks.length > 0) {
        if (this.pendingRows.length > 0) {
          const batch = this.pendingRows.slice(0, 500);
          await port.journalAppend(batch.map((op) => ({ id: op.opId, row: op })));
          this.pendingRows.splice(0, batch.length);
        } else {
          const batch = this.pendingAcks.slice(0, 5000);
          await port.journalAck(batch);
          this.pendingAcks.splice(0, batch.length);
        }
      }
      this.failures = 0;
      if (this.statusNow.kind !== 'ok') this.setStatus({ kind: 'ok' });
    } catch (error) {
      this.failures++;
      this.setStatus({ kind: 'behind', waiting: this.pendingRows.length, error });
      if (this.closed) return;
      const delay = RETRY_MS[Math.min(this.failures - 1, RETRY_MS.length - 1)] as number;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = null;
        this.kick();
      }, delay);
    }
  }

  /** Tries again now (the rep pressed "try again", or space was freed). */
  retryNow(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.kick();
  }

  private scheduleMarker(delay = MARKER_DELAY_MS): void {
    if (this.markerHeld || this.closed || !this.port) return;
    if (this.markerTimer) clearTimeout(this.markerTimer);
    this.markerTimer = setTimeout(() => {
      this.markerTimer = null;
      void this.writeMarker().catch(() => this.scheduleMarker(RETRY_MS[2]));
    }, delay);
  }

  /** Appends the book's marker as it stands now and lets the previous one go. */
  async writeMarker(): Promise<void> {
    if (!this.port) return;
    const marker = await readBookMarker(this.db);
    const id = `${BOOK_MARKER_PREFIX}${randomHex(8)}`;
    await this.port.journalAppend([{ id, row: { book: marker } as never }]);
    const previous = this.markerId;
    this.markerId = id;
    if (previous) this.settled([previous]);
  }
}

/** The book as it stands: generation (made on first use), counts and the device's identity. */
export async function readBookMarker(db: FieldbookDb): Promise<BookMarker> {
  return db.transaction('rw', [db.meta, db.clients, db.notes, db.outbox], async () => {
    const [gen, device, seq, clock, session] = await db.meta.bulkGet([
      BOOK_GENERATION_KEY,
      META.device,
      META.seq,
      META.clock,
      META.session,
    ]);
    let generation = gen?.value as string | undefined;
    if (!generation) {
      generation = randomHex(16);
      await db.meta.put({ key: BOOK_GENERATION_KEY, value: generation });
    }
    return {
      generation,
      clients: await db.clients.count(),
      notes: await db.notes.count(),
      outbox: await db.outbox.count(),
      deviceId: (device?.value as { deviceId?: string } | undefined)?.deviceId ?? null,
      repId: (session?.value as { repId?: string } | undefined)?.repId ?? 'local',
      seq: (seq?.value as number | undefined) ?? 0,
      clock: (clock?.value as string | undefined) ?? null,
      at: new Date().toISOString(),
    };
  });
}

const journals = new WeakMap<FieldbookDb, BookJournal>();

/** Connects the book to its durable journal (null port: none here); returns the journal. */
export function attachJournal(db: FieldbookDb, port: JournalPort | null): BookJournal {
  journals.get(db)?.close();
  const journal = new BookJournal(db, port);
  journals.set(db, journal);
  return journal;
}

export function journalOf(db: FieldbookDb): BookJournal | undefined {
  return journals.get(db);
}

/**
 * The server settled these ops (sync/settle.ts): acknowledged in the journal once the
 * transaction that deletes them from the outbox commits (now, outside one).
 */
export function journalSettled(db: FieldbookDb, opIds: readonly string[]): void {
  const journal = journals.get(db);
  if (!journal || opIds.length === 0) return;
  const tx = (Dexie.currentTransaction as { idbtrans?: IDBTransaction } | null)?.idbtrans;
  if (tx) tx.addEventListener('complete', () => journal.settled(opIds));
  else journal.settled(opIds);
}

/** Hands every outbox row that commits to the book's journal (see the module comment). */
export function journalMiddleware(db: FieldbookDb): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'durableJournal',
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        if (name !== 'outbox') return table;
        return {
          ...table,
          mutate(req) {
            if (req.type !== 'add' && req.type !== 'put') return table.mutate(req);
            const rows = req.values as OutboxOp[];
            return table.mutate(req).then((result) => {
              const idb = req.trans as unknown as IDBTransaction;
              const hand = () => journals.get(db)?.written(rows);
              if (typeof idb?.addEventListener === 'function')
                idb.addEventListener('complete', hand);
              else hand();
              return result;
            });
          },
        };
      },
    }),
  };
}

type RiskHook = (reason: 'before_import' | 'before_restore' | 'before_pull') => Promise<void>;
const riskHooks = new WeakMap<FieldbookDb, RiskHook>();

/** Who takes the backup before a risky operation (features/storage); returns the unhook. */
export function setRiskHook(db: FieldbookDb, hook: RiskHook): () => void {
  riskHooks.set(db, hook);
  return () => {
    if (riskHooks.get(db) === hook) riskHooks.delete(db);
  };
}

/**
 * Call before an import, a restore or a large pull: a local backup is taken first (when the app
 * keeps them). Never throws: a backup that fails is told by its keeper, the operation goes on.
 */
export async function beforeRisk(
  db: FieldbookDb,
  reason: 'before_import' | 'before_restore' | 'before_pull',
): Promise<void> {
  await riskHooks
    .get(db)?.(reason)
    .catch(() => undefined);
}
