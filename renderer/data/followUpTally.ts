/**
 * The follow-up tally: how many live open follow-ups each owner has of each kind due on each day,
 * kept in its own store (`followUpCounts`, one row per owner, kind and day) in the same transaction
 * as every write to `followUps`, so the agenda reads its counts from ~2k tiny rows on a 50k book
 * instead of counting 76k index keys (in Chromium an index count reads the record behind every
 * key). The owner is in the key because a device signed in to a team holds others' follow-ups
 * too (a manager's holds the whole team's): the agenda counts the signed-in rep's own.
 *
 * Installed by createDb beside journalMiddleware; the store came with schema version 4 (keyed by
 * kind and day) and is keyed by owner too since version 6, whose upgrade runs `fillFollowUpTally`.
 * A database built with fewer versions (tests of old books) has no store: the middleware stands
 * aside and `hasFollowUpTally` tells the agenda to count on the indexes.
 *
 * Exactness: the middleware sits right above IndexedDB, under Dexie's own layers, widens
 * every read-write transaction that holds `followUps` to the tally, and for each write reads the
 * rows of the keys written before and after it, so whatever the writer (repository, pull, restore,
 * repair, a bulk write with failures, a whole-table clear) the tally moves by exactly what changed.
 * Writes to `followUps` within one transaction are tallied one after another, so two parallel
 * writes never read the same tally row before either wrote it.
 */
import { RangeSet } from 'dexie';
import type * as Core from 'dexie';
import type { FollowUp, FollowUpKind } from '../../shared/domain';
import type { FieldbookDb } from './dbTypes';

export const FOLLOW_UP_TALLY = 'followUpCounts';
/** The store's Dexie definition: primary key [ownerId+kind+due]. */
export const FOLLOW_UP_TALLY_STORE = '[ownerId+kind+due]';
/** The store as schema versions 4 and 5 kept it (by kind and day only); version 6 drops it. */
export const FOLLOW_UP_TALLY_V4 = 'followUpTally';

export interface FollowUpTallyRow {
  ownerId: string;
  kind: FollowUpKind;
  due: string;
  /** Live follow-ups with status 'open' of this kind due this day; a row at 0 is removed. */
  open: number;
}

type Tallied = Pick<FollowUp, 'ownerId' | 'kind' | 'due' | 'status' | 'deletedAt'>;

function counts(row: unknown): row is Tallied {
  const f = row as Partial<Tallied> | undefined | null;
  return (
    !!f &&
    f.status === 'open' &&
    (f.deletedAt ?? null) === null &&
    typeof f.due === 'string' &&
    typeof f.ownerId === 'string'
  );
}

const rowKey = (r: Tallied) => `${r.ownerId}\u0000${r.kind}\u0000${r.due}`;

/** Adds `sign` for every row that counts, per owner, kind and day. */
function tallyInto(into: Map<string, FollowUpTallyRow>, rows: readonly unknown[], sign: 1 | -1) {
  for (const row of rows) {
    if (!counts(row)) continue;
    const key = rowKey(row);
    const t = into.get(key) ?? { ownerId: row.ownerId, kind: row.kind, due: row.due, open: 0 };
    t.open += sign;
    into.set(key, t);
  }
}

async function applyDeltas(
  tally: Core.DBCoreTable,
  trans: Core.DBCoreTransaction,
  deltas: Map<string, FollowUpTallyRow>,
): Promise<boolean> {
  const changed = [...deltas.values()].filter((d) => d.open !== 0);
  if (changed.length === 0) return false;
  const keys = changed.map((d) => [d.ownerId, d.kind, d.due]);
  const stored = (await tally.getMany({ trans, keys })) as (FollowUpTallyRow | undefined)[];
  const put: FollowUpTallyRow[] = [];
  const gone: unknown[] = [];
  changed.forEach((d, i) => {
    const open = (stored[i]?.open ?? 0) + d.open;
    if (open > 0) put.push({ ownerId: d.ownerId, kind: d.kind, due: d.due, open });
    else gone.push(keys[i]);
  });
  if (put.length > 0) await tally.mutate({ type: 'put', trans, values: put });
  if (gone.length > 0) await tally.mutate({ type: 'delete', trans, keys: gone });
  return true;
}

/** The keys a write touches, known before it runs. */
async function keysOf(table: Core.DBCoreTable, req: Core.DBCoreMutateRequest): Promise<unknown[]> {
  switch (req.type) {
    case 'add':
    case 'put':
      return req.keys ?? req.values.map((v) => table.schema.primaryKey.extractKey!(v));
    case 'delete':
      return req.keys;
    case 'deleteRange': {
      const found = await table.query({
        trans: req.trans,
        values: false,
        query: { index: table.schema.primaryKey, range: req.range },
      });
      return found.result;
    }
  }
}

