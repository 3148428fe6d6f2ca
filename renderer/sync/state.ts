/**
 * The sync engine's local state and the pull side of its writes: each pulled page is applied with
 * its cursor in one Dexie transaction. A pulled record is written without an outbox row; a row with
 * unpushed changes is merged per field, so a pull never overwrites the rep's newer work. (The push
 * side, settling the outbox, is renderer/sync/settle.ts.)
 */
import type { SyncedRecord, SyncedTable } from '../../shared/domain';
import { compareHlc, HybridLogicalClock } from '../../shared/sync/hlc';
import { LINE_MERGED_FIELDS, mergeRecord } from '../../shared/sync/merge';
import type { OutboxOp } from '../../shared/sync/outbox';
import type { FieldbookDb } from './db';
import { META } from './device';

/** The engine's state in `meta`, one row per concern so unrelated writes never collide. */
export const SYNC_META = {
  /** Who this device is signed in as, and to which server (SyncAccount). */
  account: 'sync.account',
  /** The pull position (PullPosition): written with every applied page, never apart from it. */
  pull: 'sync.pull',
  /** Everything else the engine remembers (SyncFlags). */
  flags: 'sync.flags',
} as const;

export interface SyncAccount {
  serverUrl: string;
  userId: string;
  email: string;
  name: string;
  role: 'rep' | 'manager';
  teamName: string;
  deviceName: string;
  signedInAt: string;
}

export interface PullPosition {
  epoch: string | null;
  cursor: string | null;
  /** Present while a pull has pages left: its mass-delete tally, carried over an interruption. */
  run?: PullRun;
}

/**
 * What the pull in progress has done to the book so far, saved with each page's cursor: a pull
 * that trashes the book a page at a time, or across syncs cut short, is measured as one.
 */
export interface PullRun {
  /** Clients out of the trash when the pull began, plus the ones it has brought since. */
  liveClients: number;
  /** Clients its applied pages moved to the trash. */
  deleted: number;
}

export interface SyncFlags {
  lastSyncAt: string | null;
  /** The next push restarts this device's sequence on the server (first push there; after a repair). */
  resetSequence: boolean;
  /** The epoch being repaired: set from `epoch_changed` until every lacking row has its op. */
  repairEpoch: string | null;
  /** serverTime − local time at the last answer: how wrong this computer's clock is. */
  clockOffsetMs: number;
  /** How far ahead the last quarantined change was stamped; null when none was. */
  clockAheadMs: number | null;
  /** `serverUrl userId` the pull position belongs to: another server or rep starts over. */
  scope: string | null;
}

export const DEFAULT_FLAGS: SyncFlags = {
  lastSyncAt: null,
  resetSequence: false,
  repairEpoch: null,
  clockOffsetMs: 0,
  clockAheadMs: null,
  scope: null,
};

/**
 * The row as this device last pulled it, for the line-merged text fields only: the server's
 * three-way merge of a note needs the text the rep's edit started from (protocol §4 `base`).
 */
export interface BaseCopy {
  v: number;
  f: Record<string, string>;
}
export const BASE_PREFIX = 'sync.base:';
export const baseKey = (table: string, id: string): string => `${BASE_PREFIX}${table}:${id}`;

/** An outbox row; a repair op also carries the stamps its fields already had. */
export type OutboxRow = OutboxOp & { stamps?: Record<string, string> };

export interface SyncMetaState {
  account: SyncAccount | null;
  pull: PullPosition;
  flags: SyncFlags;
}

export async function readSyncMeta(db: FieldbookDb): Promise<SyncMetaState> {
  const [account, pull, flags] = await db.meta.bulkGet([
    SYNC_META.account,
    SYNC_META.pull,
    SYNC_META.flags,
  ]);
  return {
    account: (account?.value as SyncAccount | undefined) ?? null,
    pull: (pull?.value as PullPosition | undefined) ?? { epoch: null, cursor: null },
    flags: { ...DEFAULT_FLAGS, ...(flags?.value as Partial<SyncFlags> | undefined) },
  };
}

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

