/**
 * The rep resolves a conflict: keep mine, keep theirs, or an edited value. The resolution is an
 * ordinary local edit (record, fresh field stamp and outbox row) written in the same transaction
 * that marks the conflict resolved, and it always goes to the server, even when the chosen value
 * is what this device shows now: the server may hold the other one.
 */
import Dexie from 'dexie';
import {
  SYNCED_SCHEMAS,
  SYSTEM_FIELDS,
  isSyncedTable,
  type Conflict,
  type SyncedRecord,
} from '../../shared/domain';
import { uuidv7 } from '../../shared/ids';
import type { FieldbookDb } from '../data/db';
import { takeStamp } from '../data/device';
import { NotFoundError, ValidationError } from '../data/repository';
import { keepEditBase } from '../data/editBase';
import { isRefusal, keepServerVersion } from './refused';

export type Resolution =
  { choice: 'kept_mine' } | { choice: 'kept_theirs' } | { choice: 'edited'; value: unknown };

type Row = SyncedRecord & Record<string, unknown>;

const SYSTEM = new Set<string>(SYSTEM_FIELDS);

function contentOf(row: Row): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).filter(([field]) => !SYSTEM.has(field)));
}

function chosenValue(conflict: Conflict, resolution: Resolution): unknown {
  if (resolution.choice === 'kept_mine') return conflict.localValue;
  if (resolution.choice === 'kept_theirs') return conflict.remoteValue;
  return resolution.value;
}

export async function unresolvedConflicts(db: FieldbookDb): Promise<Conflict[]> {
  const all = await db.conflicts.toArray();
  return all.filter((c) => c.resolvedAt === null).sort((a, b) => a.id.localeCompare(b.id));
}

export async function resolveConflict(
  db: FieldbookDb,
  conflictId: string,
  resolution: Resolution,
  now: () => number = Date.now,
): Promise<void> {
  const conflict = await db.conflicts.get(conflictId);
  if (!conflict || conflict.resolvedAt !== null) return;
  // A refused change has no server value to write back: the server's version is its row as it
  // stands there (or no row), whatever the table (refused.ts).
  if (isRefusal(conflict) && resolution.choice === 'kept_theirs') {
    await keepServerVersion(db, conflict, new Date(now()).toISOString());
    return;
  }
  const tableName = conflict.table;
  if (!isSyncedTable(tableName)) throw new Error(`conflict names an unknown table ${tableName}`);
  const table = db.table<Row, string>(tableName);
  await db.transaction('rw', [table, db.outbox, db.meta, db.conflicts], async () => {
    const row = await table.get(conflict.rowId);
    if (!row) throw new NotFoundError(tableName, conflict.rowId);
    const value = chosenValue(conflict, resolution);
    const stamp = await takeStamp(db, Dexie.currentTransaction!, now);
    // A row the server may not have (its creation was refused or set aside) goes whole, newly
    // stamped: one field alone would not make a valid record there.
    const whole = row.serverVersion === 0;
    const fields: Record<string, unknown> = whole ? contentOf(row) : {};
    fields[conflict.field] = value;
    const stamps = { ...row.stamps };
    for (const field of Object.keys(fields)) stamps[field] = stamp.hlc;
    const next = { ...row, ...fields, stamps, updatedAt: stamp.nowIso };
    const checked = SYNCED_SCHEMAS[tableName].safeParse(next);
    if (!checked.success) throw new ValidationError(tableName, checked.error.issues);
    await keepEditBase(db, tableName, row, Object.keys(fields));
    // The stored row keeps fields this app does not know; only the resolved ones change.
    await table.put(next);
    await db.outbox.add({
      seq: await stamp.nextSeq(),
      opId: uuidv7(now()),
      deviceId: stamp.deviceId,
      hlc: stamp.hlc,
      table: tableName,
      rowId: conflict.rowId,
      fields,
      baseVersion: row.serverVersion,
      createdAt: stamp.nowIso,
    });
    // Older conflicts over the same field are answered by the same decision.
    const same = await db.conflicts
      .where('[table+rowId]')
      .equals([conflict.table, conflict.rowId])
      .filter((c) => c.field === conflict.field && c.resolvedAt === null)
      .toArray();
    await db.conflicts.bulkPut(
      same.map((c) => ({ ...c, resolvedAt: stamp.nowIso, resolution: resolution.choice })),
    );
  });
}
