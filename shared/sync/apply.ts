/**
 * Applying one pushed op to the server's copy of a row: the server's core decision, kept pure so
 * the property tests run the very same code over an in-memory model of the server.
 */
import type { z } from 'zod';
import { SYNCED_SCHEMAS, type SyncedTable } from '../domain';
import { compareHlc, parseHlc } from './hlc';
import { BOOKKEEPING_FIELDS, mergeRecord, type MergeConflict } from './merge';
import { SERVER_NODE, type OpRejectCode, type PushOp, type SyncConflict } from './protocol';

export interface StoredRow {
  table: SyncedTable;
  id: string;
  ownerId: string;
  /** The record without `stamps` and `serverVersion` (which live beside it). */
  values: Record<string, unknown>;
  stamps: Record<string, string>;
  /** field -> server version at which it last changed; how the server knows what a device had seen. */
  fieldVersions: Record<string, number>;
  version: number;
}

/** Field version for changes made in the batch being applied, before its version is assigned. */
export const PENDING_VERSION = Number.MAX_SAFE_INTEGER;

export interface ApplyOptions {
  nowMs: number;
  maxAheadMs: number;
  /** Owner of a row this op creates: the pushing user, never a value from the op. */
  ownerId: string;
}

export type ApplyOutcome =
  | {
      status: 'applied' | 'unchanged';
      row: StoredRow;
      changedFields: string[];
      conflicts: SyncConflict[];
    }
  | {
      status: 'rejected' | 'quarantined';
      code: OpRejectCode;
      reason: string;
      conflicts: SyncConflict[];
    };

const DROPPED_FIELDS = new Set(['ownerId', 'stamps', 'serverVersion']);

/**
 * The record schemas without the fields applyOp sets itself from values already checked: `id` is
 * the op's rowId, `ownerId` the stored row's or the caller's, `serverVersion` the stored version,
 * and `stamps` hold only the op's `hlc` and `stamps` (both HLC-checked by PushOpSchema), the stored
 * row's (checked when it was written) and stamps the merge formats itself. Re-checking those cost
 * more than the rest of the record together (a record of clock stamps is a pattern per field);
 * every value the op brings is still checked (tests/unit/sync/apply-check.test.ts).
 */
const VALUE_SCHEMAS = Object.fromEntries(
  Object.entries(SYNCED_SCHEMAS).map(([table, schema]) => [
    table,
    (schema as z.ZodObject).omit({ id: true, ownerId: true, stamps: true, serverVersion: true }),
  ]),
) as unknown as Record<SyncedTable, z.ZodType>;

/** The record as the domain schemas (and clients) see it. */
export function recordOf(row: StoredRow): Record<string, unknown> {
  return {
    ...row.values,
    id: row.id,
    ownerId: row.ownerId,
    stamps: row.stamps,
    serverVersion: row.version,
  };
}

