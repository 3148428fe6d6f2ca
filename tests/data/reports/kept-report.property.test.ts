/**
 * The report's kept stores (renderer/data/reportClients.ts, reportProblems.ts; schema v5) on the
 * app's database: after any history of writes, by any path (put, update, bulk put, modify, hard
 * delete, clear, pulled pages, parallel writes in one transaction, a transaction that aborts),
 * each kept row equals a count over the rows themselves, and the month's report read through them
 * equals the report over the whole book, for a rep and for the team (issue 12).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { SCHEMA_VERSIONS } from '../../../renderer/data/schema';
import {
  REPORT_CLIENTS,
  REPORT_CLIENT_PACKS,
  type ReportClientRow,
} from '../../../renderer/data/reportClients';
import { unpack, type Pack } from '../../../renderer/data/keptPacks';
import { REPORT_PROBLEMS, type ReportProblemRow } from '../../../renderer/data/reportProblems';
import { applyPullPage, type PulledRow } from '../../../renderer/sync/pullApply';
import { loadMonthBook, loadReportBook } from '../../../renderer/features/reports';
import { CADENCE_SETTINGS_KEY } from '../../../renderer/features/settings/data/cadenceSettings';
import { DEFAULT_CADENCE_SETTINGS } from '../../../shared/domain/cadence';
import { PROBLEM_STATUSES, type SyncedTable } from '../../../shared/domain';
import {
  firstPurchaseDays,
  monthlyReport,
  reportClient,
  reportFollowUp,
  reportProblem,
  teamReport,
  type ReportBook,
} from '../../../shared/domain/report';
import { problemMarks } from '../../../shared/domain/reportBounds';
import { lastContactDays } from '../../../shared/domain/followups/contactGaps';
import { formatHlc } from '../../../shared/sync/hlc';
import { POST_SALE_ITEMS } from '../../../shared/domain/templates/postSale';
import {
  REPORT_RUNS,
  REPORT_RUN_PACKS,
  REPORT_MOOD_PACKS,
  type ReportRunRow,
} from '../../../renderer/data/reportRuns';
import { REPORT_FOLLOW_UPS, REPORT_FOLLOW_UP_PACKS } from '../../../renderer/data/reportFollowUps';
import { isFinishedVisit, keptRun, keptVisit } from '../../../shared/domain/reportRuns';
import { testId } from '../../unit/followups/book';
import { bookArb, dayArb, monthArb, REPS, todayArb } from '../../property/reportBooks';

const BOOK_TABLES = [
  'clients',
  'purchases',
  'visits',
  'checklistRuns',
  'followUps',
  'problems',
  'contacts',
  'notes',
] as const;
/** The tables the kept stores follow, and the field each one's day is read from. */
const FOLLOWED = [
  'contacts',
  'visits',
  'notes',
  'problems',
  'clients',
  'checklistRuns',
  'followUps',
  'purchases',
] as const;
type Followed = (typeof FOLLOWED)[number];
const STAMP: Record<'contacts' | 'visits' | 'notes', string> = {
  contacts: 'at',
  visits: 'startedAt',
  notes: 'createdAt',
};

type Row = { id: string; clientId?: string; deletedAt: string | null; stamps: object } & Record<
  string,
  unknown
>;

/** What a step does to one row: another client, another day, trashed or not, a status. */
const changeArb = fc.record({
  row: fc.nat(),
  client: fc.nat(),
  day: dayArb,
  time: fc.constantFrom('00:00:30', '12:00:00', '23:59:59'),
  zone: fc.constantFrom('Z', '+03:00', '-08:00'),
  trashed: fc.integer({ min: 0, max: 3 }).map((n) => n === 0),
  status: fc.nat(),
  copy: fc.boolean(),
});
type Change = typeof changeArb extends fc.Arbitrary<infer T> ? T : never;

const tableArb = fc.constantFrom<Followed>(...FOLLOWED);
const opArb = fc.oneof(
  fc.record({
    op: fc.constantFrom('put' as const, 'pull' as const),
    table: tableArb,
    changes: fc.array(changeArb, { minLength: 1, maxLength: 6 }),
  }),
  fc.record({ op: fc.constant('update' as const), table: tableArb, change: changeArb }),
  fc.record({ op: fc.constant('trashClient' as const), client: fc.nat(), trashed: fc.boolean() }),
  fc.record({
    op: fc.constant('delete' as const),
    table: tableArb,
    rows: fc.array(fc.nat(), { maxLength: 3 }),
  }),
  fc.record({ op: fc.constant('clear' as const), table: tableArb }),
  fc.record({
    op: fc.constant('parallel' as const),
    a: fc.tuple(tableArb, changeArb),
    b: fc.tuple(tableArb, changeArb),
  }),
  fc.record({ op: fc.constant('aborted' as const), table: tableArb, change: changeArb }),
);
type Op = typeof opArb extends fc.Arbitrary<infer T> ? T : never;

