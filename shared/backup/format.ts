import type { z } from 'zod';
import { SYNCED_SCHEMAS } from '../domain';
import { CadenceSettingsSchema, type CadenceSettings } from '../domain/cadence';
import { ConflictSchema } from '../domain/conflict';
import { TimestampSchema } from '../domain/common';
import { canonicalJson } from './canonical-json';
import { sha256, toHex } from './sha256';

/**
 * The full-backup file: one JSON document with a format marker, the database schema version it
 * was taken from, and a SHA-256 checksum over the canonical JSON of everything else. A restore
 * validates all of it (marker, version, checksum, every record against its schema) before the
 * caller writes anything, so a damaged or too-new file is refused whole, never half-restored.
 *
 * Format 2 adds the rep's settings that shape the book (contact cadence), signed like the rest.
 * A format-1 file has none and still restores; a format-2 file refused by an app that reads only
 * format 1 is refused as newer, not as damaged.
 */
const BACKUP_FORMAT = 'fieldbook-backup';
export const BACKUP_FORMAT_VERSION = 2;

export type BackupTables = Record<string, unknown[]>;

/** The rep's settings a backup carries, each section optional (older files have none). */
export interface BackupSettings {
  cadence?: CadenceSettings;
}

export interface BackupContent {
  schemaVersion: number;
  exportedAt: string;
  tables: BackupTables;
  /** Absent in files of format 1. */
  settings?: BackupSettings;
}

/** SHA-256 of the bytes. Default: our own; the app may pass crypto.subtle's, which is async. */
export type Digest = (bytes: Uint8Array) => Uint8Array | Promise<Uint8Array>;

export const BACKUP_ERROR_CODES = [
  'not_a_backup',
  'corrupted',
  'newer_version',
  'unknown_table',
  'invalid_record',
  'invalid_settings',
] as const;
export type BackupErrorCode = (typeof BACKUP_ERROR_CODES)[number];
interface BackupError {
  code: BackupErrorCode;
  params: Record<string, string | number>;
}

/** Every table a backup may hold and the schema its records must pass. */
const BACKUP_SCHEMAS: Record<string, z.ZodType> = {
  ...SYNCED_SCHEMAS,
  conflicts: ConflictSchema,
};

/** Every settings section a backup may hold and the schema it must pass. */
const BACKUP_SETTINGS_SCHEMAS: { [K in keyof Required<BackupSettings>]: z.ZodType } = {
  cadence: CadenceSettingsSchema,
};

interface TextEncoderLike {
  encode(text: string): Uint8Array;
}
const { TextEncoder } = globalThis as unknown as { TextEncoder: new () => TextEncoderLike };
const utf8 = (text: string) => new TextEncoder().encode(text);

/**
 * The checksum covers every field of the file but itself, the format version included. A file
 * without settings signs exactly what format 1 signed (an absent key is left out).
 */
async function checksumOf(
  content: BackupContent,
  formatVersion: number,
  digest: Digest,
): Promise<string> {
  const signed = {
    format: BACKUP_FORMAT,
    formatVersion,
    schemaVersion: content.schemaVersion,
    exportedAt: content.exportedAt,
    tables: content.tables,
    settings: content.settings,
  };
  return toHex(await digest(utf8(canonicalJson(signed))));
}

export async function serializeBackup(
  content: BackupContent,
  digest: Digest = sha256,
): Promise<string> {
  const checksum = await checksumOf(content, BACKUP_FORMAT_VERSION, digest);
  return canonicalJson({
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    schemaVersion: content.schemaVersion,
    exportedAt: content.exportedAt,
    checksum: { algorithm: 'SHA-256', value: checksum },
    tables: content.tables,
    settings: content.settings,
  });
}

export interface ParseBackupOptions {
  digest?: Digest;
  schemas?: Record<string, z.ZodType>;
  settingsSchemas?: Record<string, z.ZodType>;
  /** Brings tables from an older schema version up to the current one before validation. */
  upgrade?: (tables: BackupTables, fromVersion: number) => BackupTables;
}

export type ParseBackupResult =
  { ok: true; backup: BackupContent } | { ok: false; error: BackupError };

const refuse = (code: BackupErrorCode, params: BackupError['params'] = {}): ParseBackupResult => ({
  ok: false,
  error: { code, params },
});

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

