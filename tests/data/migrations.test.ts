/**
 * The migration harness: for every schema version, build a database exactly as that version left
 * it, fill it, close it, and reopen it with the current schema. Every row must survive and every
 * synced record must pass today's schema, and today's indexes must find the old rows. Each new
 * version adds a fixture below.
 */
import { describe, it, expect } from 'vitest';
import Dexie from 'dexie';
import { createDb } from '../../renderer/data/db';
import { SCHEMA_VERSIONS, CURRENT_SCHEMA_VERSION, KEPT_STORES } from '../../renderer/data/schema';
import { Repository } from '../../renderer/data/repository';
import {
  emptyClientDraft,
  emptyPersonDraft,
  saveClient,
} from '../../renderer/features/clients/data/clients';
import { newFollowUp, SYNCED_SCHEMAS, SYNCED_TABLES, type FollowUp } from '../../shared/domain';
import {
  FOLLOW_UP_TALLY,
  FOLLOW_UP_TALLY_V4,
  type FollowUpTallyRow,
} from '../../renderer/data/followUpTally';
import {
  REPORT_CLIENTS,
  REPORT_CLIENT_PACKS,
  type ReportClientRow,
} from '../../renderer/data/reportClients';
import { REPORT_FOLLOW_UP_PACKS } from '../../renderer/data/reportFollowUps';
import {
  REPORT_MOOD_PACKS,
  REPORT_RUNS,
  REPORT_RUN_PACKS,
  type ReportRunRow,
} from '../../renderer/data/reportRuns';
import { unpack, type Pack } from '../../renderer/data/keptPacks';
import { REPORT_PROBLEMS, type ReportProblemRow } from '../../renderer/data/reportProblems';
import { reportClient, reportProblem, type ReportClient } from '../../shared/domain/report';
import { problemMarks } from '../../shared/domain/reportBounds';
import { lastContactDays } from '../../shared/domain/followups/contactGaps';
import type { ContactLogEntry, Note, Problem, Visit } from '../../shared/domain';
import { checklistRun, contact, note, problem, purchase, visit } from '../unit/followups/book';
import { POST_SALE_ITEMS } from '../../shared/domain/templates/postSale';

/**
 * Fills a database created at `version` as the app of that version would: clients with people, a
 * trashed client, and follow-ups open, snoozed and trashed by the rules.
 */
async function fill(name: string, version: number) {
  const db = createDb(
    name,
    SCHEMA_VERSIONS.filter((v) => v.version <= version),
  );
  const repo = new Repository(db);
  for (let i = 0; i < 20; i++) {
    await saveClient(repo, {
      client: { ...emptyClientDraft(), name: `Клиент ${i}`, tags: ['опт', `t${i % 3}`] },
      person: {
        ...emptyPersonDraft(),
        name: `Person ${i}`,
        birthday: '--02-29',
        children: [{ name: 'Маша', birthday: '2015-06-01' }],
      },
    });
  }
  const first = await db.clients.orderBy('id').first();
  await repo.trash('clients', first!.id);
  const last = await db.clients.orderBy('id').last();
  const followUp = (due: string, title: string) =>
    repo.create(
      'followUps',
      newFollowUp({
        clientId: last!.id,
        due,
        title,
      }),
    );
  await followUp('2025-03-01', 'Open');
  const snoozed = await followUp('2025-03-02', 'Snoozed');
  await repo.update('followUps', snoozed.id, { status: 'snoozed', snoozedUntil: '2025-03-20' });
  const removed = await followUp('2025-03-03', 'Removed by the rules');
  await repo.trash('followUps', removed.id);
  // A finished post-sale visit with its run (a low rating: a mood the kept moods of v13/v14 hold),
  // one still open and a note: the month's report finds them by day.
  const postSale = visit(last!.id, {
    kind: 'post_sale',
    status: 'finished',
    startedAt: '2025-03-04T10:00:00+03:00',
    finishedAt: '2025-03-04T11:00:00+03:00',
  });
  await db.visits.bulkAdd([
    postSale,
    visit(last!.id, { kind: 'closing', status: 'draft', finishedAt: null }),
  ]);
  await db.checklistRuns.add(checklistRun(postSale, { [POST_SALE_ITEMS.satisfaction]: 2 }));
  await db.notes.add(note(last!.id, '2025-03-06T10:00:00Z'));
  // A logged call for another client, one trashed, and problems open and closed: what the
  // report's kept stores (v5) are built from.
  const second = (await db.clients.orderBy('id').offset(1).first())!;
  await db.contacts.bulkAdd([
    contact(second.id, '2025-02-10T09:00:00+03:00'),
    contact(second.id, '2025-03-10T09:00:00+03:00', { deletedAt: '2025-03-11T00:00:00Z' }),
  ]);
  // Purchases, one trashed and earlier: the kept clients' first purchase day (v9) is the live one.
  await db.purchases.bulkAdd([
    purchase(last!.id, { date: '2025-01-20' }),
    purchase(last!.id, { date: '2025-02-11' }),
    purchase(last!.id, { date: '2024-12-01', deletedAt: '2025-01-02T00:00:00Z' }),
  ]);
  await db.problems.bulkAdd([
    problem(last!.id, { status: 'open', createdAt: '2025-03-05T10:00:00Z' }),
    problem(second.id, { status: 'fixed', createdAt: '2025-01-05T10:00:00Z' }),
  ]);
  db.close();
}

