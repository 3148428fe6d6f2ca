/**
 * The post-sale history the month's report reads, kept: one row per checklist run of a finished
 * post-sale visit, holding what the trend and each client's latest mood read of the visit and the
 * run (shared/domain/reportPostSale.ts), in their own store (`reportRuns`, index on the visit's
 * finish stamp), moved in the same transaction as every write to `visits` and `checklistRuns`. The
 * team view reads these small rows up to the month's end instead of every post-sale visit whole
 * and each one's run by key (issue 12: ~38k visits and ~40k runs at 50k clients).
 *
 * Comes with schema version 5 (upgrade: fillReportRuns); createDb installs the middleware. If the
 * keeping fails, the write still goes in and a mark in `meta` makes the report read the rows.
 */
import type * as Core from 'dexie';
import type { ChecklistRun, Visit } from '../../shared/domain';
import {
  isPostSaleHistory,
  postSaleHistoryRun,
  postSaleHistoryVisit,
  type PostSaleHistoryRun,
  type PostSaleHistoryVisit,
} from '../../shared/domain/reportPostSale';
import type { FieldbookDb } from './dbTypes';
import { keysOfWrite, queuePerTransaction, rowsAfterWrite, markStoreChanged } from './keptWrites';

export const REPORT_RUNS = 'reportRuns';
export const REPORT_RUNS_STORE = 'id, finishedAt';
export const REPORT_RUNS_STALE = 'reportRuns.stale';

export interface ReportRunRow {
  /** The run's id. */
  id: string;
  /** The visit's finish stamp, as written: the report's months compare it as a string. */
  finishedAt: string;
  visit: PostSaleHistoryVisit;
  run: PostSaleHistoryRun;
}

const FOLLOWED: readonly string[] = ['visits', 'checklistRuns'];

/** The kept row of a run on its visit; null when the visit cannot count (or is not there). */
function rowOf(run: ChecklistRun, visit: Visit | undefined): ReportRunRow | null {
  if (!visit || !isPostSaleHistory(visit)) return null;
  return {
    id: run.id,
    finishedAt: visit.finishedAt!,
    visit: postSaleHistoryVisit(visit),
    run: postSaleHistoryRun(run),
  };
}

/** What of a visit its runs' rows depend on. */
const shapeOf = (v: Visit | undefined) =>
  v && isPostSaleHistory(v) ? JSON.stringify(postSaleHistoryVisit(v)) : null;

const equalRange = (key: string): Core.DBCoreKeyRange =>
  ({ type: 1 /* DBCoreRangeType.Equal */, lower: key, upper: key }) as Core.DBCoreKeyRange;

async function keepRuns(
  down: Core.DBCore,
  req: Core.DBCoreMutateRequest,
  result: Core.DBCoreMutateResponse,
  keys: string[],
) {
  const { trans } = req;
  const after = await rowsAfterWrite(down.table('checklistRuns'), req, result, keys);
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

async function keepVisits(
  down: Core.DBCore,
  req: Core.DBCoreMutateRequest,
  result: Core.DBCoreMutateResponse,
  keys: string[],
  before: (Visit | undefined)[],
) {
  const { trans } = req;
  const after = await rowsAfterWrite(down.table('visits'), req, result, keys);
  // Only a visit whose counted shape changed (a closing visit never has one) moves its runs' rows.
  const moved = keys.filter(
    (k, i) => shapeOf(before[i]) !== shapeOf(after.get(k) as Visit | undefined),
  );
  const runs = down.table('checklistRuns');
  const index = runs.schema.getIndexByKeyPath('visitId') as Core.DBCoreIndex;
  const found = await Promise.all(
    moved.map((k) => runs.query({ trans, values: true, query: { index, range: equalRange(k) } })),
  );
  const put: ReportRunRow[] = [];
  const gone: string[] = [];
  moved.forEach((k, i) => {
    for (const r of found[i]!.result as ChecklistRun[]) {
      const row = rowOf(r, after.get(k) as Visit | undefined);
      if (row) put.push(row);
      else gone.push(r.id);
    }
  });
  return { put, gone };
}

export function reportRunsMiddleware(): Core.Middleware<Core.DBCore> {
  return {
    stack: 'dbcore',
    name: 'reportRuns',
    level: -2,
    create(down) {
      if (!down.schema.tables.some((t) => t.name === REPORT_RUNS)) return down;
      const queue = queuePerTransaction();
      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode !== 'readwrite' || !stores.some((s) => FOLLOWED.includes(s)))
            return down.transaction(stores, mode, options);
          const widened = new Set([...stores, ...FOLLOWED, REPORT_RUNS, 'meta']);
          return down.transaction([...widened], mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!FOLLOWED.includes(name)) return table;
          const kept = down.table(REPORT_RUNS);
          const keep = async (req: Core.DBCoreMutateRequest) => {
            const { trans } = req;
            const scope = (trans as unknown as IDBTransaction).objectStoreNames;
            if (scope && !scope.contains(REPORT_RUNS)) return table.mutate(req);
            const keys = await keysOfWrite(table, req);
            const before =
              name === 'visits' && keys.length > 0
                ? ((await table.getMany({ trans, keys })) as (Visit | undefined)[])
                : [];
            const result = await table.mutate(req);
            try {
              if (keys.length === 0) return result;
              const { put, gone } =
                name === 'visits'
                  ? await keepVisits(down, req, result, keys, before)
                  : await keepRuns(down, req, result, keys);
              if (put.length > 0) await kept.mutate({ type: 'put', trans, values: put });
              if (gone.length > 0) await kept.mutate({ type: 'delete', trans, keys: gone });
              if (put.length + gone.length > 0) markStoreChanged(down, REPORT_RUNS, req);
            } catch {
              await markStale(down, trans);
            }
            return result;
          };
          return { ...table, mutate: (req) => queue(req.trans, () => keep(req)) };
        },
      };
    },
  };
}

async function markStale(down: Core.DBCore, trans: Core.DBCoreTransaction) {
  await down.table('meta').mutate({
    type: 'put',
    trans,
    values: [{ key: REPORT_RUNS_STALE, value: true }],
  });
}

/** The upgrade step of schema version 5: a row for every run of a finished post-sale visit. */
export async function fillReportRuns(tx: Core.Transaction): Promise<void> {
  const visits = new Map<string, Visit>();
  const all: Visit[] = await tx.table('visits').where('kind').equals('post_sale').toArray();
  for (const v of all) if (isPostSaleHistory(v)) visits.set(v.id, v);
  const runs: ChecklistRun[] = await tx.table('checklistRuns').toArray();
  const rows: ReportRunRow[] = [];
  for (const r of runs) {
    const row = rowOf(r, visits.get(r.visitId));
    if (row) rows.push(row);
  }
  const table = tx.table(REPORT_RUNS);
  await table.clear();
  await table.bulkPut(rows);
  await tx.table('meta').delete(REPORT_RUNS_STALE);
}

export function reportRuns(db: FieldbookDb) {
  return db.table<ReportRunRow>(REPORT_RUNS);
}

export const hasReportRuns = (db: FieldbookDb) => db.tables.some((t) => t.name === REPORT_RUNS);

/** Whether the report may read the kept runs: the store is there and its keeping never failed. */
export async function reportRunsTrusted(db: FieldbookDb): Promise<boolean> {
  if (!hasReportRuns(db)) return false;
  return (await db.meta.get(REPORT_RUNS_STALE)) === undefined;
}
