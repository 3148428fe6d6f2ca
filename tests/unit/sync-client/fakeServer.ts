/**
 * An in-memory sync server behind the SyncTransport interface, deciding every op with the real
 * shared applyOp, plus the faults the engine must survive: answers lost after the server applied
 * them, errors by status and code, a restore from an older snapshot (epoch change), 401.
 */
import { applyOp, PENDING_VERSION, recordOf, type StoredRow } from '../../../shared/sync/apply';
import type {
  OpResult,
  PullRequest,
  PullResponse,
  PushRequest,
  PushResponse,
} from '../../../shared/sync/protocol';
import { SyncHttpError, type SignedIn, type SyncTransport } from '../../../renderer/sync/transport';

export const USER_ID = '01900000-0000-7000-8000-0000000000aa';
export const TEAM_ID = '01900000-0000-7000-8000-0000000000bb';
export const EPOCH_1 = 'a'.repeat(32);
export const EPOCH_2 = 'b'.repeat(32);

interface State {
  rows: Map<string, StoredRow>;
  counter: number;
  devices: Map<string, { lastSeq: number; epoch: string; ledger: Map<number, OpResult> }>;
}

function cloneState(s: State): State {
  return structuredClone(s);
}

type Fault =
  | { kind: 'error'; status: number; code: string; extra?: Record<string, unknown> }
  /** The server does the work; the answer never arrives. */
  | { kind: 'lose_answer' }
  /** This call goes through (to put a fault on a later one). */
  | { kind: 'pass' };

export class FakeServer implements SyncTransport {
  epoch = EPOCH_1;
  nowMs = Date.now();
  private state: State = { rows: new Map(), counter: 0, devices: new Map() };
  /** Faults for the next push / pull calls, in order. */
  readonly pushFaults: Fault[] = [];
  readonly pullFaults: Fault[] = [];
  readonly pushes: PushRequest[] = [];
  readonly pulls: PullRequest[] = [];
  signedIn = true;
  /** Refuse batches with more ops than this (batch_too_large). */
  maxOps = 500;

  snapshot(): State {
    return cloneState(this.state);
  }

  /** The database comes back from an older backup: a new epoch begins. */
  restore(snapshot: State): void {
    this.state = cloneState(snapshot);
    this.epoch = EPOCH_2;
  }

  row(id: string): StoredRow | undefined {
    return this.state.rows.get(id);
  }

  rows(): StoredRow[] {
    return [...this.state.rows.values()];
  }

  /** A change made elsewhere (another device), as the server would store it. */
  writeAsOtherDevice(row: Omit<StoredRow, 'version' | 'fieldVersions'>): void {
    const version = ++this.state.counter;
    const fieldVersions = Object.fromEntries(Object.keys(row.stamps).map((f) => [f, version]));
    this.state.rows.set(row.id, { ...row, version, fieldVersions });
  }

  async signIn(): Promise<SignedIn> {
    this.signedIn = true;
    return {
      device: { id: '01900000-0000-7000-8000-0000000000cc', name: 'test' },
      user: {
        id: USER_ID,
        email: 'rep@example.test',
        name: 'Rep',
        role: 'rep',
        teamId: TEAM_ID,
        teamName: 'T',
      },
      epoch: this.epoch,
      serverTime: this.nowMs,
      protocolVersion: 1,
    };
  }

  async signOut(): Promise<void> {
    this.signedIn = false;
  }

  private guard(request: { epoch: string | null }, faults: Fault[]): Fault | undefined {
    if (!this.signedIn) throw new SyncHttpError(401, 'unauthorized', 'signed out');
    if (request.epoch !== null && request.epoch !== this.epoch) {
      throw new SyncHttpError(409, 'epoch_changed', 'restored', { epoch: this.epoch });
    }
    const fault = faults.shift();
    if (fault?.kind === 'error')
      throw new SyncHttpError(fault.status, fault.code, fault.code, fault.extra ?? {});
    return fault;
  }

  async push(request: PushRequest): Promise<PushResponse> {
    this.pushes.push(structuredClone(request));
    const fault = this.guard(request, this.pushFaults);
    if (request.ops.length > this.maxOps) throw new SyncHttpError(413, 'batch_too_large', 'split');
    const device = this.state.devices.get(request.deviceId) ?? {
      lastSeq: 0,
      epoch: this.epoch,
      ledger: new Map(),
    };
    this.state.devices.set(request.deviceId, device);
    if (request.resetSequence) {
      if (device.epoch === this.epoch && device.lastSeq > 0)
        throw new SyncHttpError(409, 'sequence_reset_refused', 'already pushed');
      device.lastSeq = request.ops[0]!.seq - 1;
    }
    device.epoch = this.epoch;
    const results: OpResult[] = [];
    const touched = new Map<string, StoredRow>();
    let stopped: PushResponse['stopped'] = null;
    for (const op of request.ops) {
      if (op.seq <= device.lastSeq) {
        const earlier = device.ledger.get(op.seq);
        if (earlier) results.push({ ...earlier, duplicate: true });
        continue;
      }
      if (op.seq !== device.lastSeq + 1) {
        stopped = { code: 'sequence_gap', expectedSeq: device.lastSeq + 1 };
        break;
      }
      device.lastSeq = op.seq;
      const outcome = applyOp(this.state.rows.get(op.rowId) ?? null, op, {
        nowMs: this.nowMs,
        maxAheadMs: 60 * 60_000,
        ownerId: USER_ID,
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
        ...('code' in outcome ? { code: outcome.code, reason: outcome.reason } : {}),
      };
      if ('row' in outcome) {
        this.state.rows.set(op.rowId, outcome.row);
        if (outcome.status === 'applied') touched.set(op.rowId, outcome.row);
      }
      results.push(result);
    }
    for (const row of touched.values()) {
      row.version = ++this.state.counter;
      for (const [f, v] of Object.entries(row.fieldVersions))
        if (v === PENDING_VERSION) row.fieldVersions[f] = row.version;
    }
    for (const r of results) {
      if (r.duplicate) continue;
      if (r.status === 'applied') r.version = this.state.rows.get(r.rowId)!.version;
      device.ledger.set(r.seq, structuredClone(r));
    }
    const response: PushResponse = {
      epoch: this.epoch,
      serverTime: this.nowMs,
      lastSeq: device.lastSeq,
      results,
      stopped,
    };
    if (fault?.kind === 'lose_answer') throw new SyncHttpError(0, 'network', 'answer lost');
    return structuredClone(response);
  }

  async pull(request: PullRequest): Promise<PullResponse> {
    this.pulls.push(structuredClone(request));
    const fault = this.guard(request, this.pullFaults);
    const after = request.cursor === null ? 0 : Number(request.cursor);
    if (!Number.isInteger(after)) throw new SyncHttpError(400, 'bad_cursor', 'bad cursor');
    const limit = request.limit ?? 500;
    const page = this.rows()
      .filter((r) => r.version > after)
      .sort((a, b) => a.version - b.version)
      .slice(0, limit);
    const hasMore = page.length === limit;
    const response: PullResponse = {
      epoch: this.epoch,
      serverTime: this.nowMs,
      records: page.map((r) => ({
        table: r.table,
        id: r.id,
        version: r.version,
        record: recordOf(r),
      })),
      cursor: String(hasMore ? page[page.length - 1]!.version : this.state.counter),
      hasMore,
    };
    if (fault?.kind === 'lose_answer') throw new SyncHttpError(0, 'network', 'answer lost');
    return structuredClone(response);
  }
}