const FIXTURES: Record<number, (name: string) => Promise<void>> = {
  1: (name) => fill(name, 1),
  2: (name) => fill(name, 2),
  3: (name) => fill(name, 3),
  4: (name) => fill(name, 4),
  5: (name) => fill(name, 5),
  6: (name) => fill(name, 6),
  7: (name) => fill(name, 7),
  8: (name) => fill(name, 8),
  9: (name) => fill(name, 9),
  10: (name) => fill(name, 10),
  11: (name) => fill(name, 11),
  12: (name) => fill(name, 12),
  13: (name) => fill(name, 13),
  14: (name) => fill(name, 14),
};

async function snapshot(name: string) {
  const db = createDb(name);
  await db.open();
  const tables: Record<string, unknown[]> = {};
  for (const t of [
    ...SYNCED_TABLES,
    'outbox',
    'meta',
    'conflicts',
    ...KEPT_STORES.map((k) => k.name),
  ])
    tables[t] = await db.table(t).toArray();
  const version = db.verno;
  db.close();
  return { tables, version };
}

describe('schema migrations', () => {
  it('every schema version has a fixture', () => {
    for (const v of SCHEMA_VERSIONS)
      expect(FIXTURES[v.version], `fixture for v${v.version}`).toBeTypeOf('function');
  });

  for (const v of SCHEMA_VERSIONS) {
    it(`a database created by version ${v.version} opens at version ${CURRENT_SCHEMA_VERSION} without losing a row`, async () => {
      const name = `migrate-from-${v.version}-${Math.random()}`;
      await FIXTURES[v.version]!(name);
      const raw = createDb(
        name,
        SCHEMA_VERSIONS.filter((s) => s.version <= v.version),
      );
      await raw.open();
      const before: Record<string, number> = {};
      for (const t of raw.tables) before[t.name] = await t.count();
      raw.close();

      const after = await snapshot(name);
      expect(after.version).toBe(CURRENT_SCHEMA_VERSION);
      // The tally by kind and day (v4, v5) was dropped by v6 for one by owner too.
      delete before[FOLLOW_UP_TALLY_V4];
      for (const [table, count] of Object.entries(before))
        expect(after.tables[table], table).toHaveLength(count);
      expect(after.tables.clients!.length).toBe(20);
      for (const table of SYNCED_TABLES) {
        for (const row of after.tables[table]!)
          expect(SYNCED_SCHEMAS[table].safeParse(row).success, `${table} row valid`).toBe(true);
      }
      // The follow-up tally (v6) counts the live open follow-ups of the rows already there, per
      // owner, kind and day.
      const tally: Record<string, number> = {};
      for (const f of after.tables.followUps as FollowUp[]) {
        const key = `${f.ownerId} ${f.kind} ${f.due}`;
        if (f.status === 'open' && f.deletedAt === null) tally[key] = (tally[key] ?? 0) + 1;
      }
      expect(
        Object.fromEntries(
          (after.tables[FOLLOW_UP_TALLY.name] as FollowUpTallyRow[]).map((r) => [
            `${r.ownerId} ${r.kind} ${r.due}`,
            r.open,
          ]),
        ),
      ).toEqual(tally);
      expect(Object.keys(tally).length).toBeGreaterThan(0);
      // The report's kept clients (v5): each client's report fields and its last contact over
      // the rows already there; each problem's marks.
      const days = lastContactDays(
        after.tables.contacts as ContactLogEntry[],
        after.tables.visits as Visit[],
        after.tables.notes as Note[],
      );
      expect(days.size).toBe(2);
      const buyer = (after.tables.purchases as { clientId: string }[])[0]!.clientId;
      expect(after.tables[REPORT_CLIENTS.name] as ReportClientRow[]).toEqual(
        (after.tables.clients as ReportClient[]).map((c) => ({
          id: c.id,
          client: reportClient(c),
          lastContact: days.get(c.id) ?? null,
          // The first purchase day (v10), of the live purchases only.
          firstPurchase: c.id === buyer ? '2025-01-20' : null,
        })),
      );
      expect(after.tables[REPORT_PROBLEMS.name] as ReportProblemRow[]).toEqual(
        (after.tables.problems as Problem[]).map((p) => ({
          id: p.id,
          marks: problemMarks(p),
          problem: reportProblem(p),
        })),
      );
      expect(after.tables.problems).toHaveLength(2);
      // The packs (v9) hold their row stores' rows, each in its pack.
      // (v13: the moods, one for each live post-sale run of a finished visit.)
      for (const p of [
        REPORT_CLIENT_PACKS,
        REPORT_FOLLOW_UP_PACKS,
        REPORT_RUN_PACKS,
        REPORT_MOOD_PACKS,
      ]) {
        const packs = after.tables[p.name] as Pack<{ id: string }>[];
        const packOf = p.packOf as (row: { id: string }) => string;
        const slim = p.slim as (row: unknown) => { id: string } | null;
        for (const pack of packs) for (const row of pack.rows) expect(packOf(row)).toBe(pack.pack);
        const ids = (rows: ({ id: string } | null)[]) =>
          rows.flatMap((r) => (r ? [r.id] : [])).sort();
        expect(ids(unpack(packs)), p.name).toEqual(
          ids((after.tables[p.packs.name] as unknown[]).map(slim)),
        );
      }
      const runs = after.tables[REPORT_RUNS.name] as ReportRunRow[];
      expect(runs).toHaveLength(1);
      expect(unpack(after.tables[REPORT_MOOD_PACKS.name] as Pack<unknown>[])).toEqual([
        {
          id: runs[0]!.id,
          clientId: runs[0]!.visit.clientId,
          finishedAt: '2025-03-04T11:00:00+03:00',
          // (v14: the scores, where v13 kept only that the mood was low.)
          satisfaction: 2,
          recommend: null,
        },
      ]);
      expect(unpack(after.tables[REPORT_FOLLOW_UP_PACKS.name] as Pack<unknown>[])).toHaveLength(3);
      // Indexes a later version added are built over the rows already there.
      const db = createDb(name);
      expect(
        await db.followUps
          .where('[status+kind+due]')
          .between(['open', 'custom', Dexie.minKey], ['open', 'custom', Dexie.maxKey])
          .count(),
      ).toBe(2);
      expect(
        (
          await db.followUps
            .where('[status+kind+due+deletedAt]')
            .between(
              ['open', 'custom', Dexie.minKey, Dexie.minKey],
              // One maxKey per key: the same array twice in a key is refused.
              ['open', 'custom', '9999-12-31', Dexie.maxKey],
            )
            .toArray()
        ).map((f) => f.title),
      ).toEqual(['Removed by the rules']);
      expect(await db.visits.where('finishedAt').between('2025-03', '2025-04').count()).toBe(1);
      expect(
        await db.visits
          .where('[kind+finishedAt]')
          .between(['post_sale', Dexie.minKey], ['post_sale', '2025-04'])
          .count(),
      ).toBe(1);
      expect(
        await db.notes.where('[createdAt+clientId]').aboveOrEqual(['2025-03-06', '']).count(),
      ).toBe(1);
      expect(
        await db.visits.where('[startedAt+clientId]').aboveOrEqual(['2025-03-06', '']).count(),
      ).toBe(0);
      expect(
        await db.visits.where('[startedAt+clientId]').aboveOrEqual(['2025-03-04', '']).count(),
      ).toBe(2);
      db.close();
      await createDb(name).delete();
    });
  }
});
