/** The backup section that Settings mounts. */
export { BackupSettings } from './BackupSettings';
/** Backups as data, for the automatic local backups and the recovery (features/storage). */
export { exportBackup, readBackup, writeBackup } from './data/backup';
