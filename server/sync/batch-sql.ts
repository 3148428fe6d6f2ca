/**
 * The two statements of a push, each one round trip whatever the batch size: open the batch (the
 * device's sequence with the epoch and the ledger entries of ops sent before, the batch's rows
 * locked with what authorization needs; sent with BEGIN), and write everything the batch decided
 * (sent with COMMIT). Round trips, not rows, are what a busy server pays for: every one keeps a
 * pooled connection (and, for the last, the team's version counter) waiting on the event loop.
 * Plain PostgreSQL; PGlite runs it unchanged.
 */
import { PENDING_VERSION, type StoredRow } from '../../shared/sync/apply';
import type { OpResult, PushOp } from '../../shared/sync/protocol';
import type { Queryable, Transaction } from '../db/db';
import { toStoredRow, type RecordRow } from './rows';
import { clientIdOf, type WriteScope } from './scope';

/** How far below a push's first sequence the ledger keeps results (docs/sync-protocol.md §4). */
export const LEDGER_KEEP = 1000;
/** Writes of at most this many rows run as a prepared statement (see writeBatch). */
const PREPARED_WRITE_ROWS = 50;

export interface DeviceSeq {
  /** The server's epoch, or null when the server is not initialised. */
  epoch: string | null;
  lastSeq: number;
  /** The epoch in which this device last pushed. */
  seqEpoch: string;
  /**
   * Ledger entries of the batch's ops at or below lastSeq: what the stored result says beyond
   * what the op itself does (its table and row, and by default applied with no conflicts).
   */
  seen: { seq: number; op_id: string; result: Partial<OpResult> }[];
}

/**
 * A ledger result as stored: one row per batch (`applied_batches`) holds the results of its fresh
 * ops, each with `ord`, the index of its row among the rows the batch wrote; its version is the
 * batch's first version plus `ord` (the versions are taken in the batch's last statement, so the
 * results are written without them). Only what the retried op cannot say is kept: its table and
 * row id come from the op, and an empty conflicts list is left out. Results migrated from the
 * per-op ledger are whole and carry their version.
 */
type StoredResult = Partial<OpResult> & { seq: number; opId: string; ord?: number | null };

function storedResult(result: OpResult, ord: number | null): StoredResult {
  const stored: StoredResult = { seq: result.seq, opId: result.opId, status: result.status, ord };
  if (result.code !== undefined) stored.code = result.code;
  if (result.reason !== undefined) stored.reason = result.reason;
  if (result.conflicts.length > 0) stored.conflicts = result.conflicts;
  return stored;
}

export interface LockedBatch {
  rows: Map<string, StoredRow>;
  scope: WriteScope;
}

export interface OpenedBatch {
  device: DeviceSeq;
  locked: LockedBatch;
}

/**
 * The push's first statement (its first round trip, sent with BEGIN: db/postgres.ts).
 *
 * The device: creates or locks its sequence row (held to commit: one batch of a device at a time),
 * reads the epoch, fetches the ledger batches holding the request's ops already applied, and drops
 * batches wholly below `pruneBelow` (here, not in the write, which holds the team's counter).
 *
 * The rows: locks the existing rows of the request's ops in id order, after the device row (two
 * batches touching the same rows cannot deadlock), and reads, for every client the ops or those
 * rows point at, its owner and whether it is shared with the actor: authorization then needs no
 * query per op. Rows of ops that turn out to be retries are locked too: a retry is rare, and one
 * statement instead of two is a round trip less for every push.
 *
 * Every lookup is one primary-key probe per id (a LATERAL subquery on (team_id, id)), never
 * `id = ANY(...)` next to other conditions: with `table_name = 'clients'` beside it, PostgreSQL
 * planned the owners' lookup as a scan of all the team's clients through records_team_owner,
 * filtering each against the batch's 500 ids — a cost that grew with the team's book (100 ms a
 * batch at 24k clients, most of the database's time on the push bench). The batch's own rows are
 * not probed twice: their owners come with the locked rows (a new row has none yet).
 */
