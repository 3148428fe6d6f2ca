/**
 * The manager's first pull of the team's book (issue 12, item 4): 20 reps' demo books (2,500
 * clients and 25k notes each at full size: 50k clients, 500k notes) on the sync server, then a
 * manager signs in on an empty Chromium profile and pulls all of it with the app's own engine and
 * the browser build's transport (tests/bench/page/syncPage.ts).
 *
 * - `team.firstPull.50k_clients.ms`: from "Sync now" to every page applied;
 * - `team.firstPull.50k_clients.rate`: records per second of that pull;
 * - `team.firstPull.50k_clients.ofFloor`: bare bulkPut of the same records into an empty
 *   database of the app's schema, 1000 to a transaction (what IndexedDB alone costs), over the
 *   pull's time: 1 is a pull as fast as IndexedDB allows.
 * - `team.firstPull.50k_clients.ofFloorInPullOrder`: the same, the floor writing the records in
 *   the order the pull gets them (the server's version order, random in keys; 1000 rows a
 *   transaction as a page). In key order IndexedDB's store does less work, and the more so the
 *   bigger the book, so `ofFloor` understates a pull at 50k. Only with BENCH_TEAM_PULL_ORDER_FLOOR=1:
 *   at 50k it adds about 8 min, past run.ts's 30 min per bench (set BENCH_TIMEOUT_S=3600).
 *
 * Each run also prints the CPU each process spent on the pull (cpuSplit.ts): the server, its
 * PostgreSQL backends, Chromium's renderer and its browser process (IndexedDB's store).
 *
 * The books are written straight into the server's database (teamSeed.ts: minutes, where pushing
 * them through the API took 1.5–2 h); before that, a small team pushed through the API must pull
 * the same as the same books seeded so (teamSeedCheck.ts; BENCH_TEAM_PULL_CHECK=0 skips it).
 * BENCH_TEAM_PULL_SEED=push pushes the big team through the API instead.
 *
 * The server runs in this process, on PostgreSQL in a schema of its own when DATABASE_URL is set
 * (else embedded PGlite). BENCH_TEAM_PULL_KEEP=<schema> keeps that schema after the run and reuses
 * it, seeded, when its size matches: repeated runs skip the seeding. BENCH_TEAM_PULL_CLIENTS /
 * BENCH_TEAM_PULL_NOTES set another size, named in the figures (`team.firstPull.2k_clients.ms`).
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Db } from '../../server/db/db';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { startServer } from '../../server/start';
import { randomHex } from '../../shared/ids';
import { DEMO_BOOK_SIZES } from '../../shared/demo';
import { cpuBetween, cpuSnapshot, describeCpu, watchCpu, type CpuSnapshot } from './cpuSplit';
import { buildBenchPage, serveBenchPage, withBenchPage } from './chromium';
import { benchRuns, metricFromRuns, type Metric } from './metric';
import type { SyncPullResult } from './page/syncPage';
import { seedTeamBooks } from './teamSeed';
import { addBenchTeam, checkSeedMatchesPush, pushRepBook, TEAM_PASSWORD } from './teamSeedCheck';

const REPS = 20;
const CLIENTS = Number(process.env.BENCH_TEAM_PULL_CLIENTS ?? DEMO_BOOK_SIZES['50k'].clients);
const NOTES = Number(process.env.BENCH_TEAM_PULL_NOTES ?? DEMO_BOOK_SIZES['50k'].notes);
const KEEP = process.env.BENCH_TEAM_PULL_KEEP;
const ORDER_FLOOR = process.env.BENCH_TEAM_PULL_ORDER_FLOOR === '1';
/** The small team of the seed check: a few seconds of pushes. */
const CHECK_SIZE = { reps: 3, clients: 30, notes: 300 };

/** What a kept schema says it holds. */
interface SeededTeam {
  clients: number;
  notes: number;
  total: number;
  manager: string;
}

interface ServerStore {
  db: Db;
  /** The team a kept schema already holds, at this size. */
  seeded: SeededTeam | null;
  remember(team: SeededTeam): Promise<void>;
  cleanup(): Promise<void>;
}

