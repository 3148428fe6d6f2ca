/**
 * Full backup of the rep's book to one JSON file, and restore from it. The file is checked whole
 * (format, version, checksum, every record) before anything is written; a restore then replaces
 * every table in one transaction, so the book is either the backup's or unchanged.
 *
 * Restore writes records as they were saved, bypassing the repository on purpose: it is not an
 * edit (no new clock stamps, no outbox rows), it puts back rows exactly as the backup holds them.
 * The device's identity, clock and unsent outbox stay, so the clock never goes back in time.
 * The rep's contact-cadence settings travel with the book (they decide which clients need
 * attention); a backup made before they did leaves this device's settings as they are.
 * The restore also starts a new generation of the book, so a search index stored for the book it
 * replaced is never restored (clientBookIndexStore.ts).
 */
import {
  parseBackup,
  serializeBackup,
  sha256,
  type BackupContent,
  type BackupSettings,
  type BackupTables,
  type Digest,
  type ParseBackupResult,
} from '../../../../shared/backup';
import { SYNCED_TABLES } from '../../../../shared/domain';
import type { FieldbookDb } from '../../../data/db';
import { CADENCE_SETTINGS_KEY, loadCadenceSettings } from '../../settings';
import { markBookReplaced } from '../../clients';
import { CURRENT_SCHEMA_VERSION } from '../../../data/schema';

/** Tables a backup holds: every synced table and the unresolved conflicts. */
export const BACKUP_TABLES = [...SYNCED_TABLES, 'conflicts'] as const;

/** crypto.subtle where there is one (browsers, Electron): native and off the main thread. */
const digest: Digest = async (bytes) => {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) return sha256(bytes);
  return new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
};

export async function exportBackup(db: FieldbookDb, now: Date = new Date()): Promise<string> {
  const tables: BackupTables = {};
  let settings: BackupSettings = {};
  await db.transaction('r', [...BACKUP_TABLES.map((t) => db.table(t)), db.meta], async () => {
    for (const name of BACKUP_TABLES) tables[name] = await db.table(name).toArray();
    // The settings in force, defaults included: a restore elsewhere judges the book the same.
    settings = { cadence: await loadCadenceSettings(db) };
  });
  return serializeBackup(
    { schemaVersion: CURRENT_SCHEMA_VERSION, exportedAt: now.toISOString(), tables, settings },
    digest,
  );
}

/** Checks a backup file whole; writes nothing. */
export function readBackup(text: string): Promise<ParseBackupResult> {
  return parseBackup(text, CURRENT_SCHEMA_VERSION, { digest });
}

/**
 * Replaces every table of the book with a checked backup, and the settings it carries, in one
 * transaction.
 */
export async function writeBackup(
  db: FieldbookDb,
  backup: BackupContent,
): Promise<Record<string, number>> {
  const { tables, settings } = backup;
  const counts: Record<string, number> = {};
  await db.transaction('rw', [...BACKUP_TABLES.map((t) => db.table(t)), db.meta], async () => {
    for (const name of BACKUP_TABLES) {
      const rows = tables[name] ?? [];
      await db.table(name).clear();
      await db.table(name).bulkPut(rows);
      counts[name] = rows.length;
    }
    if (settings?.cadence) {
      await db.meta.put({ key: CADENCE_SETTINGS_KEY, value: settings.cadence });
    }
    await markBookReplaced(db);
  });
  return counts;
}

/** A file name that sorts by date: fieldbook-backup-2025-06-15.json */
export function backupFileName(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `fieldbook-backup-${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}.json`;
}
