/** The sync state shown in the shell's top bar; nothing until sync exists. */
export function SyncStatusBadge() {
  return null;
}
