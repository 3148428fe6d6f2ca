/**
 * What a kept store's middleware needs to know of a write to the table it follows: the keys it
 * touches and the rows those keys hold before and after it (keptStore.ts and the kept stores).
 * Read in the writer's transaction, so whatever the writer (repository, pull, restore, bulk write
 * with failures, a whole-table clear) the kept store moves by exactly what changed.
 */
import { RangeSet } from 'dexie';
import type * as Core from 'dexie';

/** The keys a write touches, known before it runs; each once (ids are strings). */
export async function keysOfWrite(
  table: Core.DBCoreTable,
  req: Core.DBCoreMutateRequest,
): Promise<string[]> {
  switch (req.type) {
    case 'add':
    case 'put': {
      const keyOf = table.schema.primaryKey.extractKey!;
      return [...new Set((req.keys ?? req.values.map((v) => keyOf(v))) as string[])];
    }
    case 'delete':
      return [...new Set(req.keys as string[])];
    case 'deleteRange': {
      const found = await table.query({
        trans: req.trans,
        values: false,
        query: { index: table.schema.primaryKey, range: req.range },
      });
      return found.result as string[];
    }
  }
}

/**
 * The rows the keys hold after the write: a put's or add's own values when every one went in (the
 * last of a key named twice wins, as in IndexedDB), nothing after a delete, else read back.
 */
export async function rowsAfterWrite(
  table: Core.DBCoreTable,
  req: Core.DBCoreMutateRequest,
  result: Core.DBCoreMutateResponse,
  keys: readonly string[],
): Promise<Map<string, unknown>> {
  const after = new Map<string, unknown>();
  if (keys.length === 0) return after;
  if (result.numFailures === 0) {
    if (req.type === 'delete' || req.type === 'deleteRange') return after;
    if (req.type === 'add' || !req.updates) {
      const keyOf = table.schema.primaryKey.extractKey!;
      req.values.forEach((v, i) => after.set((req.keys?.[i] ?? keyOf(v)) as string, v));
      return after;
    }
  }
  const rows = await table.getMany({ trans: req.trans, keys: [...keys] });
  keys.forEach((k, i) => {
    if (rows[i] !== undefined) after.set(k, rows[i]);
  });
  return after;
}

/** Runs the kept store's work for the writes of one transaction one after another. */
export function queuePerTransaction() {
  const queues = new WeakMap<object, Promise<unknown>>();
  return <T>(trans: object, work: () => Promise<T>): Promise<T> => {
    const queued = (queues.get(trans) ?? Promise.resolve()).then(work);
    queues.set(
      trans,
      queued.catch(() => undefined),
    );
    return queued;
  };
}

/** Tells live queries that a table changed, by its primary key, whole. */
export function markTableChanged(
  down: Core.DBCore,
  table: string,
  req: Core.DBCoreMutateRequest,
): void {
  if (req.mutatedParts)
    req.mutatedParts[`idb://${down.schema.name}/${table}/`] = new RangeSet(
      down.MIN_KEY,
      down.MAX_KEY,
    );
}

/**
 * Tells live queries that a kept store changed: its primary key and every index of it, whole. A
 * live query remembers what it read by the index it read through (the team view reads the kept
 * follow-ups by due day): marking the primary key alone would not run again one that had found no
 * row there yet.
 */
export function markStoreChanged(
  down: Core.DBCore,
  store: string,
  req: Core.DBCoreMutateRequest,
): void {
  const parts = req.mutatedParts;
  if (!parts) return;
  markTableChanged(down, store, req);
  const prefix = `idb://${down.schema.name}/${store}/`;
  for (const index of down.table(store).schema.indexes)
    if (index.name) parts[`${prefix}${index.name}`] = new RangeSet(down.MIN_KEY, down.MAX_KEY);
}

/** The rows of a table whose index `keyPath` holds `key`, in the writer's transaction. */
export async function rowsByIndex(
  down: Core.DBCore,
  trans: Core.DBCoreTransaction,
  table: string,
  keyPath: string,
  key: string,
): Promise<unknown[]> {
  const t = down.table(table);
  const index = t.schema.getIndexByKeyPath(keyPath) as Core.DBCoreIndex;
  const range = { type: 1 /* DBCoreRangeType.Equal */, lower: key, upper: key };
  const found = await t.query({
    trans,
    values: true,
    query: { index, range: range as Core.DBCoreKeyRange },
  });
  return found.result;
}
