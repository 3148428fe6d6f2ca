/**
 * The month's report, live: re-made whenever a record it reads changes. Only the rows that can
 * change the month are read (loadMonthBook), the same figures as over the whole book.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { monthlyReport, type MonthlyReport } from '../../../../shared/domain/report';
import { useDatabase } from '../../../data/DataContext';
import { loadMonthBook } from './reportData';

export function useMonthlyReport(month: string, today: string): MonthlyReport | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () => monthlyReport(await loadMonthBook(db, month, today), month, today),
    [db, month, today],
  );
}
