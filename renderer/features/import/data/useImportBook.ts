/** What the import screen asks of the book: the clients a file's rows may duplicate, and the mappings remembered per file layout. */
import { useMemo } from 'react';
import type { ColumnMapping } from '../../../../shared/importing';
import { useDatabase } from '../../../data/DataContext';
import { existingClients, rememberedMapping, rememberMapping } from './importer';

export function useImportBook() {
  const db = useDatabase();
  return useMemo(
    () => ({
      existingClients: () => existingClients(db),
      rememberedMapping: (signature: string) => rememberedMapping(db, signature),
      rememberMapping: (signature: string, mapping: ColumnMapping) =>
        rememberMapping(db, signature, mapping),
    }),
    [db],
  );
}
