/**
 * A team's books written straight into the server's database, for the manager's first pull
 * (team-pull.bench.ts): pushing 1.1M records through the API takes hours on a busy machine, this
 * minutes. Each rep's book is what their laptop would push: the demo book (shared/demo) built into
 * records and outbox ops by the app's own WriteBatch, one clock stamp per written batch as
 * Repository.createMany takes, merged by the server's own applyOp and stored by the push's own
 * write (server/sync/batch-sql.ts writeBatch: versions from the team's counter, the ledger, the
 * device's sequence). Only HTTP, IndexedDB and the 500-op batching are left out; a check in the
 * bench compares the pulled result with a team that pushed (teamSeedCheck.ts).
 */
import type { Db } from '../../server/db/db';
import { LEDGER_KEEP, writeBatch } from '../../server/sync/batch-sql';
import { readEpoch } from '../../server/sync/meta';
import { generateDemoBook } from '../../shared/demo';
import { SYSTEM_FIELDS, type SyncedTable } from '../../shared/domain';
import { randomHex, uuidv7 } from '../../shared/ids';
import { applyOp, type StoredRow } from '../../shared/sync/apply';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import { LIMITS, type OpResult, type PushOp } from '../../shared/sync/protocol';
import { WriteBatch } from '../../renderer/data/repository';
import type { WriteStamp } from '../../renderer/data/device';

export interface SeedRep {
  userId: string;
  /** The demo book's seed: the same seed makes the same book (ids included). */
  seed: string;
}

export interface TeamSeed {
  teamId: string;
  reps: readonly SeedRep[];
  /** Clients and notes of each rep's book. */
  clients: number;
  notes: number;
  /** Rows per write: one transaction, one ledger row. */
  rowsPerWrite?: number;
}

/** What a rep's laptop hands the demo generator (team-pull.bench.ts pushes the same). */
export function repBook(seed: string, clients: number, notes: number) {
  return generateDemoBook({
    seed,
    clients,
    notes,
    locale: 'mixed',
    today: '2025-06-10',
    ownerId: 'local',
    batchRecords: 1000,
  });
}

const SYSTEM = new Set<string>(SYSTEM_FIELDS);

/** An outbox row's fields as the push sends them: every field but the bookkeeping, as JSON. */
function opFields(record: object): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) if (!SYSTEM.has(key)) fields[key] = value;
  return JSON.parse(JSON.stringify(fields)) as Record<string, unknown>;
}

/** One rep's book as merged server rows, in the order their ops would be pushed. */
function* repRows(
  rep: SeedRep,
  seed: TeamSeed,
  node: string,
  nowMs: () => number,
): Generator<{ row: StoredRow; op: PushOp }> {
  const clock = new HybridLogicalClock({ node, now: nowMs });
  let seq = 0;
  for (const batch of repBook(rep.seed, seed.clients, seed.notes)) {
    // The built-in templates are the manager's to publish; reps may not write them.
    if (batch.table === 'checklistTemplates') continue;
    const now = nowMs();
    const stamp: WriteStamp = {
      deviceId: node,
      repId: 'local',
      hlc: clock.tick(),
      nowIso: new Date(now).toISOString(),
      nextSeq: () => Promise.reject(new Error('not used')),
      advanceSeqTo: () => Promise.reject(new Error('not used')),
    };
    const writer = new WriteBatch(null as never, stamp, nowMs);
    for (const item of batch.records) {
      const record = writer.build(batch.table as SyncedTable, item as never);
      const op: PushOp = {
        seq: ++seq,
        opId: uuidv7(now),
        deviceId: node,
        hlc: stamp.hlc,
        table: batch.table as SyncedTable,
        rowId: record.id,
        fields: opFields(record),
        baseVersion: 0,
        createdAt: stamp.nowIso,
      };
      const outcome = applyOp(null, op, {
        nowMs: nowMs(),
        maxAheadMs: LIMITS.maxClockAheadMs,
        ownerId: rep.userId,
      });
      if (outcome.status !== 'applied' || !('row' in outcome))
        throw new Error(`seed: ${op.table} ${op.rowId} ${outcome.status}`);
      yield { row: outcome.row, op };
    }
  }
}

/**
 * Writes every rep's book, rep after rep (as the bench's reps pushed), each write one
 * transaction of the push's own statement; the next write's rows are built while the database
 * takes the last. Returns the records written.
 */
export async function seedTeamBooks(db: Db, seed: TeamSeed): Promise<number> {
  const perWrite = seed.rowsPerWrite ?? 5000;
  const epoch = await readEpoch(db);
  let total = 0;
  let inFlight: Promise<unknown> | null = null;
  for (const rep of seed.reps) {
    const node = randomHex(8);
    await db.query(
      'INSERT INTO device_seqs (team_id, user_id, device_node, last_seq, epoch) VALUES ($1, $2, $3, 0, $4)',
      [seed.teamId, rep.userId, node, epoch],
    );
    let rows: StoredRow[] = [];
    let results: { result: OpResult; rowIndex: number }[] = [];
    const write = async (
      batch: { rows: StoredRow[]; results: typeof results },
      lastSeq: number,
    ): Promise<void> => {
      const firstSeq = batch.results[0]!.result.seq;
      await db.transaction(async (tx) => {
        // The push's first statement prunes the ledger so; the write below fills it.
        await tx.query(
          'DELETE FROM applied_batches WHERE team_id = $1 AND user_id = $2 AND device_node = $3 AND last_seq < $4',
          [seed.teamId, rep.userId, node, firstSeq - LEDGER_KEEP],
        );
        await writeBatch(
          tx,
          {
            teamId: seed.teamId,
            userId: rep.userId,
            node,
            epoch,
            lastSeq,
            rows: batch.rows,
            results: batch.results,
            quarantined: [],
          },
          { commit: true },
        );
      });
    };
    const flush = async (lastSeq: number) => {
      const batch = { rows, results };
      rows = [];
      results = [];
      if (inFlight) await inFlight;
      inFlight = write(batch, lastSeq);
    };
    let lastSeq = 0;
    for (const { row, op } of repRows(rep, seed, node, Date.now)) {
      results.push({
        result: {
          opId: op.opId,
          seq: op.seq,
          table: op.table,
          rowId: op.rowId,
          status: 'applied',
          version: null,
          duplicate: false,
          conflicts: [],
        },
        rowIndex: rows.length,
      });
      rows.push(row);
      lastSeq = op.seq;
      total++;
      if (rows.length >= perWrite) await flush(lastSeq);
    }
    if (rows.length > 0) await flush(lastSeq);
    // One rep's writes end before the next rep's begin: versions follow the reps' order.
    if (inFlight) await inFlight;
    inFlight = null;
  }
  return total;
}
