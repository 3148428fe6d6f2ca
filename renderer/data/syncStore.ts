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
  massDelete: { liveClients: number; deletedSoFar: number; allowed: boolean };
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
  clientDeletions: number;
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

/** Applies one pulled page and saves its cursor in the same transaction. */
export async function applyPullPage(
  db: FieldbookDb,
  page: readonly PulledRow[],
  options: PageOptions,
): Promise<PageResult> {
  let maxStamp = '';
  for (const p of page)
    for (const s of Object.values(p.record.stamps)) if (s > maxStamp) maxStamp = s;
  const tables = [...new Set(page.map((p) => p.table))];

  return db.transaction('rw', [...tables.map((t) => db.table(t)), db.outbox, db.meta], async () => {
    const pending = new Map<string, OutboxRow[]>();
    if ((await db.outbox.count()) > 0) {
      const ops = (await db.outbox
        .where('[table+rowId]')
        .anyOf(page.map((p) => [p.table, p.id]))
        .toArray()) as OutboxRow[];
      for (const op of ops) {
        const key = rowKey(op.table, op.rowId);
        pending.set(key, [...(pending.get(key) ?? []), op]);
      }
    }
    const locals = new Map<string, Row>();
    for (const table of tables) {
      const ids = page.filter((p) => p.table === table).map((p) => p.id);
      const rows = (await db.table(table).bulkGet(ids)) as (Row | undefined)[];
      rows.forEach((row) => row && locals.set(rowKey(table, row.id), row));
    }
    const pendingBases = await db.meta.bulkGet(
      page.filter((p) => pending.has(rowKey(p.table, p.id))).map((p) => baseKey(p.table, p.id)),
    );
    const keptBase = new Set<string>();
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

    const writes = new Map<SyncedTable, Row[]>();
    const baseWrites: { key: string; value: BaseCopy }[] = [];
    const repairs: RepairCandidate[] = [];
    let clientDeletions = 0;
    for (const p of page) {
      const key = rowKey(p.table, p.id);
      const local = locals.get(key);
      let next: Row = p.record;
      if (local && (options.mode === 'merge' || pending.has(key))) {
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
      if (p.table === 'clients' && local && local.deletedAt == null && next.deletedAt != null)
        clientDeletions++;
      writes.set(p.table, [...(writes.get(p.table) ?? []), next]);
      const textFields = LINE_MERGED_FIELDS[p.table];
      if (textFields && !keptBase.has(key)) {
        const f: Record<string, string> = {};
        for (const field of textFields)
          if (typeof p.record[field] === 'string') f[field] = p.record[field] as string;
        baseWrites.push({ key: baseKey(p.table, p.id), value: { v: p.version, f } });
      }
    }

    const held = options.massDelete;
    const total = held.deletedSoFar + clientDeletions;
    if (!held.allowed && total >= MASS_DELETE_MIN && total * 2 > held.liveClients)
      throw new MassDeleteHold(total, held.liveClients);

    for (const [table, rows] of writes) await db.table(table).bulkPut(rows);
    await db.meta.bulkPut(baseWrites);
    await db.meta.put({
      key: SYNC_META.pull,
      value: { epoch: options.epoch, cursor: options.cursor },
    });
    if (maxStamp) await foldInStamp(db, maxStamp, options.nowMs);
    if (options.alsoInTransaction) await options.alsoInTransaction(repairs);
    return { clientDeletions, repairOps: repairs.length };
  });
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
