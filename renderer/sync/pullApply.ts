/**
 * Applying a pulled page: each page is written with its cursor in one Dexie transaction. A pulled
 * record is written without an outbox row; a row with unpushed changes is merged per field, so a
 * pull never overwrites the rep's newer work. (The push side, settling the outbox, is settle.ts.)
 */
import type { SyncedRecord, SyncedTable } from '../../shared/domain';
import { compareHlc, HybridLogicalClock } from '../../shared/sync/hlc';
import { LINE_MERGED_FIELDS, mergeRecord } from '../../shared/sync/merge';
import type { FieldbookDb } from '../data/db';
import { META } from '../data/device';
import { BASE_PREFIX, baseCopyOf, baseKey, type BaseCopy, type OutboxRow } from '../data/editBase';
import { SYNC_META, type PullPosition, type PullRun } from './state';

type Row = SyncedRecord & Record<string, unknown>;

/** A pulled record that passed its schema, as the server sent it (unknown fields kept). */
export interface PulledRow {
  table: SyncedTable;
  id: string;
  version: number;
  record: Row;
}

/** The rep's book would mostly go to the trash: the engine stops and asks. */
export class MassDeleteHold extends Error {
  override readonly name = 'MassDeleteHold';
  constructor(
    readonly deletions: number,
    readonly liveClients: number,
  ) {
    super(`A pull would move ${deletions} of ${liveClients} clients to the trash`);
  }
}

/** Fewer deletions than this never stop a pull, whatever the share of a small book. */
export const MASS_DELETE_MIN = 5;

export interface PageOptions {
  epoch: string;
  cursor: string;
  /** The device's clock corrected by the server's (for folding in pulled stamps). */
  nowMs: number;
  /**
   * `replace`: a row with no unpushed ops becomes the server's copy. `merge` (epoch repair):
   * every row is merged per field and the fields the server lacks get a repair op.
   */
  mode: 'replace' | 'merge';
  /** The pull's tally before this page; `allowed`: the rep agreed to a mass delete. */
  massDelete: PullRun & { allowed: boolean };
  /** The server has more pages: the tally is saved with the cursor (and dropped after the last). */
  more?: boolean;
  /** Main-thread time one slice of the page's writes may take (default WRITE_SLICE_MS). */
  sliceBudgetMs?: number;
  /** Runs inside the page's transaction (with outbox and meta), e.g. to write repair ops. */
  alsoInTransaction?: (repairs: readonly RepairCandidate[]) => Promise<void>;
}

/** In `merge` mode: a local row holding fields the server lacks. */
export interface RepairCandidate {
  table: SyncedTable;
  row: Row;
  fields: string[];
  /** The server's version of the row (the repair op's base version). */
  version: number;
}

export interface PageResult {
  /** The pull's tally with this page. */
  run: PullRun;
  repairOps: number;
}

function stampedOf(row: Row) {
  return { values: row as Record<string, unknown>, stamps: row.stamps };
}

function rowKey(table: string, id: string): string {
  return `${table}\u0000${id}`;
}

/** Fields of `local` newer than the server's copy (or unknown to it): what a repair op carries. */
function fieldsServerLacks(local: Row, server: Row): string[] {
  return Object.keys(local.stamps).filter((field) => {
    if (field === 'id' || field === 'ownerId' || field === 'stamps' || field === 'serverVersion')
      return false;
    const theirs = server.stamps[field];
    return theirs === undefined || compareHlc(local.stamps[field]!, theirs) > 0;
  });
}

/**
 * Applies one pulled page and saves its cursor in the same transaction. Unpushed ops and the local
 * rows that matter are read in bulk: a row with unpushed ops (or any row, in `merge` mode) is
 * merged; any other row becomes the server's copy as sent, so its local copy is read only for the
 * mass-delete count (clients). No base copy is written for such a row: `keepEditBase` takes it
 * from the row itself when the rep first edits its text.
 */
