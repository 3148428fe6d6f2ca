/**
 * Which problems a month's report reads, kept: each problem's marks ('open' while it is open, the
 * month it was opened, the month its status last changed; shared/domain/reportBounds.ts
 * problemMarks), in their own store (`reportProblems`, multi-entry index on the marks), moved in the
 * same transaction as every write to `problems`. The report asks the index for its month's marks
 * and reads those problems only, instead of every problem (issue 12: 2.3 s for 23k at 50k clients).
 *
 * Comes with schema version 5 (upgrade: fillReportProblems); createDb installs the middleware. If
 * the keeping fails, the write still goes in and a mark in `meta` makes the report read every
 * problem (`reportProblemsTrusted`).
 */
import {
  RangeSet,
  type DBCore,
  type DBCoreMutateRequest,
  type DBCoreMutateResponse,
  type Middleware,
  type Transaction,
} from 'dexie';
import type { Problem } from '../../shared/domain';
import { problemMarks } from '../../shared/domain/reportBounds';
import type { FieldbookDb } from './dbTypes';
import { keysOfWrite, queuePerTransaction, rowsAfterWrite } from './keptWrites';

export const REPORT_PROBLEMS = 'reportProblems';
export const REPORT_PROBLEMS_STORE = 'id, *marks';
export const REPORT_PROBLEMS_STALE = 'reportProblems.stale';

export interface ReportProblemRow {
  /** The problem's id. */
  id: string;
  marks: string[];
}

const rowOf = (p: Problem): ReportProblemRow => ({ id: p.id, marks: problemMarks(p) });

export function reportProblemsMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'reportProblems',
    level: -2,
    create(down) {
      if (!down.schema.tables.some((t) => t.name === REPORT_PROBLEMS)) return down;
      const queue = queuePerTransaction();
      const keptPart = `idb://${down.schema.name}/${REPORT_PROBLEMS}/`;
      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode !== 'readwrite' || !stores.includes('problems'))
            return down.transaction(stores, mode, options);
          const widened = new Set([...stores, REPORT_PROBLEMS, 'meta']);
          return down.transaction([...widened], mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name !== 'problems') return table;
          const kept = down.table(REPORT_PROBLEMS);
          const keep = async (req: DBCoreMutateRequest) => {
            const { trans } = req;
            const scope = (trans as unknown as IDBTransaction).objectStoreNames;
            if (scope && !scope.contains(REPORT_PROBLEMS)) return table.mutate(req);
            const keys = await keysOfWrite(table, req);
            const result: DBCoreMutateResponse = await table.mutate(req);
            try {
              const after = await rowsAfterWrite(table, req, result, keys);
              const put = [...after.values()].map((p) => rowOf(p as Problem));
              const gone = keys.filter((k) => !after.has(k));
              if (put.length > 0) await kept.mutate({ type: 'put', trans, values: put });
              if (gone.length > 0) await kept.mutate({ type: 'delete', trans, keys: gone });
              if (keys.length > 0 && req.mutatedParts)
                req.mutatedParts[keptPart] = new RangeSet(down.MIN_KEY, down.MAX_KEY);
            } catch {
              await down.table('meta').mutate({
                type: 'put',
                trans,
                values: [{ key: REPORT_PROBLEMS_STALE, value: true }],
              });
            }
            return result;
          };
          return { ...table, mutate: (req) => queue(req.trans, () => keep(req)) };
        },
      };
    },
  };
}

/** The upgrade step of schema version 5: every problem's marks. */
export async function fillReportProblems(tx: Transaction): Promise<void> {
  const problems: Problem[] = await tx.table('problems').toArray();
  const table = tx.table(REPORT_PROBLEMS);
  await table.clear();
  await table.bulkPut(problems.map(rowOf));
  await tx.table('meta').delete(REPORT_PROBLEMS_STALE);
}

export function reportProblems(db: FieldbookDb) {
  return db.table<ReportProblemRow>(REPORT_PROBLEMS);
}

export const hasReportProblems = (db: FieldbookDb) =>
  db.tables.some((t) => t.name === REPORT_PROBLEMS);

/** Whether the report may read the kept marks: the store is there and its keeping never failed. */
export async function reportProblemsTrusted(db: FieldbookDb): Promise<boolean> {
  if (!hasReportProblems(db)) return false;
  return (await db.meta.get(REPORT_PROBLEMS_STALE)) === undefined;
}
