import { ComingNextPage } from '../../app/ComingNextPage';

export function ReportPage() {
  return <ComingNextPage titleKey="reports.title" />;
}
