import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FieldbookDb } from '../../../renderer/data/db';
import { BACKUP_TABLES, exportBackup, restoreBackup } from '../../../renderer/data/backup';
import { CURRENT_SCHEMA_VERSION } from '../../../renderer/data/schema';
import { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/data/clients';
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
