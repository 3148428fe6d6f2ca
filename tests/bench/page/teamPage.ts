/**
 * The team view's first screen on the bench page (tests/bench/team.bench.ts): the month's rows
 * read as renderer/features/team/data/useTeamReport.ts reads them (loadMonthBook), then the
 * team's month computed by shared/domain/report.ts teamReport, from the open database.
 */
import { DB_NAME } from '../../../renderer/data/db';
import { openDatabase } from '../../../renderer/data/open';
import { packRange, unpack, type Pack } from '../../../renderer/data/keptPacks';
import { OTHER_RUNS } from '../../../renderer/data/reportRuns';
import { loadMonthBook } from '../../../renderer/features/reports';
import type { Client } from '../../../shared/domain/client';
import { teamReport } from '../../../shared/domain/report';
import { reportProblemMarks, reportRange } from '../../../shared/domain/reportBounds';

export interface TeamScreenResult {
  /** openDatabase, as the app's start does it (the first open of an older profile upgrades it). */
  openMs: number;
  /** The rows the team view reads (loadMonthBook). */
  readMs: number;
  /** teamReport over them: each rep's month and the team's. */
  computeMs: number;
  /** Read and computed: the team view's first screen, from the open database. */
  ms: number;
  clients: number;
  /** Rows read besides the clients (the month's, and the notes of the last cadence's days). */
  rows: number;
  /** The read's steps, ms each (they overlap: one transaction, two rounds). */
  steps: Record<string, number>;
  /** Reps with a row on that screen, to check the figure is about a spread book. */
  reps: number;
  /** The team's visits in the month, to check the month is not empty. */
  visits: number;
}

export interface TeamBenchApi {
  /**
   * Gives the clients owners round-robin over `owners` (by id order): how many changed, and how
   * long the open took (the first open of an older profile upgrades it).
   */
  spreadOwners(owners: string[]): Promise<{ changed: number; openMs: number }>;
  teamFirstScreen(month: string, today: string): Promise<TeamScreenResult>;
  /** Each of the month's reads alone, one after another (ms each): what each costs unshared. */
  readsAlone(month: string): Promise<Record<string, number>>;
}

declare global {
  interface Window {
    fieldbookTeamBench?: TeamBenchApi;
  }
}

const api: TeamBenchApi = {
  async spreadOwners(owners) {
    const begun = performance.now();
    const db = await openDatabase(DB_NAME);
    const openMs = performance.now() - begun;
    let changed = 0;
    let i = 0;
    let last: string | null = null;
    try {
      for (;;) {
        const page: Client[] =
          last === null
            ? await db.clients.orderBy(':id').limit(5000).toArray()
            : await db.clients.where(':id').above(last).limit(5000).toArray();
        if (page.length === 0) break;
        const spread = page.map((c) => ({ ...c, ownerId: owners[i++ % owners.length]! }));
        changed += spread.filter((c, k) => c.ownerId !== page[k]!.ownerId).length;
        await db.clients.bulkPut(spread);
        last = page[page.length - 1]!.id;
      }
    } finally {
      db.close();
    }
    return { changed, openMs };
  },

  async readsAlone(month) {
    const db = await openDatabase(DB_NAME);
    const r = reportRange(month);
    const out: Record<string, number> = {};
    const time = async (step: string, read: () => Promise<unknown[]>) => {
      const begun = performance.now();
      const rows = await read();
      out[`${step}(${rows.length})`] = Math.round(performance.now() - begun);
    };
    try {
      await time('reportClients', () => db.table('reportClients').toArray());
      await time('reportFollowUps', () =>
        db.table('reportFollowUps').where('due').between(r.from, r.next).toArray(),
      );
      await time('followUps', () => db.followUps.where('due').between(r.from, r.next).toArray());
      await time('contacts', () => db.contacts.where('at').between(r.from, r.next).toArray());
      await time('visits', () => db.visits.where('finishedAt').between(r.from, r.next).toArray());
      await time('reportRuns', () =>
        db.table('reportRuns').where('finishedAt').below(r.next).toArray(),
      );
      await time('problemMarks', () =>
        db.table('reportProblems').where('marks').anyOf(reportProblemMarks(r)).primaryKeys(),
      );
      const ids = (await db
        .table('reportProblems')
        .where('marks')
        .anyOf(reportProblemMarks(r))
        .primaryKeys()) as string[];
      await time('problemsByKey', () => db.problems.bulkGet([...new Set(ids)].sort()));
      // The packs (schema v9) the loader reads instead of the row stores.
      await time('clientPacks', async () =>
        unpack(await db.table<Pack<unknown>>('reportClientPacks').toArray()),
      );
      await time('followUpPacks', async () =>
        unpack(
          await db
            .table<Pack<unknown>>('reportFollowUpPacks')
            .where('pack')
            .between(...packRange(r.from, r.next))
            .toArray(),
        ),
      );
      // The run packs of the month (post-sale, then the other visits'), as the loader reads them
      // with the kept moods (schema v14), and the moods.
      await time('runPacks', async () => {
        const packs = db.table<Pack<unknown>>('reportRunPacks').where('pack');
        return [
          ...unpack(await packs.between(...packRange(month, r.next)).toArray()),
          ...unpack(
            await packs.between(...packRange(OTHER_RUNS + month, OTHER_RUNS + r.next)).toArray(),
          ),
        ];
      });
      await time('moodPacks', async () =>
        unpack(await db.table<Pack<unknown>>('reportMoodPacks').toArray()),
      );
      // The kept reads again, all at once in one transaction, as the loader asks them.
      const kept = ['reportClients', 'reportFollowUps', 'reportRuns', 'contacts', 'visits'];
      await time('keptAtOnce', () =>
        db.transaction('r', kept, async () =>
          (
            await Promise.all([
              db.table('reportClients').toArray(),
              db.table('reportFollowUps').where('due').between(r.from, r.next).toArray(),
              db.table('reportRuns').where('finishedAt').below(r.next).toArray(),
              db.contacts.where('at').between(r.from, r.next).toArray(),
              db.visits.where('finishedAt').between(r.from, r.next).toArray(),
            ])
          ).flat(),
        ),
      );
    } finally {
      db.close();
    }
    return out;
  },

  async teamFirstScreen(month, today) {
    const begun = performance.now();
    const db = await openDatabase(DB_NAME);
    const opened = performance.now();
    try {
      const steps: Record<string, number> = {};
      const book = await loadMonthBook(db, month, today, (step, ms) => {
        steps[step] = Math.round(ms);
      });
      const read = performance.now();
      const report = teamReport(book, month, today);
      const computed = performance.now();
      return {
        openMs: opened - begun,
        readMs: read - opened,
        computeMs: computed - read,
        ms: computed - opened,
        clients: book.clients.length,
        rows:
          book.purchases.length +
          book.visits.length +
          book.checklistRuns.length +
          book.followUps.length +
          book.problems.length +
          book.contacts.length,
        steps,
        reps: report.reps.length,
        visits: report.reps.reduce((n, r) => n + r.report.visits.total, 0),
      };
    } finally {
      db.close();
    }
  },
};

window.fieldbookTeamBench = api;