export async function openBatch(
  tx: Queryable,
  ask: {
    userId: string;
    teamId: string;
    node: string;
    /** The request's sequences, ascending. */
    seqs: readonly number[];
    pruneBelow: number;
    rowIds: readonly string[];
    clientIds: readonly string[];
  },
): Promise<OpenedBatch> {
  const { seqs } = ask;
  const { rows } = await tx.query<{
    epoch: string;
    last_seq: number;
    seq_epoch: string;
    seen: { first_version: number | null; results: StoredResult[] }[] | null;
    locked: RecordRow[] | null;
    owners: { id: string; owner_id: string; table_name: string }[] | null;
    shared: string[] | null;
  }>(
    `WITH e AS (SELECT value FROM server_meta WHERE key = 'epoch'),
     s AS (
       INSERT INTO device_seqs (team_id, user_id, device_node, last_seq, epoch)
       SELECT $6, $1, $2, 0, e.value FROM e
       ON CONFLICT (team_id, user_id, device_node) DO UPDATE SET last_seq = device_seqs.last_seq
       RETURNING last_seq, epoch),
     pruned AS (DELETE FROM applied_batches WHERE team_id = $6 AND user_id = $1 AND device_node = $2 AND last_seq < $5),
     locked AS (
       SELECT r.* FROM (SELECT DISTINCT k::uuid AS id FROM jsonb_array_elements_text($7::jsonb) AS k ORDER BY 1) k
        CROSS JOIN LATERAL (
          SELECT id, table_name, owner_id, client_id, version, data, stamps, field_versions FROM records
           WHERE team_id = $6 AND id = k.id FOR UPDATE) r),
     ids AS (
       SELECT k::uuid AS id FROM jsonb_array_elements_text($8::jsonb) AS k
       UNION SELECT client_id FROM locked WHERE client_id IS NOT NULL)
     SELECT (SELECT value FROM e) AS epoch, s.last_seq, s.epoch AS seq_epoch,
       (SELECT json_agg(json_build_object('first_version', b.first_version, 'results', b.results))
          FROM applied_batches b
         WHERE b.team_id = $6 AND b.user_id = $1 AND b.device_node = $2 AND b.last_seq >= $3
           AND b.first_seq <= LEAST($4, s.last_seq)) AS seen,
       (SELECT json_agg(locked) FROM locked) AS locked,
       (SELECT json_agg(json_build_object('id', c.id, 'owner_id', c.owner_id, 'table_name', c.table_name))
          FROM (SELECT id FROM ids WHERE id NOT IN (SELECT k::uuid FROM jsonb_array_elements_text($7::jsonb) AS k)) o
         CROSS JOIN LATERAL (
            SELECT id, owner_id, table_name FROM records WHERE team_id = $6 AND id = o.id) c) AS owners,
       (SELECT json_agg(sh.client_id) FROM ids CROSS JOIN LATERAL (
            SELECT client_id FROM shares WHERE team_id = $6 AND user_id = $1 AND client_id = ids.id) sh) AS shared
       FROM s`,
    [
      ask.userId,
      ask.node,
      seqs[0] ?? 0,
      seqs[seqs.length - 1] ?? 0,
      ask.pruneBelow,
      ask.teamId,
      JSON.stringify(ask.rowIds),
      JSON.stringify(ask.clientIds),
    ],
    { name: 'push-open' },
  );
  const row = rows[0];
  if (!row) {
    return {
      device: { epoch: null, lastSeq: 0, seqEpoch: '', seen: [] },
      locked: { rows: new Map(), scope: { clientOwners: new Map(), sharedWithMe: new Set() } },
    };
  }
  const lastSeq = Number(row.last_seq);
  const wanted = new Set(seqs);
  const seen: DeviceSeq['seen'] = [];
  for (const batch of row.seen ?? []) {
    for (const stored of batch.results) {
      if (stored.seq > lastSeq || !wanted.has(stored.seq)) continue;
      const { ord, ...result } = stored;
      if (ord !== null && ord !== undefined && batch.first_version !== null)
        result.version = Number(batch.first_version) + ord;
      seen.push({ seq: result.seq, op_id: result.opId, result });
    }
  }
  // The batch's own rows that are clients are in `locked` (or do not exist yet): only other
  // clients are looked up.
  const owners = new Map<string, string>();
  const locked = new Map<string, StoredRow>();
  for (const r of row.locked ?? []) {
    locked.set(r.id, toStoredRow(r));
    if (r.table_name === 'clients') owners.set(r.id, r.owner_id);
  }
  for (const o of row.owners ?? []) if (o.table_name === 'clients') owners.set(o.id, o.owner_id);
  return {
    device: { epoch: row.epoch, lastSeq, seqEpoch: row.seq_epoch, seen },
    locked: {
      rows: locked,
      scope: { clientOwners: owners, sharedWithMe: new Set(row.shared ?? []) },
    },
  };
}

