/**
 * The follow-up tally: how many live open follow-ups each owner has of each kind due on each day,
 * kept in its own store (`followUpCounts`, one row per owner, kind and day) in the same transaction
 * as every write to `followUps`, so the agenda reads its counts from ~2k tiny rows on a 50k book
 * instead of counting 76k index keys (in Chromium an index count reads the record behind every
 * key). The owner is in the key because a device signed in to a team holds others' follow-ups
 * too (a manager's holds the whole team's): the agenda counts the signed-in rep's own.
 *
 * A kept store (keptStore.ts): the store came with schema version 4 (keyed by kind and day) and is
 * keyed by owner too since version 6, which fills it. A database built with fewer versions (tests
 * of old books) has no store: the middleware stands aside and `hasKeptStore` tells the agenda to
 * count on the indexes. It has no stale mark: a tally that cannot move fails its write.
 *
 * Exactness: for each write the tally reads the rows of the keys written before and after it, so
 * whatever the writer (repository, pull, restore, repair, a bulk write with failures, a
 * whole-table clear) it moves by exactly what changed; writes within one transaction are tallied
 * one after another, so two parallel writes never read the same tally row before either wrote it.
 */
import type * as Core from 'dexie';
import type { FollowUp, FollowUpKind } from '../../shared/domain';
import type { FieldbookDb } from './dbTypes';
import { keptTable, saveKept, type KeptStore } from './keptStore';
import { keysOfWrite, rowsAfterWrite } from './keptWrites';

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
  req: Core.DBCoreMutateRequest,
  deltas: Map<string, FollowUpTallyRow>,
): Promise<boolean> {
  const { trans } = req;
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
  return saveKept(tally, req, put, gone);
}

/** The tally's store: primary key [ownerId+kind+due]. */
export const FOLLOW_UP_TALLY: KeptStore<FollowUpTallyRow> = {
  name: 'followUpCounts',
  schema: '[ownerId+kind+due]',
  follows: ['followUps'],
  async keep({ down, req, write, kept }) {
    const { trans } = req;
    const table = down.table('followUps');
    const keys = await keysOfWrite(table, req);
    const before = keys.length > 0 ? await table.getMany({ trans, keys }) : [];
    const result = await write(req);
    const after = await rowsAfterWrite(table, req, result, keys);
    const deltas = new Map<string, FollowUpTallyRow>();
    tallyInto(deltas, before, -1);
    tallyInto(deltas, [...after.values()], 1);
    return applyDeltas(kept, req, deltas);
  },
  async build(tx) {
    const tallies = new Map<string, FollowUpTallyRow>();
    tallyInto(tallies, await tx.table('followUps').toArray(), 1);
    return [...tallies.values()];
  },
};

/**
 * The tally's rows of one owner (every owner's when null): the owner's rows are one key range.
 */
export function tallyRows(db: FieldbookDb, owner: string | null): Promise<FollowUpTallyRow[]> {
  const table = keptTable(db, FOLLOW_UP_TALLY);
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
