/**
 * The team's month, live (shared/domain/report.ts teamReport), over the rows that can change it
 * (loadMonthBook: the month's, not the manager's whole book); the same figures as over every row.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { teamReport, type TeamReport } from '../../../../shared/domain/report';
import { useDatabase } from '../../../data/DataContext';
import { loadMonthBook } from '../../reports';

export interface TeamMonth {
  report: TeamReport;
  /** Client names by id, for the lists that open a card. */
  clientNames: Map<string, string>;
}

export function useTeamReport(month: string, today: string): TeamMonth | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const book = await loadMonthBook(db, month, today);
    return {
      report: teamReport(book, month, today),
      clientNames: new Map(book.clients.map((c) => [c.id, c.name])),
    };
  }, [db, month, today]);
}
