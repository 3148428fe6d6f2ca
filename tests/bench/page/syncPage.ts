/**
 * The sync client's first pull inside Chromium: exposes `window.fieldbookSyncBench` for
 * tests/bench/sync-client.bench.ts. The app's own engine (renderer/sync/engine.ts) over the
 * browser build's transport (fetch to the server, renderer/platform/browser-sync.ts) writes into
 * Chromium's IndexedDB on a persistent profile, as a rep's laptop would; a probe watches the main
 * thread meanwhile ("no main-thread task exceeds 50 ms").
 */
import Dexie from 'dexie';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { SYNCED_TABLES } from '../../../shared/domain';
import { createBrowserSync } from '../../../renderer/platform/browser-sync';
import { createDesktopSyncTransport } from '../../../renderer/sync/desktopTransport';
import { SyncEngine } from '../../../renderer/sync/engine';
import type { SignedIn, SyncTransport } from '../../../renderer/sync/transport';
import { grownPages, replayTransport } from '../replayTransport';
import { mainThreadProbe } from './probe';

export const SYNC_BENCH_DB = 'fieldbook-sync-bench';

export interface SyncPullOptions {
  serverUrl: string;
  email: string;
  password: string;
  /** Also time the floor in the pull's order (SyncPullResult.floorInPullOrderMs). */
  floorInPullOrder?: boolean;
}

export interface SyncPullResult {
  pulled: number;
  /** From "Sync now" to the engine idle again, every page applied. */
  ms: number;
  /** The rep's-words problem the engine ended with, null when none. */
  problem: string | null;
  clients: number;
  longestTaskMs: number;
  longTasks: number;
  longestFrameGapMs: number;
  /**
   * The same records, read back and written with bare bulkPut into an empty database of the
   * app's schema, 1000 to a transaction as the pull's pages come: what IndexedDB alone costs
   * here, the floor under `ms`.
   */
  floorMs: number;
  /** The longest main-thread task while bare bulkPut wrote them: the floor's own. */
  floorLongestTaskMs: number;
  /**
   * The same bare bulkPut in the order the pull wrote them (the server's version order, random in
   * keys), when asked for (`floorInPullOrder`); null otherwise.
   */
  floorInPullOrderMs: number | null;
}

export interface SyncReplayOptions {
  /** Pages recorded from the server (their JSON text), in order, and the sign-in they were pulled under. */
  pages: string[];
  /** Grow the book to this many records (replayTransport.ts grownPages), before the clock starts. */
  total?: number;
  signedIn: SignedIn;
}

export interface SyncBenchApi {
  firstPull(options: SyncPullOptions): Promise<SyncPullResult>;
  /** The same pull over recorded pages: this side's work alone, no server on the machine's cores. */
  replayPull(options: SyncReplayOptions): Promise<SyncPullResult>;
}

declare global {
  interface Window {
    fieldbookSyncBench?: SyncBenchApi;
    /** Told when the timed pull starts and ends, if the bench exposes it (e.g. to read CPU use). */
    fieldbookBenchMark?: (mark: 'pull-start' | 'pull-end') => Promise<void>;
  }
}

type FloorOrder = 'key' | 'pulled';

/**
 * See SyncPullResult.floorMs; writes into a scratch database, deleted after. `key`: table after
 * table in key order; `pulled`: in the server's version order, as the pull's pages come, each
 * thousand rows one transaction over the tables they belong to.
 */