export function applyOp(row: StoredRow | null, op: PushOp, options: ApplyOptions): ApplyOutcome {
  if (row && row.table !== op.table) {
    return reject('table_mismatch', `Row ${op.rowId} belongs to ${row.table}, not ${op.table}`);
  }
  const fields: Record<string, unknown> = {};
  const stamps: Record<string, string> = {};
  // for…in over own keys, and no closures below: this runs for every op of every push, and
  // Object.entries allocates a pair per field (and a named closure costs a defineProperty under tsx).
  for (const field in op.fields) {
    if (!Object.hasOwn(op.fields, field)) continue;
    const value = op.fields[field];
    if (DROPPED_FIELDS.has(field)) continue;
    if (field === 'id') {
      if (value !== op.rowId) return reject('invalid_record', 'fields.id differs from rowId');
      continue;
    }
    fields[field] = value;
    stamps[field] = op.stamps?.[field] ?? op.hlc;
  }

  // The outbox sends what the rep changed; the time of the change is the op's. A new row gets
  // its createdAt from it, and updatedAt follows below when the op changes anything.
  if (!row && !('createdAt' in fields)) {
    fields.createdAt = op.createdAt;
    stamps.createdAt = op.hlc;
  }

  // An op's stamps are nearly all its own hlc: each run of equal stamps is parsed (and so
  // checked) once, not once per field.
  const limitMs = options.nowMs + options.maxAheadMs;
  let ahead: string | undefined = parseHlc(op.hlc).ms > limitMs ? op.hlc : undefined;
  let checked = op.hlc;
  for (const field in stamps) {
    if (ahead) break;
    const s = stamps[field]!;
    if (s === checked) continue;
    checked = s;
    if (parseHlc(s).ms > limitMs) ahead = s;
  }
  if (ahead) {
    const conflicts = Object.keys(fields).map<SyncConflict>((field) => ({
      field,
      kind: 'clock_quarantine',
      localValue: fields[field] ?? null,
      remoteValue: row?.values[field] ?? null,
      localStamp: stamps[field] ?? null,
      remoteStamp: row?.stamps[field] ?? null,
      kept: 'remote',
    }));
    const aheadMs = parseHlc(ahead).ms - options.nowMs;
    return {
      status: 'quarantined',
      code: 'clock_ahead',
      reason: `The device clock is ${Math.round(aheadMs / 60_000)} min ahead of the server's; the change was kept aside`,
      conflicts,
    };
  }

  // A device saw a field's current value if it changed at or before the op's base version, or if
  // the device wrote it itself. Otherwise the field changed concurrently: its base stamp is unknown.
  const baseStamps: Record<string, string | undefined> = {};
  if (row) {
    const nodeOf = lastNodeMemo();
    for (const [field, current] of Object.entries(row.stamps)) {
      const seen =
        (row.fieldVersions[field] ?? 0) <= op.baseVersion ||
        nodeOf(current) === nodeOf(stamps[field] ?? op.hlc);
      baseStamps[field] = seen ? current : undefined;
    }
  }
  const merged = mergeRecord(
    row ? { values: row.values, stamps: row.stamps } : null,
    { values: fields, stamps },
    row ? { stamps: baseStamps, values: op.base ?? {} } : null,
    { table: op.table, nowMs: options.nowMs, maxAheadMs: options.maxAheadMs, node: SERVER_NODE },
  );

  const next: StoredRow = {
    table: op.table,
    id: op.rowId,
    ownerId: row?.ownerId ?? options.ownerId,
    values: { ...merged.values, id: op.rowId },
    stamps: merged.stamps,
    fieldVersions: { ...(row?.fieldVersions ?? {}) },
    version: row?.version ?? 0,
  };
  delete next.values.ownerId;
  if (!('updatedAt' in fields) && compareHlc(op.hlc, next.stamps.updatedAt ?? '') > 0) {
    let contentChanged = false;
    for (const f in next.stamps) {
      if (next.stamps[f] !== row?.stamps[f] && !BOOKKEEPING_FIELDS.has(f)) {
        contentChanged = true;
        break;
      }
    }
    if (contentChanged) {
      next.values.updatedAt = op.createdAt;
      next.stamps.updatedAt = op.hlc;
    }
  }
  const changedFields: string[] = [];
  for (const f in next.stamps) {
    if (next.stamps[f] === row?.stamps[f]) continue;
    changedFields.push(f);
    next.fieldVersions[f] = PENDING_VERSION;
  }

  const check = VALUE_SCHEMAS[op.table].safeParse(next.values);
  if (!check.success) {
    const issues = check.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '(record)'}: ${i.message}`)
      .join('; ');
    return reject('invalid_record', `The ${op.table} record would be invalid: ${issues}`);
  }
  return {
    status: changedFields.length > 0 ? 'applied' : 'unchanged',
    row: next,
    changedFields,
    conflicts: merged.conflicts.map(fromDevice),
  };
}

/**
 * parseHlc(stamp).node, remembering the last two stamps asked about: a row's stamps and an op's
 * are mostly one stamp repeated, and parsing (with its pattern check) is the merge's top cost.
 */
function lastNodeMemo(): (stamp: string) => string {
  const memo: [string, string][] = [];
  return (stamp) => {
    for (const [s, node] of memo) if (s === stamp) return node;
    const node = parseHlc(stamp).node;
    if (memo.length >= 2) memo.shift();
    memo.push([stamp, node]);
    return node;
  };
}

function reject(code: OpRejectCode, reason: string): ApplyOutcome {
  return { status: 'rejected', code, reason, conflicts: [] };
}

/** mergeRecord speaks from the server's side; a push result speaks to the pushing device. */
function fromDevice(c: MergeConflict): SyncConflict {
  return {
    field: c.field,
    kind: c.kind,
    localValue: c.remoteValue,
    remoteValue: c.localValue,
    localStamp: c.remoteStamp,
    remoteStamp: c.localStamp,
    kept: c.kept === 'merged' ? 'merged' : c.kept === 'local' ? 'remote' : 'local',
  };
}