export async function parseBackup(
  text: string,
  currentSchemaVersion: number,
  options: ParseBackupOptions = {},
): Promise<ParseBackupResult> {
  let file: unknown;
  try {
    file = JSON.parse(text);
  } catch {
    // Not JSON at all is "not a backup"; JSON that breaks partway through is a damaged backup.
    return refuse(text.includes(BACKUP_FORMAT) ? 'corrupted' : 'not_a_backup');
  }
  if (!isObject(file) || file.format !== BACKUP_FORMAT) return refuse('not_a_backup');
  const { formatVersion, schemaVersion, exportedAt, checksum, tables, settings } = file;
  if (
    typeof formatVersion !== 'number' ||
    typeof schemaVersion !== 'number' ||
    !Number.isInteger(schemaVersion)
  ) {
    return refuse('corrupted');
  }
  if (formatVersion > BACKUP_FORMAT_VERSION || schemaVersion > currentSchemaVersion) {
    return refuse('newer_version', {
      fileVersion: schemaVersion,
      appVersion: currentSchemaVersion,
    });
  }
  if (
    typeof exportedAt !== 'string' ||
    !TimestampSchema.safeParse(exportedAt).success ||
    !isObject(checksum) ||
    checksum.algorithm !== 'SHA-256' ||
    !isObject(tables) ||
    !Object.values(tables).every(Array.isArray) ||
    (settings !== undefined && (formatVersion < 2 || !isObject(settings)))
  ) {
    return refuse('corrupted');
  }
  const content: BackupContent = {
    schemaVersion,
    exportedAt,
    tables: tables as BackupTables,
    settings: settings as BackupSettings | undefined,
  };
  const expected = await checksumOf(content, formatVersion, options.digest ?? sha256);
  if (checksum.value !== expected) return refuse('corrupted');

  const upgraded =
    schemaVersion < currentSchemaVersion && options.upgrade
      ? options.upgrade(content.tables, schemaVersion)
      : content.tables;
  const schemas = options.schemas ?? BACKUP_SCHEMAS;
  for (const [table, records] of Object.entries(upgraded)) {
    const schema = schemas[table];
    if (!schema) return refuse('unknown_table', { table });
    const ids = new Set<string>();
    for (let index = 0; index < records.length; index++) {
      const record = records[index];
      const result = schema.safeParse(record);
      const id = isObject(record) && typeof record.id === 'string' ? record.id : '';
      if (!result.success) {
        const issue = result.error.issues[0];
        return refuse('invalid_record', {
          table,
          index,
          id,
          field: issue?.path.join('.') ?? '',
          reason: issue?.message ?? '',
        });
      }
      if (id !== '') {
        if (ids.has(id))
          return refuse('invalid_record', {
            table,
            index,
            id,
            field: 'id',
            reason: 'duplicate id',
          });
        ids.add(id);
      }
    }
  }
  const checkedSettings = checkSettings(
    content.settings,
    options.settingsSchemas ?? BACKUP_SETTINGS_SCHEMAS,
  );
  if (!checkedSettings.ok) return checkedSettings;
  return {
    ok: true,
    backup: {
      schemaVersion,
      exportedAt,
      tables: upgraded,
      ...(checkedSettings.settings && { settings: checkedSettings.settings }),
    },
  };
}

/** Every settings section must be one this version knows and pass its schema whole. */
function checkSettings(
  settings: BackupSettings | undefined,
  schemas: Record<string, z.ZodType>,
): { ok: true; settings: BackupSettings | undefined } | { ok: false; error: BackupError } {
  if (settings === undefined) return { ok: true, settings };
  const checked: Record<string, unknown> = {};
  for (const [section, value] of Object.entries(settings)) {
    const schema = schemas[section];
    if (!schema)
      return {
        ok: false,
        error: { code: 'unknown_table', params: { table: `settings.${section}` } },
      };
    const result = schema.safeParse(value);
    if (!result.success) {
      const issue = result.error.issues[0];
      return {
        ok: false,
        error: {
          code: 'invalid_settings',
          params: {
            section,
            field: issue?.path.join('.') ?? '',
            reason: issue?.message ?? '',
          },
        },
      };
    }
    checked[section] = result.data;
  }
  return { ok: true, settings: checked as BackupSettings };
}