export interface BatchWrite {
  teamId: string;
  userId: string;
  node: string;
  epoch: string;
  lastSeq: number;
  /** Rows to write; fields the batch changed carry PENDING_VERSION in fieldVersions. */
  rows: readonly StoredRow[];
  /** Results of the batch's fresh ops; `rowIndex` points into `rows` for an applied op. */
  results: readonly { result: OpResult; rowIndex: number | null }[];
  quarantined: readonly { op: PushOp; reason: string }[];
}

/**
 * A row's field versions as stored: fields the batch changed are left out, since their version is
 * the row's own (rows.ts puts it back on reading). So the write needs no per-row work in SQL once
 * the versions are taken, and a new row stores `{}`.
 */
function storedFieldVersions(row: StoredRow): Record<string, number> {
  const stored: Record<string, number> = {};
  for (const field in row.fieldVersions) {
    const version = row.fieldVersions[field]!;
    if (version !== PENDING_VERSION) stored[field] = version;
  }
  return stored;
}

/** The rows `which` picks, as the JSON the write's jsonb_to_recordset reads; `ord` is the row's index. */
function recordsetJson(rows: readonly StoredRow[], which: (row: StoredRow) => boolean): string {
  const picked: object[] = [];
  rows.forEach((row, ord) => {
    if (!which(row)) return;
    picked.push({
      ord,
      id: row.id,
      table_name: row.table,
      owner_id: row.ownerId,
      client_id: clientIdOf(row.table, row.id, row.values),
      data: row.values,
      stamps: row.stamps,
      field_versions: storedFieldVersions(row),
    });
  });
  return JSON.stringify(picked);
}

/**
 * One statement: takes `rows.length` versions from the team's counter, upserts the rows with them,
 * records the batch's results in the ledger (one row, with the first version), keeps quarantined
 * ops and moves the device's sequence. The counter's row lock is taken here and held to commit, so
 * the next writer of the team gets higher versions and commits later: version order is commit
 * order. Everything that can be prepared before the lock is: the JSON parameters are parsed while
 * PostgreSQL plans the statement, and no SQL expression runs per row or per op but the insert.
 * With `commit` the COMMIT goes in the same round trip, so the counter is free again as soon as
 * PostgreSQL has flushed, not when this process next gets to it (nothing may follow in `tx`).
 * Returns the first version taken (null when no row changed: no lock taken).
 */
