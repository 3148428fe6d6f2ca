import Dexie, { type Table } from 'dexie';
import type { Conflict, RecordOf, SyncedTable } from '../../shared/domain';
import type { OutboxOp } from '../../shared/sync/outbox';
import { journalMiddleware } from './journal';
import { SCHEMA_VERSIONS, type SchemaVersion } from './schema';

export const DB_NAME = 'fieldbook';

/** Small local facts: device identity, the last clock stamp, the outbox sequence, the session. */
export interface MetaRow {
  key: string;
  value: unknown;
}

type SyncedTables = { [T in SyncedTable]: Table<RecordOf<T>, string> };

export interface FieldbookDb extends Dexie, SyncedTables {
  conflicts: Table<Conflict, string>;
  outbox: Table<OutboxOp, number>;
  meta: Table<MetaRow, string>;
}

/** Opens (lazily) the database with the given schema versions; tests pass fewer to build old ones. */
export function createDb(name = DB_NAME, versions: SchemaVersion[] = SCHEMA_VERSIONS): FieldbookDb {
  const db = new Dexie(name) as FieldbookDb;
  for (const v of versions) {
    const declared = db.version(v.version).stores(v.stores);
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
  // Every committed outbox row also goes to the durable journal, when one is attached.
  db.use(journalMiddleware(db));
  return db;
}
