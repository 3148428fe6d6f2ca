/** A fresh database per test, filled from the deterministic demo generator when asked. */
import { collectDemoBook } from '../../../shared/demo';
import { SYNCED_TABLES } from '../../../shared/domain';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';

export const TODAY = '2025-06-15';

export async function freshDb(): Promise<FieldbookDb> {
  const db = createDb(`clients-${Math.random()}`);
  await db.open();
  return db;
}

export async function loadDemo(db: FieldbookDb, clients = 30, notes = 120): Promise<void> {
  const book = collectDemoBook({
    seed: 7,
    clients,
    notes,
    locale: 'mixed',
    ownerId: 'local',
    today: TODAY,
  });
  await db.transaction(
    'rw',
    SYNCED_TABLES.map((t) => db.table(t)),
    async () => {
      for (const table of SYNCED_TABLES) await db.table(table).bulkAdd(book[table]);
    },
  );
}

/** Every table's rows sorted by id: two databases with the same content compare equal. */
export async function snapshot(db: FieldbookDb, tables: readonly string[]) {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    out[t] = (await db.table(t).toArray()).sort((a, b) =>
      String((a as { id: string }).id).localeCompare(String((b as { id: string }).id)),
    );
  }
  return out;
}
