/**
 * The real sync server on a loopback port (embedded PGlite in a temp folder, or PostgreSQL from
 * DATABASE_URL in a fresh schema) and simulated devices: each its own fake-indexeddb database,
 * Repository and SyncEngine over fetch, with a network switch per device.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { randomHex } from '../../../shared/ids';
import { createSyncHttp, type SyncFetch } from '../../../shared/ipc-sync';
import { addTeam, addUser } from '../../../server/accounts/accounts';
import type { Db } from '../../../server/db/db';
import { openPglite } from '../../../server/db/pglite';
import { openPostgres } from '../../../server/db/postgres';
import type { AppOptions } from '../../../server/http/app';
import { startServer } from '../../../server/start';
import { createDb, type FieldbookDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import { createSyncClock, type SyncClock } from '../../../renderer/sync/clock';
import { createDesktopSyncTransport } from '../../../renderer/sync/desktopTransport';
import { SyncEngine, type NetworkWatch } from '../../../renderer/sync/engine';
import { ManualTimers } from '../../unit/sync-client/timers';

export const PASSWORD = 'a long test password';

export interface RunningServer {
  url: string;
  db: Db;
  app: FastifyInstance;
  /** The server's clock: tests move it to make clocks disagree. */
  clock: { offsetMs: number };
  close(): Promise<void>;
}

async function freshServerDb(): Promise<{ db: Db; cleanup: () => Promise<void> }> {
  const url = process.env.DATABASE_URL;
  if (url && process.env.FIELDBOOK_SYNC_TEST_PG === '1') {
    const schema = `fbclient_${randomHex(6)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = openPostgres({ connectionString: url, schema });
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
  const dir = mkdtempSync(join(tmpdir(), 'fb-sync-client-'));
  const db = await openPglite(dir);
  return {
    db,
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startSyncServer(
  options: Omit<AppOptions, 'db' | 'cursorSecret'> = {},
): Promise<RunningServer> {
  const fresh = await freshServerDb();
  const clock = { offsetMs: 0 };
  const { app } = await startServer(fresh.db, {
    logger: false,
    now: () => Date.now() + clock.offsetMs,
    rate: { burst: 1_000_000, perSecond: 1_000_000 },
    loginRate: { burst: 1_000_000, perSecond: 1_000_000 },
    ...options,
  });
  const address = await app.listen({ port: 0, host: '127.0.0.1' });
  return {
    url: address,
    db: fresh.db,
    app,
    clock,
    async close() {
      await app.close();
      await fresh.cleanup();
    },
  };
}

export async function addRep(
  server: RunningServer,
  team = `team-${randomHex(4)}`,
): Promise<{ email: string; team: string }> {
  const email = `rep-${randomHex(4)}@example.test`;
  try {
    await addTeam(server.db, team);
  } catch {
    // the team exists: a second rep of it
  }
  await addUser(server.db, { team, email, name: 'Анна Петрова', role: 'rep', password: PASSWORD });
  return { email, team };
}

export class Device {
  readonly db: FieldbookDb;
  readonly repo: Repository;
  readonly engine: SyncEngine;
  readonly timers = new ManualTimers();
  readonly clock: SyncClock;
  online = true;
  /** Applied to the device's wall clock (a laptop set a day ahead: +86_400_000). */
  skewMs = 0;
  private readonly secrets = new Map<string, string>();

  constructor(readonly name: string) {
    this.db = createDb(`device-${name}-${randomHex(4)}`);
    this.clock = createSyncClock(() => Date.now() + this.skewMs);
    this.repo = new Repository(this.db, { now: () => this.clock.now() });
    const fetchOverNetwork: SyncFetch = async (url, init) => {
      if (!this.online) throw new TypeError('fetch failed: the device is offline');
      return fetch(url, init as RequestInit);
    };
    const http = createSyncHttp({
      fetch: fetchOverNetwork,
      secrets: {
        get: async (k) => this.secrets.get(k) ?? null,
        set: async (k, v) => void this.secrets.set(k, v),
        delete: async (k) => void this.secrets.delete(k),
      },
    });
    const network: NetworkWatch = { isOnline: () => true, subscribe: () => () => undefined };
    this.engine = new SyncEngine({
      db: this.db,
      transport: createDesktopSyncTransport({
        syncSignIn: (r) => http.signIn(r),
        syncSignOut: () => http.signOut(),
        syncRequest: (r) => http.request(r),
      }),
      clock: this.clock,
      timers: this.timers,
      network,
      random: () => 0.5,
      yieldToMain: async () => undefined,
    });
  }

  async open(server: RunningServer, email: string): Promise<this> {
    await this.db.open();
    await this.engine.start();
    await this.engine.signIn({
      serverUrl: server.url,
      email,
      password: PASSWORD,
      deviceName: `laptop ${this.name}`,
    });
    await this.settle();
    return this;
  }

  /** Waits for the sync the engine is running (sign-in starts one in the background). */
  async settle(): Promise<void> {
    await this.engine.syncNow();
  }

  async sync(): Promise<void> {
    await this.engine.syncNow();
    const { problem } = this.engine.status.getState();
    if (problem && this.online)
      throw new Error(`${this.name}: sync failed: ${JSON.stringify(problem)}`);
  }

  async close(): Promise<void> {
    this.engine.stop();
    this.db.close();
    await this.db.delete();
  }
}

/** Every synced row of a device without its device-local bookkeeping, for comparing devices. */
export async function snapshot(db: FieldbookDb, tables: readonly string[]): Promise<unknown> {
  const out: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = (await db.table(table).toArray()) as Record<string, unknown>[];
    out[table] = rows
      .map(({ serverVersion: _v, ...row }) => row)
      .sort((a, b) => String(a.id).localeCompare(String(b.id)));
  }
  return out;
}
