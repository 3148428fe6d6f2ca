/**
 * After the server's epoch changed (it was restored from an older backup), this device re-fills
 * it (protocol §8): pull everything again, merging instead of replacing so nothing newer here is
 * lost; every row holding fields the server lacks gets one repair op carrying them with their own
 * stamps; then push with the device's sequence restarted. Until the last step is done the repair
 * is remembered in `meta`, and a crash simply starts it over: each step is safe to repeat.
 */
import Dexie from 'dexie';
import { SYNCED_TABLES, type SyncedTable } from '../../shared/domain';
import { uuidv7 } from '../../shared/ids';
import { UNMERGED_FIELDS } from '../../shared/sync/merge';
import type { FieldbookDb } from '../data/db';
import { takeStamp } from '../data/device';
import { readSyncMeta, SYNC_META, updateSyncFlags, type SyncFlags } from './state';
import { type RepairCandidate } from './pullApply';
import { type OutboxRow } from '../data/editBase';
import type { SyncContext } from './context';
import { renumberOutbox } from './outboxOrder';
import { pullAll } from './pullPages';

/** Call inside a transaction over outbox and meta: one op per row, replacing the row's older ops. */
async function writeRepairOps(
  db: FieldbookDb,
  repairs: readonly RepairCandidate[],
  nowMs: number,
): Promise<void> {
  if (repairs.length === 0) return;
  const stamp = await takeStamp(db, Dexie.currentTransaction!, () => nowMs);
  for (const r of repairs) {
    await db.outbox.where('[table+rowId]').equals([r.table, r.row.id]).delete();
    const fields: Record<string, unknown> = {};
    const stamps: Record<string, string> = {};
    for (const f of r.fields) {
      fields[f] = r.row[f];
      stamps[f] = r.row.stamps[f]!;
    }
    const op: OutboxRow = {
      seq: await stamp.nextSeq(),
      opId: uuidv7(nowMs),
      deviceId: stamp.deviceId,
      hlc: stamp.hlc,
      table: r.table,
      rowId: r.row.id,
      fields,
      baseVersion: r.version,
      createdAt: stamp.nowIso,
      stamps,
    };
    await db.outbox.add(op);
  }
}

/** Remembers the new epoch and that a repair is due, in one transaction. */
export async function beginRepair(db: FieldbookDb, epoch: string): Promise<void> {
  await db.transaction('rw', db.meta, async () => {
    await db.meta.put({ key: SYNC_META.pull, value: { epoch, cursor: null } });
    const flags = (await db.meta.get(SYNC_META.flags))?.value as Partial<SyncFlags> | undefined;
    await db.meta.put({
      key: SYNC_META.flags,
      value: { ...flags, repairEpoch: epoch, resetSequence: true },
    });
  });
}

const key = (table: string, id: string) => `${table}\u0000${id}`;

export async function runRepair(ctx: SyncContext): Promise<{ repairOps: number }> {
  const { db } = ctx;
  const { flags } = await readSyncMeta(db);
  if (!flags.repairEpoch) return { repairOps: 0 };
  // Always from the start: which rows the server has is known only to this run.
  await db.meta.put({ key: SYNC_META.pull, value: { epoch: flags.repairEpoch, cursor: null } });
  const seen = new Set<string>();
  let repairOps = 0;
  await pullAll(ctx, {
    mode: 'merge',
    onRows: (rows) => rows.forEach((r) => seen.add(key(r.table, r.id))),
    alsoInTransaction: async (repairs) => {
      repairOps += repairs.length;
      await writeRepairOps(db, repairs, ctx.clock.now());
    },
  });

  // Rows the server does not have at all go whole. Keys first: reading every row would be slow.
  const missing = new Map<SyncedTable, string[]>();
  for (const table of SYNCED_TABLES) {
    const ids = (await db.table(table).toCollection().primaryKeys()) as string[];
    const lacking = ids.filter((id) => !seen.has(key(table, id)));
    if (lacking.length > 0) missing.set(table, lacking);
    await ctx.yieldToMain();
  }
  await db.transaction(
    'rw',
    [...SYNCED_TABLES.map((t) => db.table(t)), db.outbox, db.meta],
    async () => {
      const candidates: RepairCandidate[] = [];
      for (const [table, ids] of missing) {
        const rows = (await db.table(table).bulkGet(ids)) as (RepairCandidate['row'] | undefined)[];
        for (const row of rows) {
          if (!row) continue;
          const fields = Object.keys(row.stamps).filter((f) => !UNMERGED_FIELDS.has(f));
          candidates.push({ table, row, fields, version: 0 });
        }
      }
      repairOps += candidates.length;
      await writeRepairOps(db, candidates, ctx.clock.now());
    },
  );
  const lowest = await db.outbox.orderBy('seq').first();
  if (lowest) await renumberOutbox(db, lowest.seq);
  await updateSyncFlags(db, { repairEpoch: null, resetSequence: true });
  return { repairOps };
}
