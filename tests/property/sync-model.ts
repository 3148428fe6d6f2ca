/**
 * An in-memory model of the sync server and of client devices for the property tests. The
 * server's per-op decision is the real one (shared/sync/apply.ts); the model adds what the
 * database does (sequence, ledger, versions) and, for checking only, which ops each value came from.
 */
import { applyOp, PENDING_VERSION, type StoredRow } from '../../shared/sync/apply';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import { mergeRecord, type StampedValues } from '../../shared/sync/merge';
import type { OpResult, PushOp, PushResponse, SyncConflict } from '../../shared/sync/protocol';
import type { SyncedTable } from '../../shared/domain';

export const OWNER = '01900000-0000-7000-8000-000000000001';
const EPOCH = '0'.repeat(32);
const MAX_AHEAD_MS = 60 * 60 * 1000;

type Provenance = Map<string, Set<string>>; // field -> op ids its value came from

export interface PulledRow {
  table: SyncedTable;
  id: string;
  version: number;
  values: Record<string, unknown>;
  stamps: Record<string, string>;
  provenance: Provenance;
}

export class ModelServer {
  readonly rows = new Map<string, StoredRow>();
  readonly provenance = new Map<string, Provenance>();
  private counter = 0;
  private readonly lastSeq = new Map<string, number>();
  private readonly ledger = new Map<string, Map<number, OpResult>>();

  constructor(private readonly now: () => number) {}

  push(deviceId: string, ops: readonly PushOp[]): PushResponse {
    let last = this.lastSeq.get(deviceId) ?? 0;
    const ledger = this.ledger.get(deviceId) ?? new Map<number, OpResult>();
    this.ledger.set(deviceId, ledger);
    const results: OpResult[] = [];
    const touched = new Map<string, StoredRow>();
    let stopped: PushResponse['stopped'] = null;
    for (const op of ops) {
      if (op.seq <= last) {
        results.push({ ...ledger.get(op.seq)!, duplicate: true });
        continue;
      }
      if (op.seq !== last + 1) {
        stopped = { code: 'sequence_gap', expectedSeq: last + 1 };
        break;
      }
      last = op.seq;
      const row = this.rows.get(op.rowId) ?? null;
      const outcome = applyOp(row, op, {
        nowMs: this.now(),
        maxAheadMs: MAX_AHEAD_MS,
        ownerId: OWNER,
      });
      const result: OpResult = {
        opId: op.opId,
        seq: op.seq,
        table: op.table,
        rowId: op.rowId,
        status: outcome.status,
        version: null,
        duplicate: false,
        conflicts: outcome.conflicts,
      };
      if ('row' in outcome) {
        this.trackProvenance(row, outcome.row, op);
        this.rows.set(op.rowId, outcome.row);
        if (outcome.status === 'applied' || touched.has(op.rowId))
          touched.set(op.rowId, outcome.row);
      } else {
        result.code = outcome.code;
        result.reason = outcome.reason;
      }
      results.push(result);
    }
    for (const row of touched.values()) {
      row.version = ++this.counter;
      for (const [f, v] of Object.entries(row.fieldVersions))
        if (v === PENDING_VERSION) row.fieldVersions[f] = row.version;
    }
    for (const r of results) {
      if (!r.duplicate && r.status === 'applied') r.version = this.rows.get(r.rowId)!.version;
      if (!r.duplicate) ledger.set(r.seq, r);
    }
    this.lastSeq.set(deviceId, last);
    return { epoch: EPOCH, serverTime: this.now(), lastSeq: last, results, stopped };
  }

  /** A value whose stamp is the op's came from the op; a stamp the server made (a merge) from both. */
  private trackProvenance(before: StoredRow | null, after: StoredRow, op: PushOp): void {
    const prov = this.provenance.get(op.rowId) ?? new Map<string, Set<string>>();
    this.provenance.set(op.rowId, prov);
    for (const [field, s] of Object.entries(after.stamps)) {
      if (s === before?.stamps[field]) continue;
      const fromOp = s === (op.stamps?.[field] ?? op.hlc);
      prov.set(field, fromOp ? new Set([op.opId]) : new Set([...(prov.get(field) ?? []), op.opId]));
    }
  }

  pull(cursor: number, limit: number): { rows: PulledRow[]; cursor: number; hasMore: boolean } {
    const page = [...this.rows.values()]
      .filter((r) => r.version > cursor)
      .sort((a, b) => a.version - b.version)
      .slice(0, limit);
    const hasMore = page.length === limit;
    return {
      rows: page.map((r) => ({
        table: r.table,
        id: r.id,
        version: r.version,
        values: structuredClone(r.values),
        stamps: { ...r.stamps },
        provenance: new Map(
          [...(this.provenance.get(r.id) ?? new Map<string, Set<string>>())].map(([f, s]) => [
            f,
            new Set(s),
          ]),
        ),
      })),
      cursor: hasMore ? page[page.length - 1]!.version : this.counter,
      hasMore,
    };
  }
}

