/** The trash screen's live reads. */
import { useLiveQuery } from 'dexie-react-hooks';
import { useDatabase } from '../../../data/DataContext';
import {
  listTrashedClients,
  listTrashedRecords,
  type TrashedClient,
  type TrashedRecord,
} from './trash';

export function useTrashedClients(): TrashedClient[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => listTrashedClients(db), [db]);
}

export function useTrashedRecords(): TrashedRecord[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => listTrashedRecords(db), [db]);
}
