/**
 * Which problems a month's report reads, kept: each problem's marks ('open' while it is open, the
 * month it was opened, the month its status last changed; shared/domain/reportBounds.ts
 * problemMarks) and, since schema version 11, the fields the report reads of it (report.ts
 * reportProblem), in their own store (`reportProblems`, multi-entry index on the marks), moved in
 * the same transaction as every write to `problems` (keptStore.ts projection). The report asks the
 * index for its month's marks and reads those rows only, instead of every problem (issue 12: 2.3 s
 * for 23k at 50k clients), and no problem by key after them (0.24 s for ~5k).
 *
 * Comes with schema version 5.
 */
import type { Problem } from '../../shared/domain';
import { reportProblem, type ReportProblem } from '../../shared/domain/report';
import { problemMarks } from '../../shared/domain/reportBounds';
import { projection } from './keptStore';

export interface ReportProblemRow {
  /** The problem's id. */
  id: string;
  marks: string[];
  problem: ReportProblem;
}

export const REPORT_PROBLEMS = projection<Problem, ReportProblemRow>({
  name: 'reportProblems',
  schema: 'id, *marks',
  stale: 'reportProblems.stale',
  table: 'problems',
  project: (p) => ({ id: p.id, marks: problemMarks(p), problem: reportProblem(p) }),
});
