import { ComingNextPage } from '../../app/ComingNextPage';

export function ImportPage() {
  return <ComingNextPage titleKey="nav.import" />;
}
