import type { FieldbookDb } from '../../../renderer/data/db';
import { readBackup, writeBackup } from '../../../renderer/features/backup/data/backup';

/**
 * A restore as Settings runs it, less the rep's confirmation in between: the file is checked
 * whole (readBackup), then the book is replaced (writeBackup); a refused file touches nothing.
 */
export async function restoreBackup(db: FieldbookDb, text: string) {
  const parsed = await readBackup(text);
  if (!parsed.ok) return parsed;
  const counts = await writeBackup(db, parsed.backup);
  return { ok: true as const, counts, exportedAt: parsed.backup.exportedAt };
}