export interface MadeOp {
  op: PushOp;
  device: string;
  /** field -> op ids whose value of that field the author had seen when it wrote this op */
  seen: Map<string, Set<string>>;
}

export interface DeviceConflict extends SyncConflict {
  rowId: string;
}

const LINE_MERGED: Record<string, string> = { notes: 'text', clients: 'notes' };

export class ModelDevice {
  readonly clock: HybridLogicalClock;
  readonly rows = new Map<string, { table: SyncedTable } & StampedValues>();
  readonly base = new Map<string, { version: number; values: Record<string, unknown> }>();
  readonly outbox: PushOp[] = [];
  readonly conflicts: DeviceConflict[] = [];
  private readonly known = new Map<string, Set<string>>(); // `${rowId}:${field}` -> op ids
  private seq = 0;
  cursor = 0;

  constructor(
    readonly node: string,
    private readonly now: () => number,
    private readonly madeOps: MadeOp[],
    private readonly newId: () => string,
  ) {
    this.clock = new HybridLogicalClock({ node, now, maxDriftMs: Number.MAX_SAFE_INTEGER });
  }

  /** A local write: the row changes at once and an op joins the outbox. */
  write(table: SyncedTable, rowId: string, fields: Record<string, unknown>): PushOp {
    const hlc = this.clock.tick();
    // A local record always has its id; the op does not carry it (as renderer/data's outbox rows).
    const row = this.rows.get(rowId) ?? { table, values: { id: rowId }, stamps: {} };
    const base = this.base.get(rowId);
    const textField = LINE_MERGED[table];
    const op: PushOp = {
      seq: ++this.seq,
      opId: this.newId(),
      deviceId: this.node,
      hlc,
      table,
      rowId,
      fields,
      baseVersion: base?.version ?? 0,
      createdAt: new Date(this.now()).toISOString(),
      ...(textField && textField in fields && typeof base?.values[textField] === 'string'
        ? { base: { [textField]: base.values[textField] as string } }
        : {}),
    };
    const seen = new Map<string, Set<string>>();
    for (const field of Object.keys(fields)) {
      const key = `${rowId}:${field}`;
      seen.set(field, new Set(this.known.get(key) ?? []));
      this.known.set(key, new Set([...(this.known.get(key) ?? []), op.opId]));
      row.values[field] = fields[field];
      row.stamps[field] = hlc;
    }
    this.rows.set(rowId, row);
    this.outbox.push(op);
    this.madeOps.push({ op, device: this.node, seen });
    return op;
  }

  nextBatch(size: number): PushOp[] {
    return this.outbox.slice(0, size);
  }

  /** Settles what the server acknowledged and keeps its conflicts for the rep. */
  receivePush(response: PushResponse): void {
    for (const r of response.results) {
      if (!this.outbox.some((op) => op.opId === r.opId)) continue; // settled by an earlier answer
      for (const c of r.conflicts) this.conflicts.push({ ...c, rowId: r.rowId });
    }
    const settled = new Set(
      this.outbox.filter((op) => op.seq <= response.lastSeq).map((op) => op.opId),
    );
    this.outbox.splice(0, this.outbox.length, ...this.outbox.filter((op) => !settled.has(op.opId)));
  }

  /** Applies one pulled page as a client must: rows without pending ops are replaced, others folded in. */
  receivePull(page: { rows: PulledRow[]; cursor: number }): void {
    for (const remote of page.rows) {
      for (const s of Object.values(remote.stamps)) this.clock.receive(s);
      for (const [field, ops] of remote.provenance) {
        const key = `${remote.id}:${field}`;
        this.known.set(key, new Set([...(this.known.get(key) ?? []), ...ops]));
      }
      const pending = this.outbox.some((op) => op.rowId === remote.id);
      const local = this.rows.get(remote.id);
      if (!pending || !local) {
        this.rows.set(remote.id, {
          table: remote.table,
          values: remote.values,
          stamps: remote.stamps,
        });
      } else {
        const merged = mergeRecord(local, { values: remote.values, stamps: remote.stamps }, null, {
          table: remote.table,
          nowMs: this.now(),
          maxAheadMs: Number.MAX_SAFE_INTEGER,
          node: this.node,
        });
        this.rows.set(remote.id, {
          table: remote.table,
          values: merged.values,
          stamps: merged.stamps,
        });
      }
      this.base.set(remote.id, { version: remote.version, values: remote.values });
    }
    this.cursor = page.cursor;
  }
}