export async function writeBatch(
  tx: Transaction,
  write: BatchWrite,
  { commit }: { commit: boolean },
): Promise<number | null> {
  const versioned = write.rows.length > 0;
  // Rows that did not exist when the batch locked its rows are plain inserts; the rest upserts.
  // Should another push have created one of them meanwhile, the insert fails on the primary key
  // and the whole push is retried (db/postgres.ts), this time merging into that row.
  const columns = `x(ord bigint, id uuid, table_name text, owner_id uuid, client_id uuid,
                     data jsonb, stamps jsonb, field_versions jsonb)`;
  const counter = versioned
    ? `c AS (UPDATE team_counters SET v = v + $9::bigint WHERE team_id = $8::uuid
             RETURNING v - $9::bigint + 1 AS first),
       created AS (
         INSERT INTO records (team_id, id, table_name, owner_id, client_id, version, data, stamps, field_versions)
         SELECT $8::uuid, x.id, x.table_name, x.owner_id, x.client_id, c.first + x.ord, x.data, x.stamps, x.field_versions
           FROM jsonb_to_recordset($10::jsonb) AS ${columns} CROSS JOIN c),
       updated AS (
         INSERT INTO records (team_id, id, table_name, owner_id, client_id, version, data, stamps, field_versions)
         SELECT $8::uuid, x.id, x.table_name, x.owner_id, x.client_id, c.first + x.ord, x.data, x.stamps, x.field_versions
           FROM jsonb_to_recordset($11::jsonb) AS ${columns} CROSS JOIN c
         ON CONFLICT (team_id, id) DO UPDATE SET
           table_name = EXCLUDED.table_name, owner_id = EXCLUDED.owner_id, client_id = EXCLUDED.client_id,
           version = EXCLUDED.version, data = EXCLUDED.data, stamps = EXCLUDED.stamps,
           field_versions = EXCLUDED.field_versions),`
    : '';
  const first = versioned ? '(SELECT first FROM c)' : 'NULL::bigint';
  const fresh = write.results.length > 0;
  const sql = `WITH ${counter}
     l AS (
       INSERT INTO applied_batches (team_id, user_id, device_node, first_seq, last_seq, first_version, results)
       SELECT $8::uuid, $1::uuid, $2::text, $6::bigint, $3::bigint, ${first}, $7::json WHERE $6::bigint IS NOT NULL),
     q AS (
       INSERT INTO quarantine (team_id, op_id, user_id, device_node, op, reason)
       SELECT $8::uuid, z.op_id, $1::uuid, $2::text, z.op, z.reason
         FROM jsonb_to_recordset($5::jsonb) AS z(op_id uuid, op jsonb, reason text)
       ON CONFLICT (team_id, op_id) DO NOTHING),
     seqs AS (UPDATE device_seqs SET last_seq = $3::bigint, epoch = $4::text
               WHERE team_id = $8::uuid AND user_id = $1::uuid AND device_node = $2::text)
     SELECT ${first} AS first`;
  const params = [
    write.userId,
    write.node,
    write.lastSeq,
    write.epoch,
    JSON.stringify(
      write.quarantined.map((q) => ({ op_id: q.op.opId, op: q.op, reason: q.reason })),
    ),
    fresh ? write.results[0]!.result.seq : null,
    fresh
      ? JSON.stringify(write.results.map(({ result, rowIndex }) => storedResult(result, rowIndex)))
      : null,
    write.teamId,
    ...(versioned
      ? [
          write.rows.length,
          recordsetJson(write.rows, (row) => row.version === 0),
          recordsetJson(write.rows, (row) => row.version !== 0),
        ]
      : []),
  ];
  // A small batch's write is a prepared statement (its planning cost as much as running it); a
  // big one is planned with its parameters, so PostgreSQL parses its JSON before taking the lock.
  const options =
    write.rows.length <= PREPARED_WRITE_ROWS
      ? { name: versioned ? 'push-write' : 'push-write-unversioned' }
      : {};
  const { rows } = commit
    ? await tx.queryAndCommit<{ first: number | null }>(sql, params, options)
    : await tx.query<{ first: number | null }>(sql, params, options);
  const taken = rows[0]?.first;
  if (versioned && (taken === null || taken === undefined))
    throw new Error(`team ${write.teamId} has no version counter`);
  return taken === null || taken === undefined ? null : Number(taken);
}
