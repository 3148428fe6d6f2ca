/**
 * The follow-ups as the month's report reads them, kept: the seven fields report.ts counts of
 * each (shared/domain/report.ts reportFollowUp), in their own store (`reportFollowUps`, index on
 * the due day), moved in the same transaction as every write to `followUps` (keptStore.ts
 * projection). The team view reads the month's small rows instead of whole follow-ups (issue 12:
 * ~60k due in a month on a 50k book, 1.1 s).
 *
 * Comes with schema version 8.
 */
import type { FollowUp } from '../../shared/domain';
import { reportFollowUp, type ReportFollowUp } from '../../shared/domain/report';
import { projection } from './keptStore';
import { packsOf } from './keptPacks';

export const REPORT_FOLLOW_UPS = projection<FollowUp, ReportFollowUp>({
  name: 'reportFollowUps',
  schema: 'id, due',
  stale: 'reportFollowUps.stale',
  table: 'followUps',
  project: reportFollowUp,
});

/**
 * The kept follow-ups packed by due month, 128 packs a month (~470 rows each at 60k due in a
 * month): the team view reads its month's packs (schema version 9).
 */
export const REPORT_FOLLOW_UP_PACKS = packsOf(REPORT_FOLLOW_UPS, {
  name: 'reportFollowUpPacks',
  stale: 'reportFollowUpPacks.stale',
  group: (f) => String(f.due ?? '').slice(0, 7),
  buckets: 128,
});
