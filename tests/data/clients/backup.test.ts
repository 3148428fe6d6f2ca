import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldbookDb } from '../../../renderer/data/db';
import { BACKUP_TABLES, exportBackup } from '../../../renderer/features/backup/data/backup';
import { restoreBackup } from './restore';
import { CURRENT_SCHEMA_VERSION } from '../../../renderer/data/schema';
import { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import {
  CADENCE_SETTINGS_KEY,
  loadCadenceSettings,
  saveCadenceSettings,
} from '../../../renderer/features/settings/data/cadenceSettings';
import {
  canonicalJson,
  serializeBackup,
  sha256,
  toHex,
  type BackupContent,
} from '../../../shared/backup';
import { DEFAULT_CADENCE_SETTINGS, type CadenceSettings } from '../../../shared/domain/cadence';
import { freshDb, loadDemo, snapshot } from './book';

let db: FieldbookDb;
beforeEach(async () => {
  db = await freshDb();
});
afterEach(async () => {
  await db.delete();
});

describe('backup export and restore', () => {
  it('export → wipe → restore gives back an identical book, table by table', async () => {
    await loadDemo(db);
    const before = await snapshot(db, BACKUP_TABLES);
    expect(before.clients!.length).toBe(30);
    const file = await exportBackup(db);

    await db.transaction(
      'rw',
      BACKUP_TABLES.map((t) => db.table(t)),
      async () => {
        for (const t of BACKUP_TABLES) await db.table(t).clear();
      },
    );
    expect(await db.clients.count()).toBe(0);

    const result = await restoreBackup(db, file);
    expect(result.ok).toBe(true);
    expect(await snapshot(db, BACKUP_TABLES)).toEqual(before);
  });

  it('restore replaces what was there: a client added after the backup is gone afterwards', async () => {
    await loadDemo(db, 5, 10);
    const file = await exportBackup(db);
    const repo = new Repository(db);
    const later = await repo.create('clients', { ...emptyClientDraft(), name: 'Added later' });
    await restoreBackup(db, file);
    expect(await db.clients.get(later.id)).toBeUndefined();
    expect(await db.clients.count()).toBe(5);
  });

  it('a file with one changed character is refused as corrupted and nothing is written', async () => {
    await loadDemo(db, 5, 10);
    const file = await exportBackup(db);
    const before = await snapshot(db, BACKUP_TABLES);
    const name = (await db.clients.toArray())[0]!.name;
    const tampered = file.replace(name, `${name}X`);
    expect(tampered).not.toBe(file);
    await db.clients.clear();
    const result = await restoreBackup(db, tampered);
    expect(result).toMatchObject({ ok: false, error: { code: 'corrupted' } });
    expect(await db.clients.count()).toBe(0);
    expect((await snapshot(db, ['people'])).people).toEqual(before.people);
  });

  it('a backup from a newer schema version is refused before anything is written', async () => {
    await loadDemo(db, 3, 5);
    const file = await exportBackup(db);
    const newer = file.replace(
      `"schemaVersion":${CURRENT_SCHEMA_VERSION}`,
      `"schemaVersion":${CURRENT_SCHEMA_VERSION + 1}`,
    );
    expect(newer).not.toBe(file);
    await db.clients.clear();
    const result = await restoreBackup(db, newer);
    expect(result).toMatchObject({ ok: false, error: { code: 'newer_version' } });
    expect(await db.clients.count()).toBe(0);
  });

  it('a file that is not a backup at all is refused as such', async () => {
    const result = await restoreBackup(db, 'name;phone\nРомашка;+7 912 345-67-89\n');
    expect(result).toMatchObject({ ok: false, error: { code: 'not_a_backup' } });
  });
});

const REP_CADENCE: CadenceSettings = {
  defaultDays: 21,
  byStatus: { active: 10, at_risk: 3, lost: 120 },
  byTag: { опт: 5 },
};

/** The same backup as the app wrote it before settings travelled with it (format 1). */
function asFormatOne(file: string): string {
  const {
    checksum: _checksum,
    settings: _settings,
    ...rest
  } = JSON.parse(file) as Record<string, unknown>;
  const signed = { ...rest, formatVersion: 1 };
  const value = toHex(sha256(new TextEncoder().encode(canonicalJson(signed))));
  return canonicalJson({ ...signed, checksum: { algorithm: 'SHA-256', value } });
}

describe('backup and the contact-cadence settings', () => {
  it('export → other settings and a wiped book → restore gives back the settings too', async () => {
    await loadDemo(db, 5, 10);
    await saveCadenceSettings(db, REP_CADENCE);
    const file = await exportBackup(db);

    await saveCadenceSettings(db, { defaultDays: 60, byStatus: {}, byTag: { розница: 45 } });
    await db.clients.clear();
    const result = await restoreBackup(db, file);
    expect(result.ok).toBe(true);
    expect(await loadCadenceSettings(db)).toEqual(REP_CADENCE);
    expect(await db.clients.count()).toBe(5);
  });

  it('a rep who never changed the settings backs up the defaults, and a restore puts them back', async () => {
    const file = await exportBackup(db);
    expect((JSON.parse(file) as { settings: unknown }).settings).toEqual({
      cadence: DEFAULT_CADENCE_SETTINGS,
    });
    await saveCadenceSettings(db, REP_CADENCE);
    expect((await restoreBackup(db, file)).ok).toBe(true);
    expect(await loadCadenceSettings(db)).toEqual(DEFAULT_CADENCE_SETTINGS);
  });

  it('an older backup without settings still restores and leaves this device’s settings', async () => {
    await loadDemo(db, 4, 8);
    const before = await snapshot(db, BACKUP_TABLES);
    const old = asFormatOne(await exportBackup(db));
    expect(old).not.toContain('"settings"');
    await saveCadenceSettings(db, REP_CADENCE);
    await db.clients.clear();

    const result = await restoreBackup(db, old);
    expect(result.ok).toBe(true);
    expect(await snapshot(db, BACKUP_TABLES)).toEqual(before);
    expect(await loadCadenceSettings(db)).toEqual(REP_CADENCE);
  });

  it('a backup with invalid settings is refused whole: neither records nor settings change', async () => {
    await loadDemo(db, 4, 8);
    await saveCadenceSettings(db, REP_CADENCE);
    const file = JSON.parse(await exportBackup(db)) as Record<string, unknown>;
    const {
      checksum: _checksum,
      formatVersion: _formatVersion,
      format: _format,
      ...content
    } = file;
    const broken = await serializeBackup({
      ...(content as unknown as BackupContent),
      settings: { cadence: { ...REP_CADENCE, defaultDays: -3 } },
    });
    await db.clients.clear();
    const result = await restoreBackup(db, broken);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid_settings' } });
    expect(await db.clients.count()).toBe(0);
    expect((await db.meta.get(CADENCE_SETTINGS_KEY))?.value).toEqual(REP_CADENCE);
  });
});
