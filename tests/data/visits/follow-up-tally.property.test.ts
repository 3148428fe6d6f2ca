/**
 * The follow-up tally (renderer/data/followUpTally.ts, schema v4, per owner since v6) on the app's database: after any
 * run of writes, by any path (single and bulk puts, modify, update, delete, clear, parallel writes
 * in one transaction, a transaction that aborts), every row of the tally equals a count over the
 * follow-ups themselves, and the agenda and the navigation count read from it show exactly what
 * they show counting on the indexes of a book without it (the versions before v4).
 */
import { describe, expect, it, vi } from 'vitest';
import { liveQuery } from 'dexie';
import fc from 'fast-check';
import { FOLLOW_UP_KINDS, type FollowUp, type FollowUpKind } from '../../../shared/domain';
import { addDays } from '../../../shared/domain/followups/days';
import { createDb } from '../../../renderer/data/db';
import { SCHEMA_VERSIONS } from '../../../renderer/data/schema';
import type { FieldbookDb } from '../../../renderer/data/db';
import { FOLLOW_UP_TALLY, type FollowUpTallyRow } from '../../../renderer/data/followUpTally';
import { hasKeptStore } from '../../../renderer/data/keptStore';
import { loadAgenda } from '../../../renderer/features/agenda/data/loadAgenda';
import { dueCount } from '../../../renderer/features/agenda/data/followUps';

const BASE = '2025-03-10';
const TALLY_VERSION = 4;

/** The app's database: the tally store and its middleware (createDb). */
function tallyDb(name: string): FieldbookDb {
  return createDb(name);
}

/** A book as the versions before the tally made it: the agenda counts on the indexes. */
function untallied(name: string): FieldbookDb {
  return createDb(
    name,
    SCHEMA_VERSIONS.filter((v) => v.version < TALLY_VERSION),
  );
}

const kindArb = fc.constantFrom<FollowUpKind>('no_contact', 'birthday', 'custom', 'payment_check');
const fieldsArb = fc.record({
  kind: kindArb,
  due: fc.integer({ min: -6, max: 6 }),
  status: fc.constantFrom<FollowUp['status']>('open', 'open', 'snoozed', 'done'),
  trashed: fc.boolean(),
  owner: fc.constantFrom('rep', 'rep', 'colleague'),
});
const idArb = fc.nat({ max: 39 }).map((n) => `f-${String(n).padStart(2, '0')}`);

type Fields = typeof fieldsArb extends fc.Arbitrary<infer T> ? T : never;

function row(template: FollowUp, id: string, f: Fields): FollowUp {
  return {
    ...template,
    id,
    kind: f.kind,
    due: addDays(BASE, f.due),
    status: f.status,
    snoozedUntil: null,
    deletedAt: f.trashed ? '2025-03-01T10:00:00.000Z' : null,
    ownerId: f.owner,
  };
}

const opArb = fc.oneof(
  fc.record({ op: fc.constant('put' as const), id: idArb, fields: fieldsArb }),
  fc.record({
    op: fc.constant('bulkPut' as const),
    rows: fc.array(fc.tuple(idArb, fieldsArb), { maxLength: 60, size: 'max' }),
  }),
  fc.record({ op: fc.constant('delete' as const), ids: fc.array(idArb, { maxLength: 6 }) }),
  fc.record({ op: fc.constant('update' as const), id: idArb, trashed: fc.boolean() }),
  fc.record({
    op: fc.constant('modify' as const),
    kind: kindArb,
    status: fieldsArb.map((f) => f.status),
  }),
  fc.record({ op: fc.constant('clear' as const) }),
  fc.record({
    op: fc.constant('parallel' as const),
    a: fc.tuple(idArb, fieldsArb),
    b: fc.array(fc.tuple(idArb, fieldsArb), { maxLength: 8 }),
  }),
  fc.record({ op: fc.constant('aborted' as const), id: idArb, fields: fieldsArb }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

async function apply(db: FieldbookDb, template: FollowUp, op: Op): Promise<void> {
  const t = db.followUps;
  switch (op.op) {
    case 'put':
      return void (await t.put(row(template, op.id, op.fields)));
    case 'bulkPut':
      return void (await t.bulkPut(op.rows.map(([id, f]) => row(template, id, f))));
    case 'delete':
      return void (await t.bulkDelete(op.ids));
    case 'update':
      return void (await t.update(op.id, {
        deletedAt: op.trashed ? '2025-03-02T10:00:00.000Z' : null,
      }));
    case 'modify':
      return void (await t.where('kind').equals(op.kind).modify({ status: op.status }));
    case 'clear':
      return t.clear();
    case 'parallel':
      return db.transaction('rw', t, async () => {
        await Promise.all([
          t.put(row(template, ...op.a)),
          t.bulkPut(op.b.map(([id, f]) => row(template, id, f))),
        ]);
      });
    case 'aborted':
      await db
        .transaction('rw', t, async () => {
          await t.put(row(template, op.id, op.fields));
          throw new Error('abort');
        })
        .catch(() => undefined);
  }
}

async function recount(db: FieldbookDb): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const f of await db.followUps.toArray())
    if (f.status === 'open' && f.deletedAt === null) {
      const key = `${f.ownerId} ${f.kind} ${f.due}`;
      out[key] = (out[key] ?? 0) + 1;
    }
  return out;
}

