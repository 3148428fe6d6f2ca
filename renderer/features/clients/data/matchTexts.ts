/**
 * The stored texts a search hit may have matched in, for the snippet under a found client: its
 * purchases' item names, or its notes, visit notes and contact summaries (trashed ones left out).
 */
import { useLiveQuery } from 'dexie-react-hooks';
import { isLive } from '../../../../shared/domain';
import type { FieldbookDb } from '../../../data/db';
import { useDatabase } from '../../../data/DataContext';

export type StoredTextField = 'items' | 'notes';

export async function storedTexts(
  db: FieldbookDb,
  clientId: string,
  field: StoredTextField,
): Promise<string[]> {
  if (field === 'items') {
    const purchases = await db.purchases.where('clientId').equals(clientId).toArray();
    return purchases.filter(isLive).flatMap((p) => p.items.map((i) => i.name));
  }
  const [notes, visits, contacts] = await Promise.all([
    db.notes.where('clientId').equals(clientId).toArray(),
    db.visits.where('clientId').equals(clientId).toArray(),
    db.contacts.where('clientId').equals(clientId).toArray(),
  ]);
  return [
    ...notes.filter(isLive).map((n) => n.text),
    ...visits.filter(isLive).map((v) => v.notes),
    ...contacts.filter(isLive).map((c) => c.summary),
  ];
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