async function idbFloor(
  source: FieldbookDb,
  order: FloorOrder = 'key',
): Promise<{ ms: number; longestTaskMs: number }> {
  const tables = await Promise.all(
    SYNCED_TABLES.map(async (name) => ({ name, rows: await source.table(name).toArray() })),
  );
  const chunks: Map<string, unknown[]>[] = [];
  if (order === 'key') {
    for (const { name: table, rows } of tables)
      for (let at = 0; at < rows.length; at += 1000)
        chunks.push(new Map([[table, rows.slice(at, at + 1000)]]));
  } else {
    const all = tables
      .flatMap(({ name: table, rows }) => rows.map((row) => ({ table, row })))
      .sort((a, b) => a.row.serverVersion - b.row.serverVersion);
    for (let at = 0; at < all.length; at += 1000) {
      const chunk = new Map<string, unknown[]>();
      for (const { table, row } of all.slice(at, at + 1000)) {
        const rows = chunk.get(table);
        if (rows) rows.push(row);
        else chunk.set(table, [row]);
      }
      chunks.push(chunk);
    }
  }
  const name = `${SYNC_BENCH_DB}-floor`;
  await Dexie.delete(name);
  const db = createDb(name);
  await db.open();
  const probe = mainThreadProbe();
  probe.start();
  const started = performance.now();
  for (const chunk of chunks) {
    await db.transaction(
      'rw',
      [...chunk.keys()].map((table) => db.table(table)),
      () => Promise.all([...chunk].map(([table, rows]) => db.table(table).bulkPut(rows))),
    );
  }
  const ms = performance.now() - started;
  const { tasks } = await probe.stop();
  db.close();
  await Dexie.delete(name);
  return { ms, longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)) };
}

/** Signs in over `transport`, then times one "Sync now" into an empty database. */
async function measurePull(
  transport: SyncTransport,
  signIn: Pick<SyncPullOptions, 'serverUrl' | 'email' | 'password'>,
  floorInPullOrder = false,
): Promise<SyncPullResult> {
  await Dexie.delete(SYNC_BENCH_DB);
  const db = createDb(SYNC_BENCH_DB);
  await db.open();
  let online = false;
  const engine = new SyncEngine({
    db,
    transport,
    // Only the pull asked for below runs: no periodic or after-write syncs meanwhile.
    timers: { setTimeout: () => 0, clearTimeout: () => undefined },
    network: { isOnline: () => online, subscribe: () => () => undefined },
  });
  try {
    await engine.start();
    // Signed in "offline" for the engine, so the sync that sign-in starts does not run yet.
    await engine.signIn({ ...signIn, deviceName: 'bench' });
    await engine.whenIdle();
    online = true;
    await window.fieldbookBenchMark?.('pull-start');
    const probe = mainThreadProbe();
    probe.start();
    const started = performance.now();
    await engine.syncNow();
    const ms = performance.now() - started;
    await window.fieldbookBenchMark?.('pull-end');
    const { tasks, longestFrameGapMs } = await probe.stop();
    const { problem, lastSummary } = engine.status.getState();
    const floor = await idbFloor(db);
    const inPullOrder = floorInPullOrder ? await idbFloor(db, 'pulled') : null;
    return {
      pulled: lastSummary?.pulled ?? 0,
      ms,
      problem: problem ? JSON.stringify(problem) : null,
      clients: await db.clients.count(),
      longestTaskMs: Math.max(0, ...tasks.map((t) => t.duration)),
      longTasks: tasks.length,
      longestFrameGapMs,
      floorMs: floor.ms,
      floorLongestTaskMs: floor.longestTaskMs,
      floorInPullOrderMs: inPullOrder?.ms ?? null,
    };
  } finally {
    engine.stop();
    db.close();
    await Dexie.delete(SYNC_BENCH_DB);
  }
}

const api: SyncBenchApi = {
  firstPull({ serverUrl, email, password, floorInPullOrder }) {
    const secrets = new Map<string, string>();
    const http = createBrowserSync({
      get: async (key) => secrets.get(key) ?? null,
      set: async (key, value) => void secrets.set(key, value),
      delete: async (key) => void secrets.delete(key),
    });
    const transport = createDesktopSyncTransport({
      syncSignIn: (request) => http.signIn(request),
      syncSignOut: () => http.signOut(),
      syncRequest: (request) => http.request(request),
    });
    return measurePull(transport, { serverUrl, email, password }, floorInPullOrder);
  },
  replayPull({ pages, signedIn, total }) {
    const transport = replayTransport(total ? grownPages(pages, total) : pages, signedIn);
    return measurePull(transport, {
      serverUrl: 'http://127.0.0.1:1',
      email: 'replay@example.test',
      password: 'not used',
    });
  },
};

window.fieldbookSyncBench = api;
