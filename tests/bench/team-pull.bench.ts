/**
 * The manager's first pull of the team's book (issue 12, item 4): 20 reps each push their own
 * demo book (2,500 clients and 25k notes each at full size: 50k clients, 500k notes) to the sync
 * server, then a manager signs in on an empty Chromium profile and pulls all of it with the app's
 * own engine and the browser build's transport (tests/bench/page/syncPage.ts).
 *
 * - `team.firstPull.50k_clients.ms`: from "Sync now" to every page applied;
 * - `team.firstPull.50k_clients.rate`: records per second of that pull.
 *
 * The server runs in this process over embedded PGlite (DATABASE_URL set: a schema of its own
 * in PostgreSQL); the reps push from this process over fake-indexeddb, unmeasured. Pushing 1.2M
 * records takes long on a busy machine: BENCH_TEAM_PULL_CLIENTS / BENCH_TEAM_PULL_NOTES set
 * another size, named in the figures (`team.firstPull.2k_clients.ms`).
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { addTeam, addUser } from '../../server/accounts/accounts';
import type { Db } from '../../server/db/db';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { startServer } from '../../server/start';
import { createSyncHttp, type SyncFetch } from '../../shared/ipc-sync';
import { randomHex } from '../../shared/ids';
import { DEMO_BOOK_SIZES, generateDemoBook } from '../../shared/demo';
import { createDb } from '../../renderer/data/db';
import { Repository } from '../../renderer/data/repository';
import { createDesktopSyncTransport } from '../../renderer/sync/desktopTransport';
import { SyncEngine } from '../../renderer/sync/engine';
import { ManualTimers } from '../unit/sync-client/timers';
import { buildBenchPage, serveBenchPage, withBenchPage } from './chromium';
import { benchRuns, metricFromRuns, type Metric } from './metric';
import type { SyncPullResult } from './page/syncPage';

const REPS = 20;
const CLIENTS = Number(process.env.BENCH_TEAM_PULL_CLIENTS ?? DEMO_BOOK_SIZES['50k'].clients);
const NOTES = Number(process.env.BENCH_TEAM_PULL_NOTES ?? DEMO_BOOK_SIZES['50k'].notes);
const PASSWORD = 'bench password 123';
/** Outbox ops a rep's device pushes per sync while its book is written. */
const CHUNK = 10_000;

async function openServerDb(): Promise<{ db: Db; cleanup(): Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `fbteam_${randomHex(4)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = openPostgres({ connectionString: url, schema, maxConnections: 10 });
    return {
      db,
      async cleanup() {
        await db.close();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
        await dropper.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'fb-team-pull-'));
  const db = await openPglite(dir);
  return {
    db,
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** One rep's laptop: signs in, writes the rep's demo book and pushes it; returns records pushed. */
async function pushRepBook(serverUrl: string, email: string, rep: number): Promise<number> {
  const db = createDb(`bench-team-${randomHex(4)}`);
  await db.open();
  const secrets = new Map<string, string>();
  const http = createSyncHttp({
    fetch: ((url, init) => fetch(url, init as RequestInit)) as SyncFetch,
    secrets: {
      get: async (k) => secrets.get(k) ?? null,
      set: async (k, v) => void secrets.set(k, v),
      delete: async (k) => void secrets.delete(k),
    },
  });
  let online = false;
  const engine = new SyncEngine({
    db,
    transport: createDesktopSyncTransport({
      syncSignIn: (r) => http.signIn(r),
      syncSignOut: () => http.signOut(),
      syncRequest: (r) => http.request(r),
    }),
    timers: new ManualTimers(),
    network: { isOnline: () => online, subscribe: () => () => undefined },
  });
  const repo = new Repository(db);
  try {
    await engine.start();
    await engine.signIn({ serverUrl, email, password: PASSWORD, deviceName: `rep ${rep}` });
    await engine.whenIdle();
    let pending = 0;
    let written = 0;
    const push = async () => {
      online = true;
      await engine.syncNow();
      online = false;
      const { problem } = engine.status.getState();
      if (problem) throw new Error(`rep ${rep} push: ${JSON.stringify(problem)}`);
      pending = 0;
    };
    for (const batch of generateDemoBook({
      seed: `team-${rep}`,
      clients: Math.ceil(CLIENTS / REPS),
      notes: Math.ceil(NOTES / REPS),
      locale: 'mixed',
      today: '2025-06-10',
      ownerId: 'local',
      batchRecords: 1000,
    })) {
      // The built-in templates are the manager's to publish; reps may not write them.
      if (batch.table === 'checklistTemplates') continue;
      const created = await repo.createMany(batch.table, batch.records as never);
      pending += created.length;
      written += created.length;
      if (pending >= CHUNK) await push();
    }
    if (pending > 0) await push();
    return written;
  } finally {
    engine.stop();
    db.close();
    await db.delete();
  }
}

function sizeName(clients: number): string {
  return clients % 1000 === 0 ? `${clients / 1000}k_clients` : `${clients}_clients`;
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
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const serverUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const team = `bench-team-${randomHex(3)}`;
    await addTeam(db, team);
    const user = async (role: 'rep' | 'manager', name: string) => {
      const email = `${name}-${randomHex(3)}@example.test`;
      await addUser(db, { team, email, name, role, password: PASSWORD });
      return email;
    };
    const seeding = Date.now();
    let total = 0;
    for (let r = 0; r < REPS; r++) {
      total += await pushRepBook(serverUrl, await user('rep', `rep-${r + 1}`), r);
    }
    console.error(
      `  ${REPS} reps pushed ${total} records in ${((Date.now() - seeding) / 1000).toFixed(0)} s`,
    );
    const manager = await user('manager', 'manager');
    await buildBenchPage();
    const page = await serveBenchPage();
    try {
      for (let run = 0; run < benchRuns(); run++) {
        const result: SyncPullResult = await withBenchPage(
          page.url,
          () => window.fieldbookSyncBench !== undefined,
          (tab) =>
            tab.evaluate((o) => window.fieldbookSyncBench!.firstPull(o), {
              serverUrl,
              email: manager,
              password: PASSWORD,
            }),
        );
        if (result.problem !== null) throw new Error(`manager's pull: ${result.problem}`);
        if (result.pulled !== total)
          throw new Error(`the manager pulled ${result.pulled} of ${total} records`);
        console.error(
          `  run ${run + 1}: ${result.pulled} records (${result.clients} clients) in ` +
            `${Math.round(result.ms)} ms; longest task ${Math.round(result.longestTaskMs)} ms`,
        );
        ms.push(result.ms);
        rates.push(result.pulled / (result.ms / 1000));
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
  ];
}
