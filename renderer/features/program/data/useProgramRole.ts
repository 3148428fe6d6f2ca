/**
 * Who may publish the program on this device, from the account (never from a switch): a manager
 * signed in to the company's server publishes for the team; a rep signed in receives the
 * company's program read-only; a rep working alone (not signed in) owns the program here.
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { useDatabase } from '../../../data/DataContext';
import { readSyncMeta } from '../../../sync/state';
import {
  readUnpublishedTemplates,
  dropUnpublishedTemplate,
  type UnpublishedTemplate,
} from '../../../sync/refused';

export type ProgramRole = 'manager' | 'rep' | 'solo';

export function useProgramRole(): ProgramRole | undefined {
  const db = useDatabase();
  return useLiveQuery(async () => {
    const { account } = await readSyncMeta(db);
    return account === null ? 'solo' : account.role;
  }, [db]);
}

/** Checklists and programs written here that the server did not take (kept here unpublished). */
export function useUnpublishedTemplates(): UnpublishedTemplate[] | undefined {
  const db = useDatabase();
  return useLiveQuery(() => readUnpublishedTemplates(db), [db]);
}

export function useDropUnpublishedTemplate(): (key: string) => Promise<void> {
  const db = useDatabase();
  return (key) => dropUnpublishedTemplate(db, key);
}