/** The row a change makes of a row of `table` (a copy under a new id when `copy`). */
async function changed(db: FieldbookDb, table: Followed, c: Change): Promise<Row | null> {
  const rows = (await db.table(table).toArray()) as Row[];
  const clients = (await db.clients.toArray()) as Row[];
  const base = rows[c.row % Math.max(rows.length, 1)];
  if (!base) return null;
  const row: Row = { ...base, id: c.copy ? testId() : base.id };
  row.deletedAt = c.trashed ? '2025-01-01T00:00:00Z' : null;
  const stamp = `${c.day}T${c.time}${c.zone}`;
  if (table === 'clients') {
    row.status = (['active', 'at_risk', 'lost', 'prospect'] as const)[c.status % 4];
    row.ownerId = REPS[c.status % REPS.length];
    row.createdAt = stamp;
    return row;
  }
  if (table === 'checklistRuns') {
    // Another visit (or one not there), to the trash or back, another satisfaction.
    const visits = (await db.visits.toArray()) as Row[];
    row.visitId =
      c.client % 7 === 6
        ? 'gone-visit'
        : (visits[c.client % Math.max(visits.length, 1)]?.id ?? 'none');
    row.answers = { ...(row.answers as object), [POST_SALE_ITEMS.satisfaction]: c.status % 6 };
    return row;
  }
  if (table === 'followUps') {
    // Another due day, done on time, late or not at all, another client, trashed or not.
    row.due = c.day;
    row.status = (['open', 'done', 'snoozed', 'dismissed'] as const)[c.status % 4];
    row.doneAt = row.status === 'done' && c.status % 8 < 4 ? stamp : null;
    row.clientId = clients[c.client % Math.max(clients.length, 1)]?.id ?? 'none';
    return row;
  }
  // A client id the book may not hold yet (a pulled row before its client) now and then.
  row.clientId =
    c.client % 9 === 8 ? `gone-${c.client % 2}` : (clients[c.client % clients.length]?.id ?? '');
  if (table === 'purchases') {
    // Another day (earlier or later than the client's first), often for the same client, trashed
    // or not.
    if (c.status % 2 === 0) row.clientId = base.clientId;
    row.date = c.day;
    return row;
  }
  if (table === 'problems') {
    row.status = PROBLEM_STATUSES[c.status % PROBLEM_STATUSES.length];
    row.stamps =
      c.status % 3 === 0
        ? {}
        : {
            status: formatHlc({
              ms: Date.parse(`${c.day}T23:00:00Z`),
              counter: 0,
              node: '0'.repeat(16),
            }),
          };
    row.createdAt = stamp;
    return row;
  }
  row[STAMP[table]] = stamp;
  if (table === 'visits') {
    // Another kind, finished or not: what decides whether its runs count in the trend.
    row.kind = (['post_sale', 'post_sale', 'closing'] as const)[c.status % 3];
    row.status = c.status % 5 === 4 ? 'draft' : 'finished';
    row.finishedAt = c.status % 7 === 6 ? null : stamp;
  }
  return row;
}

let pulls = 0;
function pulled(table: SyncedTable, record: Row): PulledRow {
  const stamp = `${String(Date.now() + 86_400_000 + ++pulls).padStart(15, '0')}-0000-${'f'.repeat(16)}`;
  const stamps = Object.fromEntries(
    [...Object.keys(record.stamps), 'deletedAt', 'clientId'].map((k) => [k, stamp]),
  );
  const version = Number(record.serverVersion ?? 0) + 1;
  return {
    table,
    id: record.id,
    version,
    record: { ...record, stamps, serverVersion: version } as never,
  };
}