/**
 * The rows the keys hold after the write: a put's or add's own values when every one went in (the
 * last of a key named twice wins, as in IndexedDB), nothing after a delete, else read back.
 */
async function rowsAfter(
  table: Core.DBCoreTable,
  req: Core.DBCoreMutateRequest,
  result: Core.DBCoreMutateResponse,
  keys: unknown[],
): Promise<readonly unknown[]> {
  if (keys.length === 0) return [];
  if (result.numFailures === 0) {
    if (req.type === 'delete' || req.type === 'deleteRange') return [];
    if (req.type === 'add' || !req.updates) {
      const last = new Map<unknown, unknown>();
      const keyOf = table.schema.primaryKey.extractKey!;
      req.values.forEach((v, i) => last.set(req.keys?.[i] ?? keyOf(v), v));
      return [...last.values()];
    }
  }
  return table.getMany({ trans: req.trans, keys });
}

export function followUpTallyMiddleware(): Core.Middleware<Core.DBCore> {
  return {
    stack: 'dbcore',
    name: 'followUpTally',
    // Below Dexie's own layers (the observability one at 0, its value cache at -1): the reads and
    // writes here go straight to IndexedDB in the writer's transaction, and the tally's change is
    // added to the parts that write reports, so live queries over the tally run again.
    level: -2,
    create(down) {
      if (!down.schema.tables.some((t) => t.name === FOLLOW_UP_TALLY)) return down;
      const queues = new WeakMap<Core.DBCoreTransaction, Promise<unknown>>();
      const tallyPart = `idb://${down.schema.name}/${FOLLOW_UP_TALLY}/`;
      return {
        ...down,
        transaction(stores, mode, options) {
          const widened =
            mode === 'readwrite' &&
            stores.includes('followUps') &&
            !stores.includes(FOLLOW_UP_TALLY)
              ? [...stores, FOLLOW_UP_TALLY]
              : stores;
          return down.transaction(widened, mode, options);
        },
        table(name) {
          const table = down.table(name);
          if (name !== 'followUps') return table;
          const tally = down.table(FOLLOW_UP_TALLY);
          const tallied = async (req: Core.DBCoreMutateRequest) => {
            const { trans } = req;
            // A bulk write may name a row twice; it is one row (follow-up ids are strings).
            const keys = [...new Set(await keysOf(table, req))];
            const before = keys.length > 0 ? await table.getMany({ trans, keys }) : [];
            const result = await table.mutate(req);
            const after = await rowsAfter(table, req, result, keys);
            const deltas = new Map<string, FollowUpTallyRow>();
            tallyInto(deltas, before, -1);
            tallyInto(deltas, after, 1);
            if (await applyDeltas(tally, trans, deltas)) {
              const parts = req.mutatedParts;
              if (parts) parts[tallyPart] = new RangeSet(down.MIN_KEY, down.MAX_KEY);
            }
            return result;
          };
          return {
            ...table,
            mutate(req) {
              const queued = (queues.get(req.trans) ?? Promise.resolve()).then(() => tallied(req));
              queues.set(
                req.trans,
                queued.catch(() => undefined),
              );
              return queued;
            },
          };
        },
      };
    },
  };
}

/** The upgrade step of the schema version that adds the store: the tally counted from the rows. */
export async function fillFollowUpTally(tx: Core.Transaction): Promise<void> {
  const tallies = new Map<string, FollowUpTallyRow>();
  tallyInto(tallies, await tx.table('followUps').toArray(), 1);
  const table = tx.table(FOLLOW_UP_TALLY);
  await table.clear();
  await table.bulkPut([...tallies.values()]);
}

export function hasFollowUpTally(db: FieldbookDb): boolean {
  return db.tables.some((t) => t.name === FOLLOW_UP_TALLY);
}

/** The tally's store, for a transaction's scope. */
export function followUpTally(db: FieldbookDb) {
  return db.table<FollowUpTallyRow>(FOLLOW_UP_TALLY);
}

/**
 * The tally's rows of one owner (every owner's when null): the owner's rows are one key range.
 */
export function tallyRows(db: FieldbookDb, owner: string | null): Promise<FollowUpTallyRow[]> {
  const table = followUpTally(db);
  if (owner === null) return table.toArray();
  return table.where('[ownerId+kind+due]').between([owner], [owner, []]).toArray();
}

/**
 * Live open follow-ups of the kind (any kind when null) due in the range, summed over the tally's
 * rows (one read of an owner's rows: a kind and day each, ~2k on a rep's 50k book).
 */
export function tallied(
  rows: readonly FollowUpTallyRow[],
  kind: FollowUpKind | null,
  range: { from: string | null; to: string },
): number {
  let n = 0;
  for (const r of rows)
    if (
      (kind === null || r.kind === kind) &&
      (range.from === null || r.due >= range.from) &&
      r.due <= range.to
    )
      n += r.open;
  return n;
}