async function stored(db: FieldbookDb): Promise<Record<string, number>> {
  const rows = await db.table<FollowUpTallyRow>(FOLLOW_UP_TALLY.name).toArray();
  return Object.fromEntries(rows.map((r) => [`${r.ownerId} ${r.kind} ${r.due}`, r.open]));
}

const TEMPLATE: FollowUp = {
  id: 'template',
  ownerId: 'rep',
  createdAt: '2025-03-01T10:00:00.000Z',
  updatedAt: '2025-03-01T10:00:00.000Z',
  deletedAt: null,
  stamps: {},
  serverVersion: 0,
  clientId: 'client-1',
  kind: 'custom',
  ruleKey: null,
  due: BASE,
  status: 'open',
  snoozedUntil: null,
  doneAt: null,
  title: 'Call',
  subjectId: null,
};

describe('the follow-up tally', () => {
  it('equals a count over the follow-ups after any writes, and the agenda read from it equals the agenda counted on the indexes', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(opArb, { maxLength: 12 }),
        fc.integer({ min: -8, max: 8 }),
        async (ops, todayOffset) => {
          run++;
          const db = tallyDb(`tally-${run}-${Math.random()}`);
          const plain = untallied(`plain-${run}-${Math.random()}`);
          await Promise.all([db.open(), plain.open()]);
          try {
            expect(hasKeptStore(db, FOLLOW_UP_TALLY)).toBe(true);
            expect(hasKeptStore(plain, FOLLOW_UP_TALLY)).toBe(false);
            for (const op of ops) await apply(db, TEMPLATE, op);
            expect(await stored(db)).toEqual(await recount(db));
            await plain.followUps.bulkPut(await db.followUps.toArray());
            const today = addDays(BASE, todayOffset);
            expect(await loadAgenda(db, today, 'en')).toEqual(await loadAgenda(plain, today, 'en'));
            expect(await dueCount(db, today)).toBe(await dueCount(plain, today));
          } finally {
            await Promise.all([db.delete(), plain.delete()]);
          }
        },
      ),
      { numRuns: 40 },
    );
  }, 120_000);

  it('is filled from the rows when the schema version that keeps it opens an older book', async () => {
    const name = `tally-upgrade-${Math.random()}`;
    const old = untallied(name);
    await old.open();
    const rows = FOLLOW_UP_KINDS.flatMap((kind, k) =>
      [0, 1, 2].map((i) =>
        row(TEMPLATE, `u-${k}-${i}`, {
          kind,
          due: i - 1,
          status: i === 2 ? 'done' : 'open',
          trashed: k % 3 === 0 && i === 0,
          owner: k % 2 === 0 ? 'rep' : 'colleague',
        }),
      ),
    );
    await old.followUps.bulkPut(rows);
    old.close();
    const db = tallyDb(name);
    await db.open();
    try {
      expect(await stored(db)).toEqual(await recount(db));
      expect(Object.keys(await stored(db)).length).toBeGreaterThan(0);
    } finally {
      await db.delete();
    }
  });

  it('a live count over the tally runs again when a follow-up is written', async () => {
    const db = tallyDb(`tally-live-${Math.random()}`);
    await db.open();
    const seen: number[] = [];
    const subscription = liveQuery(() => dueCount(db, BASE)).subscribe((n) => seen.push(n));
    try {
      await vi.waitFor(() => expect(seen).toEqual([0]));
      await db.followUps.put(TEMPLATE);
      await vi.waitFor(() => expect(seen).toEqual([0, 1]));
      await db.followUps.update(TEMPLATE.id, { status: 'done' });
      await vi.waitFor(() => expect(seen).toEqual([0, 1, 0]));
    } finally {
      subscription.unsubscribe();
      await db.delete();
    }
  });

  it('widens only read-write transactions over follow-ups', async () => {
    const db = tallyDb(`tally-scope-${Math.random()}`);
    await db.open();
    try {
      await db.transaction('rw', db.followUps, () => db.followUps.put(TEMPLATE));
      await db.transaction('rw', db.clients, () => db.clients.count());
      expect(await stored(db)).toEqual({ [`rep custom ${BASE}`]: 1 });
      await expect(
        db.transaction('r', db.followUps, () => db.table(FOLLOW_UP_TALLY.name).count()),
      ).rejects.toThrow();
    } finally {
      await db.delete();
    }
  });
});
