/** The backup screen's commands over the open book. */
import { useMemo } from 'react';
import type { BackupContent } from '../../../../shared/backup';
import { useDatabase } from '../../../data/DataContext';
import { beforeRisk } from '../../../data/journal';
import { exportBackup, writeBackup } from './backup';

export function useBackup() {
  const db = useDatabase();
  return useMemo(
    () => ({
      exportBackup: () => exportBackup(db),
      writeBackup: async (backup: BackupContent) => {
        // The book being replaced is kept as a local backup first (issue 15).
        await beforeRisk(db, 'before_restore');
        return writeBackup(db, backup);
      },
    }),
    [db],
  );
}
