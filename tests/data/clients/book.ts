/** A fresh database per test, filled from the deterministic demo generator when asked. */
import { afterEach, beforeEach, vi } from 'vitest';
import { collectDemoBook } from '../../../shared/demo';
import { SYNCED_TABLES } from '../../../shared/domain';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import type { ClientBook } from '../../../renderer/features/clients/data/clientBook';
import { deleteBook } from '../../../renderer/features/clients/data/searchIndexCache';

export const TODAY = '2025-06-15';

export async function freshDb(): Promise<FieldbookDb> {
  const db = createDb(`clients-${Math.random()}`);
  await db.open();
  return db;
}

/**
 * Every test of the file gets a fresh database and its repository (handed to `use`); the read
 * models a test puts in the returned list are disposed after it, and the book is deleted with its
 * stored search index.
 */
export function useFreshBook(use: (fresh: { db: FieldbookDb; repo: Repository }) => void) {
  const books: ClientBook[] = [];
  let db: FieldbookDb | undefined;
  beforeEach(async () => {
    db = await freshDb();
    use({ db, repo: new Repository(db) });
  });
  afterEach(async () => {
    for (const b of books.splice(0)) b.dispose();
    if (db) await deleteBook(db);
  });
  return books;
}

/** The book's change feed is asynchronous: expectations about it are retried until they hold. */
export const eventually = (check: () => void) =>
  vi.waitFor(check, { timeout: 10_000, interval: 20 });

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