async function adminQuery(url: string, sql: string, params: unknown[] = []) {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    return await admin.query(sql, params);
  } finally {
    await admin.end();
  }
}

async function openServerDb(): Promise<ServerStore> {
  const url = process.env.DATABASE_URL;
  if (KEEP !== undefined && !url) throw new Error('BENCH_TEAM_PULL_KEEP needs DATABASE_URL');
  if (KEEP !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(KEEP))
    throw new Error('BENCH_TEAM_PULL_KEEP: a schema name of lowercase letters, digits and _');
  if (url) {
    const schema = KEEP ?? `fbteam_${randomHex(4)}`;
    let seeded: SeededTeam | null = null;
    if (KEEP !== undefined) {
      const { rows } = await adminQuery(url, `SELECT to_regclass($1) IS NOT NULL AS kept`, [
        `${schema}.bench_team_pull`,
      ]);
      if (rows[0]?.kept) {
        const found = await adminQuery(url, `SELECT * FROM ${schema}.bench_team_pull`);
        const team = found.rows[0] as SeededTeam | undefined;
        if (team && team.clients === CLIENTS && team.notes === NOTES) seeded = team;
      }
      if (!seeded) await adminQuery(url, `DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    }
    if (!seeded) await adminQuery(url, `CREATE SCHEMA ${schema}`);
    const db = openPostgres({ connectionString: url, schema, maxConnections: 10 });
    return {
      db,
      seeded,
      async remember(team) {
        if (KEEP === undefined) return;
        await db.query(
          'CREATE TABLE bench_team_pull (clients int, notes int, total int, manager text)',
        );
        await db.query('INSERT INTO bench_team_pull VALUES ($1, $2, $3, $4)', [
          team.clients,
          team.notes,
          team.total,
          team.manager,
        ]);
      },
      async cleanup() {
        await db.close();
        if (KEEP === undefined) await adminQuery(url, `DROP SCHEMA ${schema} CASCADE`);
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'fb-team-pull-'));
  const db = await openPglite(dir);
  return {
    db,
    seeded: null,
    remember: async () => undefined,
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function sizeName(clients: number): string {
  return clients % 1000 === 0 ? `${clients / 1000}k_clients` : `${clients}_clients`;
}

/** The big team: seeded directly (or pushed, BENCH_TEAM_PULL_SEED=push); its manager's e-mail. */
async function seedBigTeam(db: Db, serverUrl: string): Promise<SeededTeam> {
  const started = Date.now();
  const team = await addBenchTeam(db, REPS);
  const size = { clients: Math.ceil(CLIENTS / REPS), notes: Math.ceil(NOTES / REPS) };
  const seeds = team.repIds.map((_, r) => `team-${r}`);
  let total = 0;
  if (process.env.BENCH_TEAM_PULL_SEED === 'push') {
    for (let r = 0; r < REPS; r++)
      total += await pushRepBook(serverUrl, team.repEmails[r]!, seeds[r]!, size);
  } else {
    total = await seedTeamBooks(db, {
      teamId: team.teamId,
      reps: team.repIds.map((userId, r) => ({ userId, seed: seeds[r]! })),
      ...size,
    });
  }
  // Fresh statistics, as a server that took these pushes over days would have.
  await db.exec('ANALYZE');
  console.error(
    `  ${REPS} reps' books: ${total} records in ${((Date.now() - started) / 1000).toFixed(0)} s`,
  );
  return { clients: CLIENTS, notes: NOTES, total, manager: team.manager };
}

export async function runTeamFirstPullBench(): Promise<Metric[]> {
  const store = await openServerDb();
  const { app, db } = await startServer(store.db, {
    logger: false,
    webApp: false,
    rate: { burst: 1e9, perSecond: 1e9 },
    loginRate: { burst: 1e9, perSecond: 1e9 },
  });
  const ms: number[] = [];
  const rates: number[] = [];
  const ofFloor: number[] = [];
  const ofPullOrderFloor: number[] = [];
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const serverUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    let team = store.seeded;
    if (team) {
      console.error(`  kept schema ${KEEP}: ${team.total} records already seeded`);
    } else {
      if (process.env.BENCH_TEAM_PULL_CHECK !== '0') {
        const compared = await checkSeedMatchesPush(db, serverUrl, CHECK_SIZE);
        console.error(`  seed check: ${compared} records pulled alike, pushed or seeded`);
      }
      team = await seedBigTeam(db, serverUrl);
      await store.remember(team);
    }
    const { manager, total } = team;
    await buildBenchPage();
    const page = await serveBenchPage();
    try {
      for (let run = 0; run < benchRuns(); run++) {
        const marks = new Map<string, CpuSnapshot>();
        const result: SyncPullResult = await withBenchPage(
          page.url,
          () => window.fieldbookSyncBench !== undefined,
          async (tab) => {
            const pgPids = async () =>
              (
                await db.query<{ pid: number }>(
                  'SELECT pid FROM pg_stat_activity WHERE datname = current_database()',
                )
              ).rows.map((r) => r.pid);
            let watch: ReturnType<typeof watchCpu> | null = null;
            await tab.exposeFunction('fieldbookBenchMark', async (mark: string) => {
              if (mark === 'pull-start') {
                marks.set(mark, cpuSnapshot(await pgPids()));
                watch = watchCpu(pgPids);
              } else if (watch) {
                marks.set(mark, await watch.stop());
              }
            });
            return tab.evaluate((o) => window.fieldbookSyncBench!.firstPull(o), {
              serverUrl,
              email: manager,
              password: TEAM_PASSWORD,
              floorInPullOrder: ORDER_FLOOR,
            });
          },
        );
        if (result.problem !== null) throw new Error(`manager's pull: ${result.problem}`);
        if (result.pulled !== total)
          throw new Error(`the manager pulled ${result.pulled} of ${total} records`);
        console.error(
          `  run ${run + 1}: ${result.pulled} records (${result.clients} clients) in ` +
            `${Math.round(result.ms)} ms; longest task ${Math.round(result.longestTaskMs)} ms; ` +
            `bare bulkPut of the same records ${Math.round(result.floorMs)} ms in key order` +
            (result.floorInPullOrderMs === null
              ? ''
              : `, ${Math.round(result.floorInPullOrderMs)} ms in the pull's order`),
        );
        const [from, to] = [marks.get('pull-start'), marks.get('pull-end')];
        if (from && to && db.kind === 'postgres')
          console.error(`    ${describeCpu(cpuBetween(from, to), result.ms)}`);
        ms.push(result.ms);
        rates.push(result.pulled / (result.ms / 1000));
        ofFloor.push(result.floorMs / result.ms);
        if (result.floorInPullOrderMs !== null)
          ofPullOrderFloor.push(result.floorInPullOrderMs / result.ms);
      }
    } finally {
      await page.close();
    }
  } finally {
    await app.close();
    await store.cleanup();
  }
  const name = `team.firstPull.${sizeName(CLIENTS)}`;
  return [
    // No goal was set; a minute is what a manager would wait once, on a first sign-in.
    metricFromRuns(`${name}.ms`, ms, { unit: 'ms', goal: 60_000, better: 'lower' }),
    metricFromRuns(`${name}.rate`, rates, { unit: 'records/s', goal: 10_000, better: 'higher' }),
    // Issue 13's bar for a first pull, as sync.client.firstPull.chromium.ofFloor.
    metricFromRuns(`${name}.ofFloor`, ofFloor, { unit: 'ratio', goal: 0.8, better: 'higher' }),
    // The same floor written in the pull's own order: what IndexedDB allows for these pages.
    ...(ofPullOrderFloor.length > 0
      ? [
          metricFromRuns(`${name}.ofFloorInPullOrder`, ofPullOrderFloor, {
            unit: 'ratio',
            goal: 0.8,
            better: 'higher',
          }),
        ]
      : []),
  ];
}
