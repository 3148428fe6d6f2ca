/** The backup section that Settings mounts. */
export { BackupSettings } from './BackupSettings';
