/**
 * The runs the month's report reads, kept: one row per checklist run of a finished visit, holding
 * what the report reads of the visit and the run (shared/domain/reportRuns.ts: of a post-sale run
 * the answers it counts, of any run its template and version), in their own store (`reportRuns`,
 * index on the visit's finish stamp), moved in the same transaction as every write to `visits`
 * and `checklistRuns`. The team view reads these small rows (in packs: post-sale ones up to the
 * month's end, the others of its month) instead of every post-sale visit whole, each one's run by
 * key and the month's runs by visit (issue 12: ~38k visits and ~40k runs at 50k clients; 6.5k runs
 * of the month's visits asked one by one, ~0.5 s).
 *
 * Came with schema version 7 (post-sale runs only); every finished visit's since version 12
 * (keptStore.ts: the middleware, the fill, the stale mark).
 */
import type * as Core from 'dexie';
import type { ChecklistRun, Visit } from '../../shared/domain';
import { postSaleMood } from '../../shared/domain/report';
import {
  isFinishedVisit,
  keptRun,
  keptVisit,
  type KeptRun,
  type KeptVisit,
} from '../../shared/domain/reportRuns';
import { saveKept, type KeptStore } from './keptStore';
import { packsOf } from './keptPacks';
import { keysOfWrite, rowsAfterWrite, rowsByIndex } from './keptWrites';

export interface ReportRunRow {
  /** The run's id. */
  id: string;
  /** The visit's finish stamp, as written: the report's months compare it as a string. */
  finishedAt: string;
  visit: KeptVisit;
  run: KeptRun;
}

const FOLLOWED: readonly string[] = ['visits', 'checklistRuns'];

/** The kept row of a run on its visit; null when the visit cannot count (or is not there). */
function rowOf(run: ChecklistRun, visit: Visit | undefined): ReportRunRow | null {
  if (!visit || !isFinishedVisit(visit)) return null;
  return {
    id: run.id,
    finishedAt: visit.finishedAt!,
    visit: keptVisit(visit),
    run: keptRun(run, visit.kind),
  };
}

/** What of a visit its runs' rows depend on. */
const shapeOf = (v: Visit | undefined) =>
  v && isFinishedVisit(v) ? JSON.stringify(keptVisit(v)) : null;

/** The rows of the runs written, each on its visit. */
async function keepRuns(
  down: Core.DBCore,
  trans: Core.DBCoreTransaction,
  keys: readonly string[],
  after: Map<string, unknown>,
) {
  const runs = [...after.values()] as ChecklistRun[];
  const visits = (await down.table('visits').getMany({
    trans,
    keys: runs.map((r) => r.visitId),
  })) as (Visit | undefined)[];
  const put: ReportRunRow[] = [];
  const gone = keys.filter((k) => !after.has(k));
  runs.forEach((r, i) => {
    const row = rowOf(r, visits[i]);
    if (row) put.push(row);
    else gone.push(r.id);
  });
  return { put, gone };
}

/** Only a visit whose kept shape changed moves its runs' rows. */
async function keepVisits(
  down: Core.DBCore,
  trans: Core.DBCoreTransaction,
  keys: readonly string[],
  before: readonly unknown[],
  after: Map<string, unknown>,
) {
  const moved = keys.filter(
    (k, i) =>
      shapeOf(before[i] as Visit | undefined) !== shapeOf(after.get(k) as Visit | undefined),
  );
  const found = await Promise.all(
    moved.map((k) => rowsByIndex(down, trans, 'checklistRuns', 'visitId', k)),
  );
  const put: ReportRunRow[] = [];
  const gone: string[] = [];
  moved.forEach((k, i) => {
    for (const r of found[i] as ChecklistRun[]) {
      const row = rowOf(r, after.get(k) as Visit | undefined);
      if (row) put.push(row);
      else gone.push(r.id);
    }
  });
  return { put, gone };
}

export const REPORT_RUNS: KeptStore<ReportRunRow> = {
  name: 'reportRuns',
  schema: 'id, finishedAt',
  stale: 'reportRuns.stale',
  follows: FOLLOWED,
  // A run's row reads its visit; a visit's, its runs.
  reads: () => FOLLOWED,
  async keep({ down, table: name, req, write, kept }) {
    const { trans } = req;
    const table = down.table(name);
    const keys = await keysOfWrite(table, req);
    const before = name === 'visits' && keys.length > 0 ? await table.getMany({ trans, keys }) : [];
    const result = await write(req);
    if (keys.length === 0) return false;
    const after = await rowsAfterWrite(table, req, result, keys);
    const { put, gone } =
      name === 'visits'
        ? await keepVisits(down, trans, keys, before, after)
        : await keepRuns(down, trans, keys, after);
    return saveKept(kept, req, put, gone);
  },
  // A row for every run of a finished visit.
  async build(tx) {
    const visits = new Map<string, Visit>();
    const all: Visit[] = await tx.table('visits').toArray();
    for (const v of all) if (isFinishedVisit(v)) visits.set(v.id, v);
    const runs: ChecklistRun[] = await tx.table('checklistRuns').toArray();
    const rows: ReportRunRow[] = [];
    for (const r of runs) {
      const row = rowOf(r, visits.get(r.visitId));
      if (row) rows.push(row);
    }
    return rows;
  },
};

/**
 * The group of a kept run: a post-sale visit's finish month ('2025-06'), any other visit's after
 * a mark that sorts after every month ('~2025-06'), so the post-sale history up to a month is one
 * range of packs and the other runs of a month another.
 */
export const OTHER_RUNS = '~';
export const runGroup = (r: Pick<ReportRunRow, 'visit' | 'finishedAt'>) =>
  (r.visit.kind === 'post_sale' ? '' : OTHER_RUNS) + r.finishedAt.slice(0, 7);

/**
 * The kept runs packed by the visit's finish month, 16 packs a month (schema version 9): the team
 * view reads the post-sale packs of the months up to its own and the other packs of its month.
 */
export const REPORT_RUN_PACKS = packsOf(REPORT_RUNS, {
  name: 'reportRunPacks',
  stale: 'reportRunPacks.stale',
  group: (r) => runGroup(r),
  buckets: 16,
});

/**
 * What every post-sale run says of its client's mood (postSaleMood: client, finish, its two
 * scores), five flat fields a run, in 64 packs: the latest mood of each client up to a month needs
 * every post-sale run before it, and the six months' trend the scores of its months, so the team
 * view reads these small rows instead of every post-sale run (~37k at 50k clients), and the runs'
 * packs of its own month only. Schema version 13 kept whether the mood was low; version 14 the
 * scores, for the trend.
 */
export const REPORT_MOOD_PACKS = packsOf(REPORT_RUNS, {
  name: 'reportMoodPacks',
  stale: 'reportMoodPacks.stale',
  group: () => '',
  buckets: 64,
  slim: (r: ReportRunRow) => postSaleMood(r.visit, r.run),
});
