import { ComingNextPage } from '../../app/ComingNextPage';

export function SyncPage() {
  return <ComingNextPage titleKey="sync.title" />;
}
