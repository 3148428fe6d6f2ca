/**
 * Kept stores: small rows derived from the tables they follow (the agenda's tally, the report's
 * clients, problems, post-sale runs and follow-ups), moved in the same transaction as every write
 * to those tables by one DBCore middleware each, built from a description (`KeptStore`). Each kept
 * store's own file says only what its rows are and how one write moves them; what every kept store
 * does alike lives here once: widening the writer's transaction, running one transaction's writes
 * one after another, telling live queries, marking the store stale when the keeping fails, filling
 * it in the schema version that adds it, and the reader's checks.
 *
 * The middleware sits right above IndexedDB (level -2: under Dexie's observability layer at 0 and
 * its value cache at -1), so its reads and writes go straight to IndexedDB in the writer's
 * transaction, and the store's change is added to the parts that write reports, so live queries
 * over the store run again (keptWrites.ts markStoreChanged).
 */
import type * as Core from 'dexie';
import type { FieldbookDb } from './dbTypes';
import {
  keysOfWrite,
  markStoreChanged,
  markTableChanged,
  queuePerTransaction,
  rowsAfterWrite,
} from './keptWrites';

/** One write to a followed table, as the kept store's `keep` sees it. */
export interface KeptWrite {
  /** IndexedDB, below Dexie's layers, in the writer's transaction. */
  down: Core.DBCore;
  /** The followed table written to. */
  table: string;
  req: Core.DBCoreMutateRequest;
  /** Runs the write itself; `keep` calls it exactly once. */
  write: (req: Core.DBCoreMutateRequest) => Promise<Core.DBCoreMutateResponse>;
  /** The kept store. */
  kept: Core.DBCoreTable;
}

export interface KeptStore<Row = unknown> {
  /** The store's name. */
  name: string;
  /** Its Dexie definition: primary key first, then indexes. */
  schema: string;
  /**
   * The key in `meta` set when keeping the store failed: the write still goes in and readers stop
   * trusting the store. Absent: a failed keeping fails the write.
   */
  stale?: string;
  /** The tables whose writes move the store. */
  follows: readonly string[];
  /** Further stores a write to `table` reads in its transaction. */
  reads?: (table: string) => readonly string[];
  /** Moves the store by one write (calling `write` once); whether the store changed. */
  keep: (w: KeptWrite) => Promise<boolean>;
  /** Every row, counted from the tables (the upgrade step of the version that adds the store). */
  build: (tx: Core.Transaction) => Promise<Row[]>;
  /**
   * Its middleware's level: -2 (right above IndexedDB, under Dexie's own layers) unless it follows
   * another kept store, which it then sits below, to see that store's writes (keptPacks.ts).
   */
  level?: number;
}

export function keptStoreMiddleware(k: KeptStore): Core.Middleware<Core.DBCore> {
  return {
    stack: 'dbcore',
    name: k.name,
    level: k.level ?? -2,
    create(down) {
      if (!down.schema.tables.some((t) => t.name === k.name)) return down;
      const queue = queuePerTransaction();
      return {
        ...down,
        transaction(stores, mode, options) {
          const followed = stores.filter((s) => k.follows.includes(s));
          if (mode !== 'readwrite' || followed.length === 0)
            return down.transaction(stores, mode, options);
          const widened = new Set([...stores, k.name]);
          if (k.stale) widened.add('meta');
          for (const s of followed) for (const r of k.reads?.(s) ?? []) widened.add(r);
          return down.transaction([...widened], mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (!k.follows.includes(name)) return table;
          const kept = down.table(k.name);
          const keep = async (req: Core.DBCoreMutateRequest) => {
            // An upgrade of an older version runs before the store exists; its fill counts all.
            const scope = (req.trans as unknown as IDBTransaction).objectStoreNames;
            if (scope && !scope.contains(k.name)) return table.mutate(req);
            let result: Core.DBCoreMutateResponse | undefined;
            const write = async (r: Core.DBCoreMutateRequest) => (result = await table.mutate(r));
            try {
              if (await k.keep({ down, table: name, req, write, kept }))
                markStoreChanged(down, k.name, req);
              return result!;
            } catch (error) {
              // The write itself failed (nothing to keep), or this store fails with its writes.
              if (result === undefined || !k.stale) throw error;
              await down
                .table('meta')
                .mutate({ type: 'put', trans: req.trans, values: [{ key: k.stale, value: true }] });
              markTableChanged(down, 'meta', req);
              return result;
            }
          };
          return { ...table, mutate: (req) => queue(req.trans, () => keep(req)) };
        },
      };
    },
  };
}

/**
 * Puts and deletes the kept rows in the writer's transaction; whether any moved. The writer's
 * `mutatedParts` go along, so a store that follows this one (keptPacks.ts) tells live queries too.
 */
export async function saveKept(
  kept: Core.DBCoreTable,
  writer: Pick<Core.DBCoreMutateRequest, 'trans' | 'mutatedParts'>,
  put: readonly unknown[],
  gone: readonly unknown[],
): Promise<boolean> {
  const { trans, mutatedParts } = writer;
  if (put.length > 0) await kept.mutate({ type: 'put', trans, values: [...put], mutatedParts });
  if (gone.length > 0) await kept.mutate({ type: 'delete', trans, keys: [...gone], mutatedParts });
  return put.length + gone.length > 0;
}

/** The upgrade step of the schema version that adds the store: every row counted afresh. */
export async function fillKeptStore(k: KeptStore, tx: Core.Transaction): Promise<void> {
  const rows = await k.build(tx);
  const table = tx.table(k.name);
  await table.clear();
  await table.bulkPut(rows);
  if (k.stale) await tx.table('meta').delete(k.stale);
}

/** The store, for a transaction's scope and for reading. */
export const keptTable = <Row>(db: FieldbookDb, k: KeptStore<Row>) => db.table<Row>(k.name);

/** Whether the database has the store (a database built with fewer versions, in tests, has not). */
export const hasKeptStore = (db: FieldbookDb, k: Pick<KeptStore, 'name'>) =>
  db.tables.some((t) => t.name === k.name);

/** Whether a reader may use the store: it is there and its keeping never failed. */
export async function keptStoreTrusted(
  db: FieldbookDb,
  k: Pick<KeptStore, 'name' | 'stale'>,
): Promise<boolean> {
  if (!hasKeptStore(db, k)) return false;
  return !k.stale || (await db.meta.get(k.stale)) === undefined;
}

/**
 * A kept projection: one small row per row of a followed table (its id, and what `project` takes
 * of it); a row that goes leaves the store.
 */
export function projection<Row, Kept extends { id: string }>(p: {
  name: string;
  schema: string;
  stale: string;
  table: string;
  project: (row: Row) => Kept;
}): KeptStore<Kept> {
  return {
    name: p.name,
    schema: p.schema,
    stale: p.stale,
    follows: [p.table],
    async keep({ down, req, write, kept }) {
      const table = down.table(p.table);
      const keys = await keysOfWrite(table, req);
      const result = await write(req);
      const after = await rowsAfterWrite(table, req, result, keys);
      const put = [...after.values()].map((row) => p.project(row as Row));
      return saveKept(
        kept,
        req,
        put,
        keys.filter((k) => !after.has(k)),
      );
    },
    async build(tx) {
      const rows: Row[] = await tx.table(p.table).toArray();
      return rows.map(p.project);
    },
  };
}
