import { ComingNextPage } from '../../app/ComingNextPage';

export function VisitsPage(_props: { visitId?: string }) {
  return <ComingNextPage titleKey="visits.title" />;
}
