/**
 * The follow-ups as the month's report reads them, kept: the seven fields report.ts counts of
 * each (shared/domain/report.ts reportFollowUp), in their own store (`reportFollowUps`, index on
 * the due day), moved in the same transaction as every write to `followUps` (keptProjection.ts).
 * The team view reads the month's small rows instead of whole follow-ups (issue 12: ~60k due in
 * a month on a 50k book, 1.1 s).
 *
 * Comes with schema version 8 (upgrade: fillReportFollowUps); createDb installs the middleware.
 */
import type { Transaction } from 'dexie';
import type { FollowUp } from '../../shared/domain';
import { reportFollowUp, type ReportFollowUp } from '../../shared/domain/report';
import type { FieldbookDb } from './dbTypes';
import {
  fillProjection,
  hasProjection,
  projectionMiddleware,
  projectionTrusted,
  type Projection,
} from './keptProjection';

export const REPORT_FOLLOW_UPS = 'reportFollowUps';
export const REPORT_FOLLOW_UPS_STORE = 'id, due';
export const REPORT_FOLLOW_UPS_STALE = 'reportFollowUps.stale';

const FOLLOW_UP_FIELDS: Projection<FollowUp, ReportFollowUp> = {
  table: 'followUps',
  store: REPORT_FOLLOW_UPS,
  stale: REPORT_FOLLOW_UPS_STALE,
  project: reportFollowUp,
};

export const reportFollowUpsMiddleware = () => projectionMiddleware(FOLLOW_UP_FIELDS);

/** The upgrade step of schema version 8: every follow-up's report fields. */
export const fillReportFollowUps = (tx: Transaction) => fillProjection(FOLLOW_UP_FIELDS, tx);

export function reportFollowUps(db: FieldbookDb) {
  return db.table<ReportFollowUp>(REPORT_FOLLOW_UPS);
}

export const hasReportFollowUps = (db: FieldbookDb) => hasProjection(db, REPORT_FOLLOW_UPS);

/** Whether the report may read the kept rows: the store is there and its keeping never failed. */
export const reportFollowUpsTrusted = (db: FieldbookDb) => projectionTrusted(db, FOLLOW_UP_FIELDS);
