/**
 * bookNeedsUpgrade (renderer/data/open.ts): true exactly when the book on disk was written by an
 * older schema, so the window can say why the first start after an update is slow.
 */
import { describe, expect, it } from 'vitest';
import { createDb } from '../../renderer/data/db';
import { bookNeedsUpgrade, openDatabase } from '../../renderer/data/open';
import { CURRENT_SCHEMA_VERSION, SCHEMA_VERSIONS } from '../../renderer/data/schema';

const fresh = () => `open-upgrade-${Math.random()}`;

describe('whether opening the book will upgrade it', () => {
  it('a book of every older schema version needs the upgrade; once opened, it does not', async () => {
    for (const v of SCHEMA_VERSIONS.filter((s) => s.version < CURRENT_SCHEMA_VERSION)) {
      const name = fresh();
      const old = createDb(
        name,
        SCHEMA_VERSIONS.filter((s) => s.version <= v.version),
      );
      await old.open();
      old.close();
      expect(await bookNeedsUpgrade(name), `from v${v.version}`).toBe(true);
      const db = await openDatabase(name);
      db.close();
      expect(await bookNeedsUpgrade(name)).toBe(false);
      await db.delete();
    }
  });

  it('a book that does not exist yet needs none', async () => {
    expect(await bookNeedsUpgrade(fresh())).toBe(false);
  });
});
