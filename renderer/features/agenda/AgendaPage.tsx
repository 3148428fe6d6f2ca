import { ComingNextPage } from '../../app/ComingNextPage';

export function AgendaPage() {
  return <ComingNextPage titleKey="agenda.title" />;
}
