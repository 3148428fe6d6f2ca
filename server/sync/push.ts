/**
 * Applying a pushed batch: one transaction, ops in sequence, ops already applied answered from the
 * ledger, a stop at the first sequence gap. Any error rolls the whole batch back: never half-applied.
 * The merge runs here, in the shared code the clients and the property tests run; the database
 * sees two statements per batch whatever its size, two round trips with BEGIN and COMMIT
 * (batch-sql.ts).
 */
import { applyOp, type StoredRow } from '../../shared/sync/apply';
import { parseHlc } from '../../shared/sync/hlc';
import {
  LIMITS,
  SERVER_NODE,
  type OpResult,
  type PushOp,
  type PushRequest,
  type PushResponse,
} from '../../shared/sync/protocol';
import type { Actor } from '../accounts/accounts';
import type { Db } from '../db/db';
import { ApiError } from '../http/errors';
import { epochChangedError, rotateEpochFrom } from './meta';
import { LEDGER_KEEP, openBatch, writeBatch, type DeviceSeq, type LockedBatch } from './batch-sql';
import { clientIdOf, clientIdsOfOps, denyClient, denyWrite } from './scope';

export interface PushOptions {
  nowMs: number;
  maxClockAheadMs?: number;
  /** Tests pause or fail a batch here, after all its writes and before COMMIT. */
  beforeCommit?: (info: { actor: Actor; ops: readonly PushOp[] }) => Promise<void>;
  /**
   * Asked when a push proves the server forgot ops it acknowledged (see restoreEvidence); true
   * lets it begin a new epoch. Unsigned evidence, so the caller bounds how often one user may.
   */
  mayDeclareRestore?: (actor: Actor) => boolean | Promise<boolean>;
  /** Told when a push revealed a restore and a new epoch began. */
  onRestoreDetected?: (info: {
    userId: string;
    node: string;
    firstSeq: number;
    serverLastSeq: number;
    epoch: string;
  }) => void;
}

/** Thrown inside the push transaction (rolling it back) when the device proved a restore. */
class RestoreEvidence extends Error {
  constructor(
    readonly epoch: string,
    readonly serverLastSeq: number,
  ) {
    super('restore evidence');
  }
}

function checkBatchShape(request: PushRequest): void {
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
    // An op is stamped by the device's own clock; the server's node is the server's alone.
    if (parseHlc(op.hlc).node !== request.deviceId)
      throw new ApiError('bad_request', `ops[${i}].hlc: its node must be deviceId`);
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
  if (request.deviceId === SERVER_NODE)
    throw new ApiError('bad_request', `deviceId ${SERVER_NODE} is the server's own clock node`);
  try {
    return await pushInTransaction(db, actor, request, options);
  } catch (error) {
    if (!(error instanceof RestoreEvidence)) throw error;
    const next = await rotateEpochFrom(db, error.epoch);
    options.onRestoreDetected?.({
      userId: actor.userId,
      node: request.deviceId,
      firstSeq: request.ops[0]!.seq,
      serverLastSeq: error.serverLastSeq,
      epoch: next,
    });
    throw epochChangedError(next);
  }
}

async function pushInTransaction(
  db: Db,
  actor: Actor,
  request: PushRequest,
  options: PushOptions,
): Promise<PushResponse> {
  const node = request.deviceId;
  const firstSeq = request.ops[0]!.seq;
  const rowIds = [...new Set(request.ops.map((op) => op.rowId))];
  const clientIds = clientIdsOfOps(request.ops);
  return db.transaction(async (tx) => {
    const { device, locked } = await openBatch(tx, {
      userId: actor.userId,
      teamId: actor.teamId,
      node,
      seqs: request.ops.map((op) => op.seq),
      // A push from seq f acknowledges every op below f (clients push from their lowest op).
      pruneBelow: firstSeq - LEDGER_KEEP,
      rowIds,
      clientIds,
    });
    const epoch = device.epoch;
    if (epoch === null) throw new ApiError('unavailable', 'The server is not initialised yet');
    if (request.epoch !== null && request.epoch !== epoch) throw epochChangedError(epoch);
    // A device that pushed in an earlier epoch must not skip the repair by claiming to be new.
    if (request.epoch === null && device.lastSeq > 0 && device.seqEpoch !== epoch)
      throw epochChangedError(epoch);
    let lastSeq = device.lastSeq;
    let seen = device.seen;
    if (
      !request.resetSequence &&
      request.epoch === epoch &&
      firstSeq > lastSeq + 1 &&
      (await options.mayDeclareRestore?.(actor))
    ) {
      // The device pushes from its lowest unsettled op and names this epoch: everything below
      // firstSeq was acknowledged in this epoch, yet the server's sequence is behind it. The
      // server has forgotten what it acknowledged: it was restored, whatever its identity says.
      throw new RestoreEvidence(epoch, lastSeq);
    }
    if (request.resetSequence) {
      // A restart of the sequence answers an epoch change the client has seen and names.
      if (request.epoch === null) {
        throw new ApiError(
          'sequence_reset_refused',
          'A sequence reset names the epoch it answers; send the current epoch',
        );
      }
      if (device.seqEpoch === epoch && lastSeq > 0) {
        throw new ApiError(
          'sequence_reset_refused',
          'This device has already pushed in the current epoch',
        );
      }
      lastSeq = firstSeq - 1;
      seen = [];
      await tx.query(
        'DELETE FROM applied_batches WHERE team_id = $4 AND user_id = $1 AND device_node = $2 AND last_seq >= $3',
        [actor.userId, node, firstSeq, actor.teamId],
      );
    }

    const results: OpResult[] = previousResults(request.ops, lastSeq, seen);
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

    const plan =
      fresh.length > 0
        ? applyFresh(locked, actor, fresh, options)
        : { rows: [], results: [], quarantined: [] };
    // The test seam needs the transaction still open after the write; otherwise the write and
    // COMMIT go together (batch-sql.ts).
    const commitWithWrite = !options.beforeCommit;
    const first = await writeBatch(
      tx,
      {
        teamId: actor.teamId,
        userId: actor.userId,
        node,
        epoch,
        lastSeq,
        rows: plan.rows,
        results: plan.results,
        quarantined: plan.quarantined,
      },
      { commit: commitWithWrite },
    );
    for (const { result, rowIndex } of plan.results) {
      if (rowIndex !== null && first !== null) result.version = first + rowIndex;
      results.push(result);
    }
    if (options.beforeCommit) await options.beforeCommit({ actor, ops: fresh });
    return { epoch, serverTime: options.nowMs, lastSeq, results, stopped };
  });
}

