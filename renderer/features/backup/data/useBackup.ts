/** The backup screen's commands over the open book. */
import { useMemo } from 'react';
import type { BackupContent } from '../../../../shared/backup';
import { useDatabase } from '../../../data/DataContext';
import { exportBackup, writeBackup } from './backup';

export function useBackup() {
  const db = useDatabase();
  return useMemo(
    () => ({
      exportBackup: () => exportBackup(db),
      writeBackup: (backup: BackupContent) => writeBackup(db, backup),
    }),
    [db],
  );
}