export async function applyPullPage(
  db: FieldbookDb,
  page: readonly PulledRow[],
  options: PageOptions,
): Promise<PageResult> {
  let maxStamp = '';
  const tableSet = new Set<SyncedTable>();
  for (const p of page) {
    for (const s of Object.values(p.record.stamps)) if (s > maxStamp) maxStamp = s;
    tableSet.add(p.table);
  }
  const tables = [...tableSet];

  return db.transaction('rw', [...tables.map((t) => db.table(t)), db.outbox, db.meta], async () => {
    // Every read and every write of the page goes out at once, so the page costs IndexedDB two
    // round trips (three with unpushed work), not one per request: the first pull of a big book
    // is bounded by the writes themselves (tests/bench: sync.client.firstPull.chromium.ofFloor).
    const [outboxRows, clockRows] = await Promise.all([
      db.outbox.count(),
      maxStamp ? db.meta.bulkGet([META.device, META.clock]) : Promise.resolve(null),
    ]);
    const pending = new Map<string, OutboxRow[]>();
    if (outboxRows > 0) {
      const ops = (await db.outbox
        .where('[table+rowId]')
        .anyOf(page.map((p) => [p.table, p.id]))
        .toArray()) as OutboxRow[];
      for (const op of ops) {
        const key = rowKey(op.table, op.rowId);
        const list = pending.get(key);
        if (list) list.push(op);
        else pending.set(key, [op]);
      }
    }
    const wanted = new Map<SyncedTable, string[]>();
    for (const p of page) {
      if (options.mode !== 'merge' && p.table !== 'clients' && !pending.has(rowKey(p.table, p.id)))
        continue;
      const ids = wanted.get(p.table);
      if (ids) ids.push(p.id);
      else wanted.set(p.table, [p.id]);
    }
    const locals = new Map<string, Row>();
    const localRows = await Promise.all(
      [...wanted].map(
        ([table, ids]) => db.table(table).bulkGet(ids) as Promise<(Row | undefined)[]>,
      ),
    );
    [...wanted.keys()].forEach((table, i) => {
      for (const row of localRows[i] ?? []) if (row) locals.set(rowKey(table, row.id), row);
    });
    const keptBase = new Set<string>();
    if (pending.size > 0) {
      const pendingBases = await db.meta.bulkGet(
        page.filter((p) => pending.has(rowKey(p.table, p.id))).map((p) => baseKey(p.table, p.id)),
      );
      for (const row of pendingBases) {
        const base = row?.value as BaseCopy | undefined;
        if (!row || !base) continue;
        const [table, id] = row.key.slice(BASE_PREFIX.length).split(':') as [SyncedTable, string];
        const textFields = LINE_MERGED_FIELDS[table] ?? [];
        // Unpushed edits of a note made on this base still need it for the server's line merge.
        const needed = (pending.get(rowKey(table, id)) ?? []).some(
          (op) => op.baseVersion === base.v && textFields.some((f) => f in op.fields),
        );
        if (needed) keptBase.add(rowKey(table, id));
      }
    }

    const writes = new Map<SyncedTable, Row[]>();
    const baseWrites: { key: string; value: BaseCopy }[] = [];
    const repairs: RepairCandidate[] = [];
    let clientDeletions = 0;
    let clientsAdded = 0;
    for (const p of page) {
      const key = rowKey(p.table, p.id);
      const local = locals.get(key);
      let next: Row = p.record;
      const merging = local !== undefined && (options.mode === 'merge' || pending.has(key));
      if (merging) {
        const merged = mergeRecord(stampedOf(local), stampedOf(p.record), null, {
          table: p.table,
          nowMs: options.nowMs,
          maxAheadMs: Number.MAX_SAFE_INTEGER,
          node: '0000000000000000',
        });
        next = {
          ...merged.values,
          stamps: merged.stamps,
          ownerId: p.record.ownerId,
          serverVersion: p.version,
        } as Row;
        if (options.mode === 'merge') {
          const lacking = fieldsServerLacks(next, p.record);
          if (lacking.length > 0)
            repairs.push({ row: next, table: p.table, fields: lacking, version: p.version });
        }
      }
      if (p.table === 'clients') {
        if (!local && next.deletedAt == null) clientsAdded++;
        if (local && local.deletedAt == null && next.deletedAt != null) clientDeletions++;
      }
      const rows = writes.get(p.table);
      if (rows) rows.push(next);
      else writes.set(p.table, [next]);
      // A merged row's text may no longer be the server's, so its base is taken now, from the
      // server's copy (unless an unpushed edit still needs the one it was made on).
      if (merging && !keptBase.has(key)) {
        const copy = baseCopyOf(p.table, p.record, p.version);
        if (copy) baseWrites.push({ key: baseKey(p.table, p.id), value: copy });
      }
    }

    const before = options.massDelete;
    const run: PullRun = {
      liveClients: before.liveClients + clientsAdded,
      deleted: before.deleted + clientDeletions,
    };
    if (!before.allowed && run.deleted >= MASS_DELETE_MIN && run.deleted * 2 > run.liveClients)
      throw new MassDeleteHold(run.deleted, run.liveClients);

    const position: PullPosition = { epoch: options.epoch, cursor: options.cursor };
    if (options.more) position.run = run;
    const metaWrites: { key: string; value: unknown }[] = [
      ...baseWrites,
      { key: SYNC_META.pull, value: position },
    ];
    const clock = clockRows ? foldInStamp(clockRows, maxStamp, options.nowMs) : null;
    if (clock !== null) metaWrites.push({ key: META.clock, value: clock });
    await writeInSlices(db, [...writes, ['meta', metaWrites]], options.sliceBudgetMs);
    if (options.alsoInTransaction) await options.alsoInTransaction(repairs);
    return { run, repairOps: repairs.length };
  });
}

