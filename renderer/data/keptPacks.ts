/**
 * Packs: a kept store's rows again, a few hundred to a record, so a reader that wants many of them
 * reads a hundred records instead of fifty thousand. In Chromium a read pays per record (the
 * lookup and its own deserialization): the team view read 50k kept client rows in ~450 ms, and
 * the same rows packed 500 to a record in ~120 (issue 12).
 *
 * A pack holds the rows of one group (what the reader asks a range of: a due month, a finish
 * month; '' for a store read whole) that fall in one bucket of their id, under the key
 * `group/bucket`, so a range of groups is one key range of packs. Packs follow the row store
 * they pack (keptStore.ts) as it follows its tables: a middleware one level below it moves each
 * written row from the pack it was in to the pack it belongs in, in the same transaction. The row
 * store stays the one that says where a row was (its row before the write), and what a reader
 * falls back to.
 */
import type { KeptStore } from './keptStore';
import { saveKept } from './keptStore';
import { keysOfWrite, rowsAfterWrite } from './keptWrites';

export interface Pack<Row> {
  /** `group/bucket`. */
  pack: string;
  rows: Row[];
}

export interface Packed<
  Row extends { id: string },
  Slim extends { id: string } = Row,
> extends KeptStore<Pack<Slim>> {
  /** The row store packed. */
  packs: KeptStore<Row>;
  /** What a pack keeps of a row (the row itself unless told); null: the row is in no pack. */
  slim: (row: Row) => Slim | null;
  /** The pack a (slim) row belongs in. */
  packOf: (row: Slim) => string;
}

/** FNV-1a over the id's UTF-16 units: a bucket that never moves for an id. */
function bucketOf(id: string, buckets: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % buckets;
}

/** The key range of the packs of groups from `from` up to, not with, `to` (for Dexie's between). */
export const packRange = (from: string, to: string): [string, string] => [`${from}/`, `${to}/`];

/**
 * Packs of `rows`: `group` gives a row's group (a string the reader ranges over), `buckets` how
 * many packs a group is split into (about a few hundred rows each at the size that matters).
 * `slim`, when given, is what a pack keeps of a row (fewer, flatter objects read faster), or
 * null to keep the row in no pack; it must keep the row's id.
 */
export function packsOf<Row extends { id: string }, Slim extends { id: string } = Row>(
  rows: KeptStore<Row>,
  p: {
    name: string;
    stale: string;
    group: (row: Slim) => string;
    buckets: number;
    slim?: (row: Row) => Slim | null;
  },
): Packed<Row, Slim> {
  const packOf = (row: Slim) =>
    `${p.group(row)}/${String(bucketOf(row.id, p.buckets)).padStart(4, '0')}`;
  const slim = p.slim ?? ((row: Row) => row as unknown as Slim);
  return {
    name: p.name,
    schema: 'pack',
    stale: p.stale,
    follows: [rows.name],
    level: (rows.level ?? -2) - 1,
    packs: rows,
    slim,
    packOf,
    async keep({ down, req, write, kept }) {
      const { trans } = req;
      const table = down.table(rows.name);
      const keys = await keysOfWrite(table, req);
      const before = (keys.length > 0 ? await table.getMany({ trans, keys }) : []) as (
        Row | undefined
      )[];
      const result = await write(req);
      if (keys.length === 0) return false;
      const after = await rowsAfterWrite(table, req, result, keys);
      // Per pack touched: the ids that leave it and the rows that go in.
      const moves = new Map<string, { out: Set<string>; in: Map<string, Slim> }>();
      const move = (pack: string) => {
        let m = moves.get(pack);
        if (!m) moves.set(pack, (m = { out: new Set(), in: new Map() }));
        return m;
      };
      keys.forEach((id, i) => {
        const prior = before[i];
        const was = prior ? slim(prior) : null;
        if (was) move(packOf(was)).out.add(id);
        const row = after.get(id) as Row | undefined;
        const now = row && slim(row);
        if (now) move(packOf(now)).in.set(id, now);
      });
      const names = [...moves.keys()];
      const stored = (await kept.getMany({ trans, keys: names })) as (Pack<Slim> | undefined)[];
      const put: Pack<Slim>[] = [];
      const gone: string[] = [];
      names.forEach((pack, i) => {
        const m = moves.get(pack)!;
        const kept = (stored[i]?.rows ?? []).filter((r) => !m.out.has(r.id) && !m.in.has(r.id));
        kept.push(...m.in.values());
        if (kept.length > 0) put.push({ pack, rows: kept });
        else gone.push(pack);
      });
      return saveKept(kept, req, put, gone);
    },
    async build(tx) {
      const all: Row[] = await tx.table(rows.name).toArray();
      const packs = new Map<string, Slim[]>();
      for (const whole of all) {
        const row = slim(whole);
        if (!row) continue;
        const pack = packOf(row);
        const list = packs.get(pack);
        if (list) list.push(row);
        else packs.set(pack, [row]);
      }
      return [...packs].map(([pack, list]) => ({ pack, rows: list }));
    },
  };
}

/** The rows of the packs read. */
export function unpack<Row>(packs: readonly Pack<Row>[]): Row[] {
  const rows: Row[] = [];
  for (const p of packs) for (const r of p.rows) rows.push(r);
  return rows;
}
