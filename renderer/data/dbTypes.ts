/**
 * The database's shape, apart from db.ts which builds it: the journal and the device module need
 * the type, and db.ts needs the journal's middleware, so the type lives where neither is imported.
 */
import type { Dexie, Table } from 'dexie';
import type { Conflict, RecordOf, SyncedTable } from '../../shared/domain';
import type { OutboxOp } from '../../shared/sync/outbox';

/** Small local facts: device identity, the last clock stamp, the outbox sequence, the session. */
interface MetaRow {
  key: string;
  value: unknown;
}

type SyncedTables = { [T in SyncedTable]: Table<RecordOf<T>, string> };

export interface FieldbookDb extends Dexie, SyncedTables {
  conflicts: Table<Conflict, string>;
  outbox: Table<OutboxOp, number>;
  meta: Table<MetaRow, string>;
}
