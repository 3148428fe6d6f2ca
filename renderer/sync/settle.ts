/**
 * A push answer made local, in one transaction: the conflicts of every op it settles go to the
 * conflicts table, the settled outbox rows are deleted, and a quarantined op's row goes back to
 * the server's values. The outbox loses a row only here, after the server acknowledged it.
 */
import { SYNCED_SCHEMAS, type Conflict, type SyncedRecord } from '../../shared/domain';
import { uuidv7 } from '../../shared/ids';
import { formatHlc, parseHlc } from '../../shared/sync/hlc';
import { BOOKKEEPING_FIELDS } from '../../shared/sync/merge';
import type { PushResponse, SyncConflict } from '../../shared/sync/protocol';
import type { FieldbookDb } from '../data/db';
import { META } from '../data/device';
import { journalSettled } from '../data/journal';
import type { OutboxRow } from '../data/editBase';

type Row = SyncedRecord & Record<string, unknown>;

function conflictRow(table: string, rowId: string, c: SyncConflict, at: string): Conflict {
  return {
    id: uuidv7(),
    table,
    rowId,
    field: c.field,
    localValue: c.localValue ?? null,
    remoteValue: c.remoteValue ?? null,
    localStamp: c.localStamp,
    remoteStamp: c.remoteStamp,
    kind: c.kind,
    createdAt: at,
    resolvedAt: null,
    resolution: null,
  };
}

export interface SettleResult {
  settled: number;
  conflicts: number;
  /** How far ahead of the server the quarantined stamps were, when any op was quarantined. */
  quarantinedAheadMs: number | null;
}

/** An op already settled by an earlier answer (a retry whose first answer arrived) is skipped. */
export async function settlePush(
  db: FieldbookDb,
  response: PushResponse,
  nowIso: string,
): Promise<SettleResult> {
  const tables = [...new Set(response.results.map((r) => r.table))];
  return db.transaction(
    'rw',
    [db.outbox, db.conflicts, db.meta, ...tables.map((t) => db.table(t))],
    async () => {
      const waiting = (await db.outbox
        .where('seq')
        .belowOrEqual(response.lastSeq)
        .toArray()) as OutboxRow[];
      const byOpId = new Map(waiting.map((op) => [op.opId, op]));
      const conflicts: Conflict[] = [];
      let aheadMs: number | null = null;
      for (const result of response.results) {
        const op = byOpId.get(result.opId);
        if (!op) continue;
        // Bookkeeping (createdAt, updatedAt) is nothing a rep decides; a quarantine lists it too.
        for (const c of result.conflicts)
          if (!BOOKKEEPING_FIELDS.has(c.field))
            conflicts.push(conflictRow(result.table, result.rowId, c, nowIso));
        if (result.status === 'rejected') {
          // One refusal per op, not one per field: the rep decides about the change as a whole,
          // and "keep the server's version" needs no value of the server's (refused.ts).
          const fields = Object.keys(op.fields).filter((f) => !BOOKKEEPING_FIELDS.has(f));
          const first = fields[0] ?? 'id';
          conflicts.push({
            ...conflictRow(
              result.table,
              result.rowId,
              {
                field: first,
                kind: 'field',
                localValue: Object.fromEntries(fields.map((f) => [f, op.fields[f]])),
                remoteValue: null,
                localStamp: op.stamps?.[first] ?? op.hlc,
                remoteStamp: null,
                kept: 'remote',
              },
              nowIso,
            ),
            kind: 'refused',
            code: result.code ?? 'forbidden',
          });
        }
        if (result.status === 'quarantined') {
          const ahead = Number(op.hlc.slice(0, 15)) - response.serverTime;
          aheadMs = Math.max(aheadMs ?? 0, ahead);
          await takeServerValues(db, op, result.conflicts);
        }
      }
      if (aheadMs !== null) await pullClockBack(db, response.serverTime);
      await db.conflicts.bulkAdd(conflicts);
      await db.outbox.bulkDelete(waiting.map((op) => op.seq));
      // The durable journal lets these rows go once this transaction commits.
      journalSettled(
        db,
        waiting.map((op) => op.opId),
      );
      return { settled: waiting.length, conflicts: conflicts.length, quarantinedAheadMs: aheadMs };
    },
  );
}

/**
 * A quarantined op's values stay in the conflicts list; the row goes back to the server's values,
 * so "keep mine" later is a real change that the server takes with a sane stamp.
 */
async function takeServerValues(
  db: FieldbookDb,
  op: OutboxRow,
  conflicts: readonly SyncConflict[],
): Promise<void> {
  const table = db.table<Row, string>(op.table);
  const row = await table.get(op.rowId);
  if (!row) return;
  const next: Row = { ...row, stamps: { ...row.stamps } };
  for (const c of conflicts) {
    const opStamp = op.stamps?.[c.field] ?? op.hlc;
    if (c.remoteStamp === null || row.stamps[c.field] !== opStamp) continue;
    next[c.field] = c.remoteValue;
    next.stamps[c.field] = c.remoteStamp;
  }
  if (SYNCED_SCHEMAS[op.table].safeParse(next).success) await table.put(next);
}

/**
 * After a quarantine the device's last stamp is far ahead; a hybrid clock never goes back by
 * itself, so every later edit would be quarantined too. Restart it at the server's time.
 */
async function pullClockBack(db: FieldbookDb, serverTime: number): Promise<void> {
  const [device, clock] = await db.meta.bulkGet([META.device, META.clock]);
  const node = (device?.value as { deviceId?: string } | undefined)?.deviceId;
  if (!node || typeof clock?.value !== 'string') return;
  if (parseHlc(clock.value).ms <= serverTime) return;
  await db.meta.put({ key: META.clock, value: formatHlc({ ms: serverTime, counter: 0, node }) });
}
