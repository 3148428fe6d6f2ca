/**
 * Applying a pushed batch: one transaction, ops in sequence, ops already applied answered from the
 * ledger, a stop at the first sequence gap. Any error rolls the whole batch back: never half-applied.
 */
import { applyOp, PENDING_VERSION, type StoredRow } from '../../shared/sync/apply';
import {
  LIMITS,
  type OpResult,
  type PushOp,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/protocol';
import type { Actor } from '../accounts/accounts';
import type { Db, Queryable } from '../db/db';
import { ApiError } from '../http/errors';
import { readEpoch } from './meta';
import { loadRowsForUpdate, takeVersions, upsertRows } from './rows';
import { clientIdOf, clientIdsOfBatch, denyClient, denyWrite, type WriteScope } from './scope';

export interface PushOptions {
  nowMs: number;
  maxClockAheadMs?: number;
  /** Tests pause or fail a batch here, after all its writes and before COMMIT. */
  beforeCommit?: (info: { actor: Actor; ops: readonly PushOp[] }) => Promise<void>;
}

export function checkBatchShape(request: PushRequest): void {
  if (request.ops.length > LIMITS.maxOpsPerBatch) {
    throw new ApiError(
      'batch_too_large',
      `At most ${LIMITS.maxOpsPerBatch} ops per batch; split it`,
    );
  }
  for (let i = 0; i < request.ops.length; i++) {
    const op = request.ops[i]!;
    if (op.deviceId !== request.deviceId)
      throw new ApiError('bad_request', `ops[${i}].deviceId differs from deviceId`);
    if (i > 0 && op.seq <= request.ops[i - 1]!.seq) {
      throw new ApiError('bad_request', `ops[${i}].seq must be greater than the op before it`);
    }
  }
}

export async function pushBatch(
  db: Db,
  actor: Actor,
  request: PushRequest,
  options: PushOptions,
): Promise<PushResponse> {
  checkBatchShape(request);
  return db.transaction(async (tx) => {
    const epoch = await readEpoch(tx);
    if (request.epoch !== null && request.epoch !== epoch) {
      throw new ApiError(
        'epoch_changed',
        'The server was restored from a backup; pull from the start, then re-push',
        {
          epoch,
        },
      );
    }
    const node = request.deviceId;
    await tx.query(
      'INSERT INTO device_seqs (user_id, device_node, last_seq, epoch) VALUES ($1, $2, 0, $3) ON CONFLICT DO NOTHING',
      [actor.userId, node, epoch],
    );
    const { rows: seqRows } = await tx.query<{ last_seq: number; epoch: string }>(
      'SELECT last_seq, epoch FROM device_seqs WHERE user_id = $1 AND device_node = $2 FOR UPDATE',
      [actor.userId, node],
    );
    let lastSeq = Number(seqRows[0]!.last_seq);
    const firstSeq = request.ops[0]!.seq;
    if (request.resetSequence) {
      if (seqRows[0]!.epoch === epoch && lastSeq > 0) {
        throw new ApiError(
          'sequence_reset_refused',
          'This device has already pushed in the current epoch',
        );
      }
      lastSeq = firstSeq - 1;
      await tx.query(
        'DELETE FROM applied_ops WHERE user_id = $1 AND device_node = $2 AND seq >= $3',
        [actor.userId, node, firstSeq],
      );
    }

    const results: OpResult[] = await previousResults(tx, actor.userId, node, request.ops, lastSeq);
    const fresh: PushOp[] = [];
    let stopped: PushResponse['stopped'] = null;
    for (const op of request.ops) {
      if (op.seq <= lastSeq) continue;
      if (op.seq !== lastSeq + 1 + fresh.length) {
        stopped = { code: 'sequence_gap', expectedSeq: lastSeq + 1 + fresh.length };
        break;
      }
      fresh.push(op);
    }

    if (fresh.length > 0) lastSeq = fresh[fresh.length - 1]!.seq;
    // Before the ops, so the team counter's lock (taken while applying) is held as briefly as possible.
    await tx.query(
      'UPDATE device_seqs SET last_seq = $3, epoch = $4 WHERE user_id = $1 AND device_node = $2',
      [actor.userId, node, lastSeq, epoch],
    );
    if (fresh.length > 0) results.push(...(await applyFresh(tx, actor, node, fresh, options)));
    if (options.beforeCommit) await options.beforeCommit({ actor, ops: fresh });
    return { epoch, serverTime: options.nowMs, lastSeq, results, stopped };
  });
}

/** Ops this device sent before: the stored result, marked as a duplicate. */
async function previousResults(
  tx: Queryable,
  userId: string,
  node: string,
  ops: readonly PushOp[],
  lastSeq: number,
): Promise<OpResult[]> {
  const seen = ops.filter((op) => op.seq <= lastSeq);
  if (seen.length === 0) return [];
  const { rows } = await tx.query<{ seq: number; op_id: string; result: OpResult }>(
    `SELECT seq, op_id, result FROM applied_ops
      WHERE user_id = $1 AND device_node = $2 AND seq = ANY(ARRAY(SELECT jsonb_array_elements_text($3::jsonb)::bigint))`,
    [userId, node, JSON.stringify(seen.map((op) => op.seq))],
  );
  const bySeq = new Map(rows.map((r) => [Number(r.seq), r]));
  return seen.map((op) => {
    const stored = bySeq.get(op.seq);
    if (stored && stored.op_id !== op.opId) {
      throw new ApiError(
        'sequence_mismatch',
        `Sequence ${op.seq} was used by another op (${stored.op_id})`,
      );
    }
    // A ledger entry pruned long ago: the op was applied; its conflicts were reported then.
    const base: OpResult = stored?.result ?? {
      opId: op.opId,
      seq: op.seq,
      table: op.table,
      rowId: op.rowId,
      status: 'applied',
      version: null,
      duplicate: true,
      conflicts: [],
    };
    return { ...base, duplicate: true };
  });
}

async function applyFresh(
  tx: Queryable,
  actor: Actor,
  node: string,
  ops: readonly PushOp[],
  options: PushOptions,
): Promise<OpResult[]> {
  const rows = await loadRowsForUpdate(tx, actor.teamId, [...new Set(ops.map((op) => op.rowId))]);
  const scope = await loadScope(tx, actor, clientIdsOfBatch(ops, rows.values()));
  const touched = new Map<string, StoredRow>();
  const results: OpResult[] = [];
  const quarantined: { op: PushOp; reason: string }[] = [];

  for (const op of ops) {
    const result: OpResult = {
      opId: op.opId,
      seq: op.seq,
      table: op.table,
      rowId: op.rowId,
      status: 'rejected',
      version: null,
      duplicate: false,
      conflicts: [],
    };
    results.push(result);
    const row = rows.get(op.rowId) ?? null;
    const denied = denyWrite(actor, op.table, row, scope);
    if (denied) {
      Object.assign(result, denied);
      continue;
    }
    const outcome = applyOp(row, op, {
      nowMs: options.nowMs,
      maxAheadMs: options.maxClockAheadMs ?? LIMITS.maxClockAheadMs,
      ownerId: actor.userId,
    });
    result.status = outcome.status;
    result.conflicts = outcome.conflicts;
    if (!('row' in outcome)) {
      result.code = outcome.code;
      result.reason = outcome.reason;
      if (outcome.status === 'quarantined') quarantined.push({ op, reason: outcome.reason });
      continue;
    }
    const clientId = clientIdOf(outcome.row.table, outcome.row.id, outcome.row.values);
    const before = row ? clientIdOf(row.table, row.id, row.values) : null;
    const clientDenied = clientId !== before ? denyClient(actor, clientId, scope) : null;
    if (clientDenied) {
      Object.assign(result, { status: 'rejected', conflicts: [] }, clientDenied);
      continue;
    }
    rows.set(op.rowId, outcome.row);
    // The latest copy of a row goes to the database, even when this op left it unchanged.
    if (outcome.status === 'applied' || touched.has(op.rowId)) touched.set(op.rowId, outcome.row);
    if (op.table === 'clients' && !scope.clientOwners.has(op.rowId))
      scope.clientOwners.set(op.rowId, outcome.row.ownerId);
  }

  if (touched.size > 0) {
    let version = await takeVersions(tx, actor.teamId, touched.size);
    for (const row of touched.values()) {
      row.version = version++;
      for (const [field, v] of Object.entries(row.fieldVersions)) {
        if (v === PENDING_VERSION) row.fieldVersions[field] = row.version;
      }
    }
    await upsertRows(tx, actor.teamId, [...touched.values()]);
    for (const result of results) {
      if (result.status === 'applied') result.version = touched.get(result.rowId)!.version;
    }
  }
  await tx.query(
    `INSERT INTO applied_ops (user_id, device_node, seq, op_id, result)
     SELECT $1, $2, x.seq, x.op_id, x.result FROM jsonb_to_recordset($3::jsonb) AS x(seq bigint, op_id uuid, result jsonb)`,
    [
      actor.userId,
      node,
      JSON.stringify(results.map((r) => ({ seq: r.seq, op_id: r.opId, result: r }))),
    ],
  );
  if (quarantined.length > 0) {
    await tx.query(
      `INSERT INTO quarantine (op_id, user_id, device_node, op, reason)
       SELECT x.op_id, $1, $2, x.op, x.reason FROM jsonb_to_recordset($3::jsonb) AS x(op_id uuid, op jsonb, reason text)
       ON CONFLICT (op_id) DO NOTHING`,
      [
        actor.userId,
        node,
        JSON.stringify(quarantined.map((q) => ({ op_id: q.op.opId, op: q.op, reason: q.reason }))),
      ],
    );
  }
  return results;
}

async function loadScope(
  tx: Queryable,
  actor: Actor,
  clientIds: readonly string[],
): Promise<WriteScope> {
  if (clientIds.length === 0) return { clientOwners: new Map(), sharedWithMe: new Set() };
  const ids = JSON.stringify(clientIds);
  const { rows: owners } = await tx.query<{ id: string; owner_id: string }>(
    `SELECT id, owner_id FROM records
      WHERE team_id = $1 AND table_name = 'clients' AND id = ANY(ARRAY(SELECT jsonb_array_elements_text($2::jsonb)::uuid))`,
    [actor.teamId, ids],
  );
  const { rows: shared } = await tx.query<{ client_id: string }>(
    `SELECT client_id FROM shares
      WHERE user_id = $1 AND team_id = $2 AND client_id = ANY(ARRAY(SELECT jsonb_array_elements_text($3::jsonb)::uuid))`,
    [actor.userId, actor.teamId, ids],
  );
  return {
    clientOwners: new Map(owners.map((r) => [r.id, r.owner_id])),
    sharedWithMe: new Set(shared.map((r) => r.client_id)),
  };
}
