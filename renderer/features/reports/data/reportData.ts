/** Reads what the monthly report counts (shared/domain/report.ts does the counting). */
import type { ReportBook } from '../../../../shared/domain/report';
import type { FieldbookDb } from '../../../data/db';
import { loadCadenceSettings } from '../../settings';

export async function loadReportBook(db: FieldbookDb): Promise<ReportBook> {
  const [clients, purchases, visits, checklistRuns, followUps, problems, contacts, notes, cadence] =
    await Promise.all([
      db.clients.toArray(),
      db.purchases.toArray(),
      db.visits.toArray(),
      db.checklistRuns.toArray(),
      db.followUps.toArray(),
      db.problems.toArray(),
      db.contacts.toArray(),
      db.notes.toArray(),
      loadCadenceSettings(db),
    ]);
  return {
    clients,
    purchases,
    visits,
    checklistRuns,
    followUps,
    problems,
    contacts,
    notes,
    cadence,
  };
}
