import { useLiveQuery } from 'dexie-react-hooks';
import { useData } from '../../app/DataContext';
import { loadClientRecords } from './data/clientBookLoader';
import type { FullClientRecords } from './data/clientSummary';

/**
 * Everything of one client, live: re-read whenever any of its records changes. Undefined while
 * loading, null when there is no such client.
 */
export function useClientCard(clientId: string): FullClientRecords | null | undefined {
  const { db } = useData();
  return useLiveQuery(
    async () => (await loadClientRecords(db, clientId))?.records ?? null,
    [db, clientId],
  );
}