/** The line-merged text of a record as a base copy at `version` (empty when it has none). */
function baseCopyOf(table: SyncedTable, record: Row, version: number): BaseCopy | null {
  const textFields = LINE_MERGED_FIELDS[table];
  if (!textFields) return null;
  const f: Record<string, string> = {};
  for (const field of textFields) {
    const text = record[field];
    if (typeof text === 'string') f[field] = text;
  }
  return { v: version, f };
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
    const pending = new Map<string, OutboxRow[]>();
    if ((await db.outbox.count()) > 0) {
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
    for (const [table, ids] of wanted) {
      const rows = (await db.table(table).bulkGet(ids)) as (Row | undefined)[];
      for (const row of rows) if (row) locals.set(rowKey(table, row.id), row);
    }
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

    for (const [table, rows] of writes) await db.table(table).bulkPut(rows);
    if (baseWrites.length > 0) await db.meta.bulkPut(baseWrites);
    const position: PullPosition = { epoch: options.epoch, cursor: options.cursor };
    if (options.more) position.run = run;
    await db.meta.put({ key: SYNC_META.pull, value: position });
    if (maxStamp) await foldInStamp(db, maxStamp, options.nowMs);
    if (options.alsoInTransaction) await options.alsoInTransaction(repairs);
    return { run, repairOps: repairs.length };
  });
}

/**
 * Call inside a local edit's transaction (with outbox and meta), before the row changes. The
 * server's line merge of a text edit needs the text the edit started from (protocol §4 `base`).
 * A pull writes none for a row it simply replaces, so it is taken here, from the row itself, when
 * none is stored for the row's `serverVersion` and no unpushed text edit of the row waits: then
 * the row's text is what the server had (or has acknowledged) at that version.
 */
export async function keepEditBase(
  db: FieldbookDb,
  table: SyncedTable,
  row: SyncedRecord & Record<string, unknown>,
  changedFields: readonly string[],
): Promise<void> {
  const textFields = LINE_MERGED_FIELDS[table];
  if (!textFields || row.serverVersion <= 0) return;
  if (!changedFields.some((f) => textFields.includes(f))) return;
  const key = baseKey(table, row.id);
  const stored = (await db.meta.get(key))?.value as BaseCopy | undefined;
  if (stored?.v === row.serverVersion) return;
  const waiting = (await db.outbox
    .where('[table+rowId]')
    .equals([table, row.id])
    .toArray()) as OutboxRow[];
  if (waiting.some((op) => textFields.some((f) => f in op.fields))) return;
  const copy = baseCopyOf(table, row, row.serverVersion);
  if (copy) await db.meta.put({ key, value: copy });
}

/** The device's next stamp comes after everything it has seen. Call inside a transaction with meta. */
async function foldInStamp(db: FieldbookDb, stamp: string, nowMs: number): Promise<void> {
  const [device, clock] = await db.meta.bulkGet([META.device, META.clock]);
  const node = (device?.value as { deviceId?: string } | undefined)?.deviceId;
  if (!node) return; // no local write ever happened: the first one starts from the wall clock
  const hlc = new HybridLogicalClock({
    node,
    now: () => nowMs,
    maxDriftMs: Number.MAX_SAFE_INTEGER,
    ...(typeof clock?.value === 'string' ? { last: clock.value } : {}),
  });
  await db.meta.put({ key: META.clock, value: hlc.receive(stamp) });
}

/** Merges `patch` into the sync flags (its own small transaction, or the caller's). */
export async function updateSyncFlags(db: FieldbookDb, patch: Partial<SyncFlags>): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    const current = await db.meta.get(SYNC_META.flags);
    await db.meta.put({
      key: SYNC_META.flags,
      value: { ...(current?.value as SyncFlags | undefined), ...patch },
    });
  });
}
