/**
 * Which problems a month's report reads, kept: each problem's marks ('open' while it is open, the
 * month it was opened, the month its status last changed; shared/domain/reportBounds.ts
 * problemMarks), in their own store (`reportProblems`, multi-entry index on the marks), moved in the
 * same transaction as every write to `problems` (keptProjection.ts). The report asks the index for
 * its month's marks and reads those problems only, instead of every problem (issue 12: 2.3 s for
 * 23k at 50k clients).
 *
 * Comes with schema version 5 (upgrade: fillReportProblems); createDb installs the middleware.
 */
import type { Transaction } from 'dexie';
import type { Problem } from '../../shared/domain';
import { problemMarks } from '../../shared/domain/reportBounds';
import type { FieldbookDb } from './dbTypes';
import {
  fillProjection,
  hasProjection,
  projectionMiddleware,
  projectionTrusted,
  type Projection,
} from './keptProjection';

export const REPORT_PROBLEMS = 'reportProblems';
export const REPORT_PROBLEMS_STORE = 'id, *marks';
export const REPORT_PROBLEMS_STALE = 'reportProblems.stale';

export interface ReportProblemRow {
  /** The problem's id. */
  id: string;
  marks: string[];
}

const PROBLEM_MARKS: Projection<Problem, ReportProblemRow> = {
  table: 'problems',
  store: REPORT_PROBLEMS,
  stale: REPORT_PROBLEMS_STALE,
  project: (p) => ({ id: p.id, marks: problemMarks(p) }),
};

export const reportProblemsMiddleware = () => projectionMiddleware(PROBLEM_MARKS);

/** The upgrade step of schema version 5: every problem's marks. */
export const fillReportProblems = (tx: Transaction) => fillProjection(PROBLEM_MARKS, tx);

export function reportProblems(db: FieldbookDb) {
  return db.table<ReportProblemRow>(REPORT_PROBLEMS);
}

export const hasReportProblems = (db: FieldbookDb) => hasProjection(db, REPORT_PROBLEMS);

/** Whether the report may read the kept marks: the store is there and its keeping never failed. */
export const reportProblemsTrusted = (db: FieldbookDb) => projectionTrusted(db, PROBLEM_MARKS);