async function apply(db: FieldbookDb, op: Op): Promise<void> {
  switch (op.op) {
    case 'put':
    case 'pull': {
      const rows: Row[] = [];
      for (const c of op.changes) {
        const row = await changed(db, op.table, c);
        if (row) rows.push(row);
      }
      if (rows.length === 0) return;
      if (op.op === 'put') return void (await db.table(op.table).bulkPut(rows));
      return void (await applyPullPage(
        db,
        rows.map((r) => pulled(op.table, r)),
        {
          epoch: 'kept',
          cursor: `c${pulls}`,
          nowMs: Date.now(),
          mode: 'replace',
          massDelete: { liveClients: 0, deleted: 0, allowed: true },
        },
      ));
    }
    case 'update': {
      const row = await changed(db, op.table, { ...op.change, copy: false });
      if (!row) return;
      const { id, ...fields } = row;
      return void (await db.table(op.table).update(id, fields));
    }
    case 'trashClient': {
      // Every contact, visit and note of one client to the trash or back, by a query.
      const clients = await db.clients.toArray();
      const client = clients[op.client % Math.max(clients.length, 1)];
      if (!client) return;
      for (const t of ['contacts', 'visits', 'notes'] as const)
        await db
          .table(t)
          .where('clientId')
          .equals(client.id)
          .modify({ deletedAt: op.trashed ? '2025-02-01T00:00:00Z' : null });
      return;
    }
    case 'delete': {
      const keys = (await db.table(op.table).toCollection().primaryKeys()) as string[];
      if (keys.length === 0) return;
      return db.table(op.table).bulkDelete(op.rows.map((i) => keys[i % keys.length]!));
    }
    case 'clear':
      return db.table(op.table).clear();
    case 'parallel': {
      const [a, b] = await Promise.all([
        changed(db, op.a[0], op.a[1]),
        changed(db, op.b[0], op.b[1]),
      ]);
      return db.transaction('rw', [...FOLLOWED], async () => {
        await Promise.all([
          a ? db.table(op.a[0]).put(a) : null,
          b ? db.table(op.b[0]).put(b) : null,
        ]);
      });
    }
    case 'aborted': {
      const row = await changed(db, op.table, op.change);
      if (!row) return;
      await db
        .transaction('rw', db.table(op.table), async () => {
          await db.table(op.table).put(row);
          throw new Error('abort');
        })
        .catch(() => undefined);
    }
  }
}

/** The kept stores as they should be, counted from the rows. */
async function recounted(db: FieldbookDb) {
  const [clients, contacts, visits, notes, problems, runs, followUps, purchases] =
    await Promise.all([
      db.clients.toArray(),
      db.contacts.toArray(),
      db.visits.toArray(),
      db.notes.toArray(),
      db.problems.toArray(),
      db.checklistRuns.toArray(),
      db.followUps.toArray(),
      db.purchases.toArray(),
    ]);
  const visitById = new Map(visits.map((v) => [v.id, v]));
  const keptRuns: ReportRunRow[] = [];
  for (const r of runs) {
    const v = visitById.get(r.visitId);
    if (v && isFinishedVisit(v))
      keptRuns.push({
        id: r.id,
        finishedAt: v.finishedAt!,
        visit: keptVisit(v),
        run: keptRun(r, v.kind),
      });
  }
  const days = lastContactDays(contacts, visits, notes);
  const first = firstPurchaseDays(purchases);
  const rows = new Map<string, ReportClientRow>();
  const row = (id: string, client: ReportClientRow['client']): ReportClientRow => ({
    id,
    client,
    lastContact: days.get(id) ?? null,
    firstPurchase: first.get(id) ?? null,
  });
  for (const c of clients) rows.set(c.id, row(c.id, reportClient(c)));
  for (const id of [...days.keys(), ...first.keys()])
    if (!rows.has(id)) rows.set(id, row(id, null));
  return {
    clients: [...rows.values()].sort((a, b) => a.id.localeCompare(b.id)),
    problems: problems.map((p) => ({
      id: p.id,
      marks: problemMarks(p),
      problem: reportProblem(p),
    })),
    runs: keptRuns,
    followUps: followUps.map(reportFollowUp),
  };
}

async function kept(db: FieldbookDb) {
  return {
    clients: ((await db.table(REPORT_CLIENTS.name).toArray()) as ReportClientRow[]).sort((a, b) =>
      a.id.localeCompare(b.id),
    ),
    problems: (await db.table(REPORT_PROBLEMS.name).toArray()) as ReportProblemRow[],
    runs: (await db.table(REPORT_RUNS.name).toArray()) as ReportRunRow[],
    followUps: await db.table(REPORT_FOLLOW_UPS.name).toArray(),
  };
}

const PACKS = [
  REPORT_CLIENT_PACKS,
  REPORT_FOLLOW_UP_PACKS,
  REPORT_RUN_PACKS,
  REPORT_MOOD_PACKS,
] as const;

