import Dexie from 'dexie';
import type { FieldbookDb } from './dbTypes';
import { journalMiddleware } from './journal';
import { keptStoreMiddleware } from './keptStore';
import { KEPT_STORES, SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export type { FieldbookDb } from './dbTypes';

export const DB_NAME = 'fieldbook';

/** Opens (lazily) the database with the given schema versions; tests pass fewer to build old ones. */
export function createDb(name = DB_NAME, versions: SchemaVersion[] = SCHEMA_VERSIONS): FieldbookDb {
  const db = new Dexie(name) as FieldbookDb;
  for (const v of versions) {
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
  // Every committed outbox row also goes to the durable journal, when one is attached.
  db.use(journalMiddleware(db));
  // The agenda's tally and the report's clients, problems, post-sale runs and follow-ups move with
  // their rows, in the writer's transaction (keptStore.ts).
  for (const kept of KEPT_STORES) db.use(keptStoreMiddleware(kept));
  return db;
}
