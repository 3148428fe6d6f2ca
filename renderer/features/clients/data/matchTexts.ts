/**
 * The stored texts a search hit may have matched in, for the snippet under a found client: the
 * texts of the field as its search document holds them (searchIndexLoader.ts
 * clientSearchDocument), so every text the index found a word in is there to show. The notes
 * are the client's own notes, its notes, visit notes, contact summaries, promised benefits,
 * problems, people's notes and retention plans; the items its purchases' item names (trashed
 * records left out).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import type { FieldbookDb } from '../../../data/db';
import { useDatabase } from '../../../data/DataContext';
import { loadClientRecords } from './clientBookLoader';
import { clientSearchDocument } from './searchIndexLoader';

export type StoredTextField = 'items' | 'notes';

export async function storedTexts(
  db: FieldbookDb,
  clientId: string,
  field: StoredTextField,
): Promise<string[]> {
  const loaded = await loadClientRecords(db, clientId);
  if (!loaded) return [];
  return clientSearchDocument(loaded.records, loaded.noteTexts)[field];
}

/** Live; an empty list while `field` is null (the hit is in the summary, nothing to read). */
export function useStoredTexts(
  clientId: string,
  field: StoredTextField | null,
): string[] | undefined {
  const db = useDatabase();
  return useLiveQuery(
    async () => (field === null ? [] : storedTexts(db, clientId, field)),
    [db, clientId, field],
  );
}
