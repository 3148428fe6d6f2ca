/**
 * A kept projection: one small row per row of a followed table (its id, and what `project` takes
 * of it), in its own store, moved in the same transaction as every write to the table by a DBCore
 * middleware (reportProblems.ts, reportFollowUps.ts). If the keeping fails, the write still goes in
 * and a mark in `meta` tells the reader not to trust the store (`projectionTrusted`).
 */
import type * as Core from 'dexie';
import type { FieldbookDb } from './dbTypes';
import { keysOfWrite, queuePerTransaction, rowsAfterWrite, markStoreChanged } from './keptWrites';

export interface Projection<Row, Kept extends { id: string }> {
  /** The followed table. */
  table: string;
  /** The kept store. */
  store: string;
  /** The key in `meta` set when keeping the store failed. */
  stale: string;
  project: (row: Row) => Kept;
}

export function projectionMiddleware<Row, Kept extends { id: string }>(
  p: Projection<Row, Kept>,
): Core.Middleware<Core.DBCore> {
  return {
    stack: 'dbcore',
    name: p.store,
    // Below Dexie's own layers, as the follow-up tally (followUpTally.ts says why).
    level: -2,
    create(down) {
      if (!down.schema.tables.some((t) => t.name === p.store)) return down;
      const queue = queuePerTransaction();
      return {
        ...down,
        transaction(stores, mode, options) {
          if (mode !== 'readwrite' || !stores.includes(p.table))
            return down.transaction(stores, mode, options);
          const widened = new Set([...stores, p.store, 'meta']);
          return down.transaction([...widened], mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name !== p.table) return table;
          const kept = down.table(p.store);
          const keep = async (req: Core.DBCoreMutateRequest) => {
            const { trans } = req;
            // An upgrade of an older version runs before the store exists; its fill counts all.
            const scope = (trans as unknown as IDBTransaction).objectStoreNames;
            if (scope && !scope.contains(p.store)) return table.mutate(req);
            const keys = await keysOfWrite(table, req);
            const result: Core.DBCoreMutateResponse = await table.mutate(req);
            try {
              const after = await rowsAfterWrite(table, req, result, keys);
              const put = [...after.values()].map((row) => p.project(row as Row));
              const gone = keys.filter((k) => !after.has(k));
              if (put.length > 0) await kept.mutate({ type: 'put', trans, values: put });
              if (gone.length > 0) await kept.mutate({ type: 'delete', trans, keys: gone });
              if (keys.length > 0) markStoreChanged(down, p.store, req);
            } catch {
              await down.table('meta').mutate({
                type: 'put',
                trans,
                values: [{ key: p.stale, value: true }],
              });
            }
            return result;
          };
          return { ...table, mutate: (req) => queue(req.trans, () => keep(req)) };
        },
      };
    },
  };
}

/** The upgrade step of the schema version that adds the store: every row projected. */
export async function fillProjection<Row, Kept extends { id: string }>(
  p: Projection<Row, Kept>,
  tx: Core.Transaction,
): Promise<void> {
  const rows: Row[] = await tx.table(p.table).toArray();
  const table = tx.table(p.store);
  await table.clear();
  await table.bulkPut(rows.map(p.project));
  await tx.table('meta').delete(p.stale);
}

export const hasProjection = (db: FieldbookDb, store: string) =>
  db.tables.some((t) => t.name === store);

/** Whether a reader may use the store: it is there and its keeping never failed. */
export async function projectionTrusted(
  db: FieldbookDb,
  p: Pick<Projection<never, never>, 'store' | 'stale'>,
): Promise<boolean> {
  if (!hasProjection(db, p.store)) return false;
  return (await db.meta.get(p.stale)) === undefined;
}