/** Each packed store holds its row store's rows, each once, in the pack it belongs in. */
async function packsMatchRows(db: FieldbookDb) {
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  for (const p of PACKS) {
    const packs = (await db.table(p.name).toArray()) as Pack<{ id: string }>[];
    for (const pack of packs) {
      expect(pack.rows.length, `${p.name} ${pack.pack} is not empty`).toBeGreaterThan(0);
      for (const row of pack.rows)
        expect((p.packOf as (r: { id: string }) => string)(row), p.name).toBe(pack.pack);
    }
    const rows = (await db.table(p.packs.name).toArray()) as never[];
    const slim = (p.slim as (r: never) => { id: string } | null) ?? null;
    const slimmed = rows.map(slim).filter((r): r is { id: string } => r !== null);
    expect(unpack(packs).sort(byId), p.name).toEqual(slimmed.sort(byId));
    expect(await db.meta.get(p.stale!)).toBeUndefined();
  }
}

async function fill(db: FieldbookDb, book: ReportBook) {
  for (const t of BOOK_TABLES) await db.table(t).bulkPut([...book[t]]);
  if (book.cadence) await db.meta.put({ key: CADENCE_SETTINGS_KEY, value: book.cadence });
}

/** The month's report through the kept stores equals the report over every row. */
async function sameReports(db: FieldbookDb, asks: readonly (readonly [string, string])[]) {
  const cadence =
    ((await db.meta.get(CADENCE_SETTINGS_KEY))?.value as ReportBook['cadence']) ??
    DEFAULT_CADENCE_SETTINGS;
  const whole = { ...(await loadReportBook(db)), cadence };
  for (const [month, today] of asks) {
    const read = await loadMonthBook(db, month, today);
    expect(teamReport(read, month, today)).toEqual(teamReport(whole, month, today));
    expect(monthlyReport(read, month, today)).toEqual(monthlyReport(whole, month, today));
    // The team's month, added up from the reps' tallies, is the whole book's month counted once.
    expect(teamReport(whole, month, today).total).toEqual(monthlyReport(whole, month, today));
  }
}

const asksArb = fc.array(fc.tuple(monthArb, todayArb), { minLength: 1, maxLength: 2 });

describe("the report's kept clients and problems", () => {
  it('equal a count over the rows after any history of writes, and the month read through them is the whole book’s report', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        bookArb,
        fc.array(opArb, { maxLength: 14 }),
        asksArb,
        async (book, ops, asks) => {
          const db = createDb(`kept-${++run}-${Math.random()}`);
          await db.open();
          try {
            await fill(db, book);
            for (const op of ops) await apply(db, op);
            expect(await kept(db)).toEqual(await recounted(db));
            expect(await db.meta.get(REPORT_CLIENTS.stale!)).toBeUndefined();
            await packsMatchRows(db);
            await sameReports(db, asks);
          } finally {
            db.close();
            await db.delete();
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 240_000);

  it('are built from the rows when a book of schema v4 opens at v5, and the report reads them', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(bookArb, asksArb, async (book, asks) => {
        const name = `kept-upgrade-${++run}-${Math.random()}`;
        const old = createDb(
          name,
          SCHEMA_VERSIONS.filter((v) => v.version < 5),
        );
        await old.open();
        await fill(old, book);
        expect(old.tables.some((t) => t.name === REPORT_CLIENTS.name)).toBe(false);
        old.close();
        const db = createDb(name);
        await db.open();
        try {
          const built = await kept(db);
          expect(built).toEqual(await recounted(db));
          await packsMatchRows(db);
          expect(built.clients.filter((r) => r.client !== null)).toHaveLength(book.clients.length);
          await sameReports(db, asks);
        } finally {
          db.close();
          await db.delete();
        }
      }),
      { numRuns: 30 },
    );
  }, 120_000);

  it('are not trusted once keeping them failed: the report reads the rows and stays right', async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, asksArb, (book, asks) =>
        // What a failed keeping leaves: a mark, and kept rows that no longer say the truth.
        staleBook(book, asks, [REPORT_CLIENTS, REPORT_PROBLEMS, REPORT_RUNS, REPORT_FOLLOW_UPS]),
      ),
      { numRuns: 20 },
    );
  }, 120_000);

  it('are read in packs only while the packs are trusted: stale packs send the report to the rows', async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, asksArb, (book, asks) => staleBook(book, asks, PACKS)),
      { numRuns: 20 },
    );
  }, 120_000);
});

/** A book whose kept stores `stale` failed to keep (marked, emptied): the report stays right. */
async function staleBook(
  book: ReportBook,
  asks: readonly (readonly [string, string])[],
  stale: readonly { name: string; stale?: string }[],
) {
  const db = createDb(`kept-stale-${Math.random()}`);
  await db.open();
  try {
    await fill(db, book);
    for (const k of stale) {
      await db.meta.put({ key: k.stale!, value: true });
      await db.table(k.name).clear();
    }
    await sameReports(db, asks);
  } finally {
    db.close();
    await db.delete();
  }
}