/** Bytes of a record as stored: its values and stamps as JSON (parked fields included). */
function storedBytes(row: StoredRow): number {
  return (
    Buffer.byteLength(JSON.stringify(row.values)) + Buffer.byteLength(JSON.stringify(row.stamps))
  );
}

/**
 * A record past LIMITS.maxRecordBytes is refused, unless it was already that large and the op
 * does not make it larger (a row stored before the limit can still be edited down).
 */
function oversized(
  next: StoredRow,
  before: StoredRow | null,
): { code: 'record_too_large'; reason: string } | null {
  const bytes = storedBytes(next);
  if (bytes <= LIMITS.maxRecordBytes) return null;
  if (before && bytes <= storedBytes(before)) return null;
  return {
    code: 'record_too_large',
    reason: `The ${next.table} record would take ${Math.ceil(bytes / 1024)} KiB; a record may take at most ${LIMITS.maxRecordBytes / 1024} KiB. Shorten its text.`,
  };
}

/** Ops this device sent before: the stored result, marked as a duplicate. */
function previousResults(
  ops: readonly PushOp[],
  lastSeq: number,
  stored: DeviceSeq['seen'],
): OpResult[] {
  const bySeq = new Map(stored.map((r) => [r.seq, r]));
  return ops
    .filter((op) => op.seq <= lastSeq)
    .map((op) => {
      const entry = bySeq.get(op.seq);
      if (entry && entry.op_id !== op.opId) {
        throw new ApiError(
          'sequence_mismatch',
          `Sequence ${op.seq} was used by another op (${entry.op_id})`,
        );
      }
      // The ledger keeps what the op cannot say; an entry already pruned: the op was applied and
      // its conflicts were reported then.
      return {
        opId: op.opId,
        seq: op.seq,
        table: op.table,
        rowId: op.rowId,
        status: 'applied',
        version: null,
        conflicts: [],
        ...entry?.result,
        duplicate: true,
      };
    });
}

interface FreshPlan {
  /** The latest copy of every row the batch changed, in the order they get versions. */
  rows: StoredRow[];
  results: { result: OpResult; rowIndex: number | null }[];
  quarantined: { op: PushOp; reason: string }[];
}

/** Merges the fresh ops into their locked rows, in sequence, with the shared per-field rules. */
function applyFresh(
  { rows, scope }: LockedBatch,
  actor: Actor,
  ops: readonly PushOp[],
  options: PushOptions,
): FreshPlan {
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
    const tooLarge = oversized(outcome.row, row);
    if (tooLarge) {
      Object.assign(result, { status: 'rejected', conflicts: [] }, tooLarge);
      continue;
    }
    rows.set(op.rowId, outcome.row);
    // The latest copy of a row goes to the database, even when this op left it unchanged.
    if (outcome.status === 'applied' || touched.has(op.rowId)) touched.set(op.rowId, outcome.row);
    if (op.table === 'clients' && !scope.clientOwners.has(op.rowId))
      scope.clientOwners.set(op.rowId, outcome.row.ownerId);
  }

  const order = new Map([...touched.keys()].map((id, i) => [id, i]));
  return {
    rows: [...touched.values()],
    results: results.map((result) => ({
      result,
      rowIndex: result.status === 'applied' ? order.get(result.rowId)! : null,
    })),
    quarantined,
  };
}
