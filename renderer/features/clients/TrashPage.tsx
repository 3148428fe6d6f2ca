import { ComingNextPage } from '../../app/ComingNextPage';

export function TrashPage() {
  return <ComingNextPage titleKey="nav.trash" />;
}
