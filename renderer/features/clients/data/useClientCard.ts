import { useLiveQuery } from 'dexie-react-hooks';
import { useDatabase } from '../../../data/DataContext';
import { loadClientRecords } from './clientBookLoader';
import type { FullClientRecords } from './clientSummary';

/**
 * Everything of one client, live: re-read whenever any of its records changes. Undefined while
 * loading, null when there is no such client.
 */
export function useClientCard(clientId: string): FullClientRecords | null | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () => (await loadClientRecords(db, clientId))?.records ?? null,
    [db, clientId],
  );
}
