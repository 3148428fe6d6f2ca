/** The month's report over the whole book, live: re-made whenever a record it reads changes. */
import { useLiveQuery } from 'dexie-react-hooks';
import { monthlyReport, type MonthlyReport } from '../../../../shared/domain/report';
import { useDatabase } from '../../../data/DataContext';
import { loadReportBook } from './reportData';

export function useMonthlyReport(month: string, today: string): MonthlyReport | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () => monthlyReport(await loadReportBook(db), month, today),
    [db, month, today],
  );
}
