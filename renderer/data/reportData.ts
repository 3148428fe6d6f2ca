/** Reads what the monthly report counts (shared/domain/report.ts does the counting). */
import type { ReportBook } from '../../shared/domain/report';
import type { FieldbookDb } from './db';

export async function loadReportBook(db: FieldbookDb): Promise<ReportBook> {
  const [clients, purchases, visits, checklistRuns, followUps, problems, contacts, notes] =
    await Promise.all([
      db.clients.toArray(),
      db.purchases.toArray(),
      db.visits.toArray(),
      db.checklistRuns.toArray(),
      db.followUps.toArray(),
      db.problems.toArray(),
      db.contacts.toArray(),
      db.notes.toArray(),
    ]);
  return { clients, purchases, visits, checklistRuns, followUps, problems, contacts, notes };
}
