/** Settings section for the full backup export and restore; not built yet. */
export function BackupSettings() {
  return null;
}
