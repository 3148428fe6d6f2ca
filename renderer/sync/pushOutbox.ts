/**
 * Pushing the outbox from its lowest sequence number, in batches the server accepts. An outbox
 * row goes only when an answer settles it (settle.ts); a lost answer means the same batch again,
 * which the server answers from its ledger.
 */
import { isLineMerged } from '../../shared/sync/merge';
import type { PushOp, PushRequest } from '../../shared/sync/protocol';
import { readSyncMeta, updateSyncFlags } from './state';
import { baseKey, type BaseCopy, type OutboxRow } from '../data/editBase';
import { MAX_BATCH_CHARS, type SyncContext } from './context';
import { renumberOutbox } from './outboxOrder';
import { settlePush } from './settle';
import { isSyncHttpError, SyncHttpError } from './transport';

/** Attaches the base text line-merged fields need and drops anything the protocol does not name. */
async function toPushOps(ctx: SyncContext, rows: readonly OutboxRow[]): Promise<PushOp[]> {
  const wanted = rows.filter(
    (op) => op.baseVersion > 0 && Object.keys(op.fields).some((f) => isLineMerged(op.table, f)),
  );
  const bases = new Map<string, BaseCopy>();
  const found = await ctx.db.meta.bulkGet(wanted.map((op) => baseKey(op.table, op.rowId)));
  found.forEach((row) => row && bases.set(row.key, row.value as BaseCopy));
  const ops: PushOp[] = [];
  let chars = 0;
  for (const row of rows) {
    const op: PushOp = {
      seq: row.seq,
      opId: row.opId,
      deviceId: row.deviceId,
      hlc: row.hlc,
      table: row.table,
      rowId: row.rowId,
      fields: row.fields,
      baseVersion: row.baseVersion,
      createdAt: row.createdAt,
      ...(row.stamps ? { stamps: row.stamps } : {}),
    };
    const copy = bases.get(baseKey(row.table, row.rowId));
    // The base must be the text as of the op's base version, or the merge would be wrong.
    if (copy && copy.v === row.baseVersion) {
      const base: Record<string, string> = {};
      for (const field of Object.keys(row.fields))
        if (isLineMerged(row.table, field) && typeof copy.f[field] === 'string')
          base[field] = copy.f[field];
      if (Object.keys(base).length > 0) op.base = base;
    }
    chars += JSON.stringify(op).length;
    if (ops.length > 0 && chars > MAX_BATCH_CHARS) break;
    ops.push(op);
  }
  return ops;
}

export interface PushSummary {
  pushed: number;
  conflicts: number;
}

/** Pushes until the outbox is empty; throws what the engine must decide on (epoch, 401, …). */
export async function pushOutbox(ctx: SyncContext): Promise<PushSummary> {
  const summary: PushSummary = { pushed: 0, conflicts: 0 };
  let batchSize = ctx.pushBatchSize;
  let repairsLeft = 3; // a sequence problem fixed locally this many times per cycle, then reported
  for (;;) {
    const rows = (await ctx.db.outbox.limit(batchSize).toArray()) as OutboxRow[];
    if (rows.length === 0) return summary;
    const { pull, flags } = await readSyncMeta(ctx.db);
    const ops = await toPushOps(ctx, rows);
    const request: PushRequest = {
      epoch: pull.epoch,
      deviceId: ctx.deviceId,
      ops,
      ...(flags.resetSequence ? { resetSequence: true } : {}),
    };
    let response;
    try {
      response = await ctx.transport.push(request);
    } catch (error) {
      if (!isSyncHttpError(error)) throw error;
      if (error.code === 'payload_too_large' || error.code === 'batch_too_large') {
        if (ops.length === 1) throw error;
        batchSize = Math.max(1, Math.floor(ops.length / 2));
        continue;
      }
      if (error.code === 'sequence_reset_refused' && flags.resetSequence && repairsLeft-- > 0) {
        await updateSyncFlags(ctx.db, { resetSequence: false });
        continue;
      }
      throw error;
    }
    ctx.clock.observe(response.serverTime);
    const settled = await settlePush(ctx.db, response, new Date(ctx.clock.now()).toISOString());
    summary.pushed += settled.settled;
    summary.conflicts += settled.conflicts;
    await updateSyncFlags(ctx.db, {
      ...(flags.resetSequence ? { resetSequence: false } : {}),
      ...(settled.quarantinedAheadMs !== null
        ? { clockAheadMs: settled.quarantinedAheadMs }
        : settled.settled > 0
          ? { clockAheadMs: null }
          : {}),
    });
    if (response.stopped) {
      const expected = response.stopped.expectedSeq;
      if (repairsLeft-- <= 0) {
        throw new SyncHttpError(200, 'sequence_gap', `the server expects op ${expected}`);
      }
      if (expected < ops[0]!.seq) {
        // The server lacks ops this device no longer has (a new or restored server): restart the
        // device's sequence there at our first op.
        await updateSyncFlags(ctx.db, { resetSequence: true });
      } else {
        // An outbox row is missing: nothing from `expected` on was looked at, so renumbering
        // the rest to follow on without a hole is safe.
        await renumberOutbox(ctx.db, expected);
      }
      continue;
    }
    if (settled.settled === 0) {
      throw new SyncHttpError(200, 'nothing_settled', 'the server settled none of the batch');
    }
    batchSize = ctx.pushBatchSize;
    await ctx.yieldToMain();
  }
}