/** Rows in one bulkPut at least: below 50 Dexie's change tracking works row by row. */
const MIN_SLICE_ROWS = 64;
/** Main-thread time one slice of a page's writes may take (each slice is its own task). */
const WRITE_SLICE_MS = 8;

/**
 * Puts every row in slices, inside the caller's transaction: a slice's bulkPut is issued, then the
 * one before it awaited, so IndexedDB always has the next slice queued (no round trip is lost
 * between slices), while each slice's synchronous part (Dexie, the structured clone of each row)
 * is its own main-thread task: a page of a thousand long notes is not one long task. The slice
 * size follows the time the last slice took, so a fast laptop writes in few slices.
 */
async function writeInSlices(
  db: FieldbookDb,
  jobs: readonly (readonly [string, readonly unknown[]])[],
  budgetMs = WRITE_SLICE_MS,
): Promise<void> {
  let msPerRow = 0;
  let last = MIN_SLICE_ROWS;
  let inFlight: Promise<unknown> | null = null;
  for (const [table, rows] of jobs) {
    for (let at = 0; at < rows.length;) {
      // At most twice the last slice: one quick slice on a busy laptop says little of the next.
      const fit = !Number.isFinite(budgetMs)
        ? rows.length
        : msPerRow > 0
          ? Math.min(Math.floor(budgetMs / msPerRow), 2 * last)
          : MIN_SLICE_ROWS;
      const size = Math.min(rows.length - at, Math.max(MIN_SLICE_ROWS, fit));
      last = size;
      const started = performance.now();
      const put = db
        .table(table)
        .bulkPut(at === 0 && size === rows.length ? rows : rows.slice(at, at + size));
      msPerRow = (performance.now() - started) / size;
      put.catch(() => undefined); // its failure aborts the transaction, which the next await sees
      at += size;
      // The slice before this one done: the transaction is active again to take the next.
      if (inFlight) await inFlight;
      inFlight = put;
    }
  }
  await inFlight;
}

/**
 * The device's next stamp, after everything it has seen: the clock to store, from the device and
 * clock rows read in the page's transaction; null when no local write ever happened (the first
 * one starts from the wall clock).
 */
function foldInStamp(
  [device, clock]: readonly ({ value: unknown } | undefined)[],
  stamp: string,
  nowMs: number,
): string | null {
  const node = (device?.value as { deviceId?: string } | undefined)?.deviceId;
  if (!node) return null;
  const hlc = new HybridLogicalClock({
    node,
    now: () => nowMs,
    maxDriftMs: Number.MAX_SAFE_INTEGER,
    ...(typeof clock?.value === 'string' ? { last: clock.value } : {}),
  });
  return hlc.receive(stamp);
}
