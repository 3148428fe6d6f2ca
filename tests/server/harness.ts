/**
 * Every server suite runs twice: on embedded PGlite (a fresh temp folder) and on PostgreSQL from
 * DATABASE_URL (a fresh schema). Without DATABASE_URL the PostgreSQL half is skipped, and says so
 * in its title; CI sets it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { randomHex, uuidv7 } from '../../shared/ids';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import {
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  type LoginResponse,
  type PullResponse,
  type PushOp,
  type PushResponse,
} from '../../shared/sync/protocol';
import type { SyncedTable } from '../../shared/domain';
import { addTeam, addUser, type Role } from '../../server/accounts/accounts';
import type { Db } from '../../server/db/db';
import { MIGRATIONS } from '../../server/db/migrations';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import type { AppOptions } from '../../server/http/app';
import { startServer } from '../../server/start';

export type BackendName = 'pglite' | 'postgres';
export const DATABASE_URL = process.env.DATABASE_URL;

export interface FreshDb {
  db: Db;
  cleanup(): Promise<void>;
}

export async function freshDb(backend: BackendName): Promise<FreshDb> {
  if (backend === 'pglite') {
    const dir = mkdtempSync(join(tmpdir(), 'fb-server-'));
    const db = await openPglite(dir);
    return {
      db,
      async cleanup() {
        await db.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const schema = `fbtest_${randomHex(6)}`;
  const admin = new pg.Client({ connectionString: DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();
  const db = openPostgres({ connectionString: DATABASE_URL!, schema, maxConnections: 20 });
  return {
    db,
    async cleanup() {
      await db.close();
      const dropper = new pg.Client({ connectionString: DATABASE_URL });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
      await dropper.end();
    },
  };
}

export interface TestServer {
  backend: BackendName;
  app: FastifyInstance;
  db: Db;
  /** Clock for the server: tests move it to make clocks disagree. */
  clock: { now: number };
  close(): Promise<void>;
}

type ServerOptions = Omit<AppOptions, 'db' | 'cursorSecret'>;

/** What every test server starts with: no log, the test's clock, limits no test reaches by chance. */
function testServerOptions(clock: { now: number }, options: ServerOptions): ServerOptions {
  return {
    logger: false,
    now: () => clock.now,
    rate: { burst: 100_000, perSecond: 100_000 },
    loginRate: { burst: 100_000, perSecond: 100_000 },
    ...options,
  };
}

export async function createTestServer(
  backend: BackendName,
  options: ServerOptions = {},
): Promise<TestServer> {
  const fresh = await freshDb(backend);
  const clock = { now: Date.now() };
  const { app } = await startServer(fresh.db, testServerOptions(clock, options));
  return {
    backend,
    app,
    db: fresh.db,
    clock,
    async close() {
      await app.close();
      await fresh.cleanup();
    },
  };
}

/** A second server on the same database and clock (another replica); the caller closes it. */
export async function startReplica(
  server: TestServer,
  options: ServerOptions = {},
): Promise<FastifyInstance> {
  return (await startServer(server.db, testServerOptions(server.clock, options))).app;
}

const BACKENDS: readonly BackendName[] = ['pglite', 'postgres'];

/** One describe per backend; the PostgreSQL one is skipped without DATABASE_URL, and says so. */
export function describeEachBackend(title: string, body: (backend: BackendName) => void): void {
  for (const backend of BACKENDS) {
    const skip = backend === 'postgres' && !DATABASE_URL;
    const note = skip ? ': SKIPPED because DATABASE_URL is unset' : '';
    describe.skipIf(skip)(`${title} [${backend}${note}]`, () => body(backend));
  }
}

/** Runs `body` once per backend, each with its own fresh server. */
export function describeBackends(
  title: string,
  body: (server: () => TestServer) => void,
  options: ServerOptions = {},
): void {
  describeEachBackend(title, (backend) => {
    let server: TestServer | undefined;
    beforeAll(async () => {
      server = await createTestServer(backend, options);
    });
    afterAll(async () => {
      await server?.close();
    });
    body(() => server!);
  });
}

/**
 * For tests that build a database by hand (an old schema) before a server starts on it: what they
 * open is closed after each test, servers before their databases.
 */
export function openedPerTest(backend: BackendName): {
  freshDb(): Promise<Db>;
  startServer(db: Db, options?: ServerOptions): Promise<FastifyInstance>;
} {
  const opened: (() => Promise<unknown>)[] = [];
  afterEach(async () => {
    for (const close of opened.splice(0).reverse()) await close();
  });
  return {
    async freshDb() {
      const fresh = await freshDb(backend);
      opened.push(() => fresh.cleanup());
      return fresh.db;
    },
    async startServer(db, options = {}) {
      const { app } = await startServer(db, { logger: false, ...options });
      opened.push(() => app.close());
      return app;
    },
  };
}

// ---- HTTP helpers -----------------------------------------------------------------------------

export const HEADERS = { [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION) };

export async function api(
  server: TestServer,
  method: 'GET' | 'POST',
  url: string,
  token?: string,
  body?: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await server.app.inject({
    method,
    url,
    headers: { ...HEADERS, ...(token ? { authorization: `Bearer ${token}` } : {}) },
    ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
  });
  return { status: response.statusCode, body: response.json() };
}

let teamCounter = 0;

export interface TestUser {
  id: string;
  email: string;
  token: string;
  teamId: string;
  login: LoginResponse;
}

export const PASSWORD = 'a long test password';

export async function newTeam(server: TestServer): Promise<string> {
  const name = `team-${++teamCounter}-${randomHex(3)}`;
  await addTeam(server.db, name);
  return name;
}

export async function newUser(
  server: TestServer,
  team: string,
  role: Role = 'rep',
): Promise<TestUser> {
  const email = `${role}-${randomHex(4)}@example.test`;
  await addUser(server.db, { team, email, name: `User ${email}`, role, password: PASSWORD });
  const res = await api(server, 'POST', '/v1/auth/login', undefined, {
    email,
    password: PASSWORD,
    deviceName: 'test laptop',
  });
  if (res.status !== 200) throw new Error(`login failed: ${JSON.stringify(res.body)}`);
  const login = res.body as unknown as LoginResponse;
  return { id: login.user.id, email, token: login.token, teamId: login.user.teamId, login };
}

export async function push(
  server: TestServer,
  user: TestUser,
  device: TestDevice,
  ops: PushOp[],
  extra: { epoch?: string | null; resetSequence?: boolean } = {},
): Promise<{ status: number; body: PushResponse & { error?: { code: string; epoch?: string } } }> {
  const res = await api(server, 'POST', '/v1/push', user.token, {
    epoch: extra.epoch ?? null,
    deviceId: device.node,
    ops,
    ...(extra.resetSequence ? { resetSequence: true } : {}),
  });
  return res as never;
}

export async function pull(
  server: TestServer,
  user: TestUser,
  cursor: string | null,
  extra: { epoch?: string | null; limit?: number } = {},
): Promise<{ status: number; body: PullResponse & { error?: { code: string; epoch?: string } } }> {
  const res = await api(server, 'POST', '/v1/pull', user.token, {
    epoch: extra.epoch ?? null,
    cursor,
    ...(extra.limit ? { limit: extra.limit } : {}),
  });
  return res as never;
}

/** Pulls every page from `cursor`; returns the records and the final cursor. */
export async function pullAll(
  server: TestServer,
  user: TestUser,
  cursor: string | null = null,
  limit?: number,
): Promise<{ records: PullResponse['records']; cursor: string; pages: number }> {
  const records: PullResponse['records'] = [];
  let pages = 0;
  for (;;) {
    const res = await pull(server, user, cursor, limit ? { limit } : {});
    if (res.status !== 200) throw new Error(`pull failed: ${JSON.stringify(res.body)}`);
    pages++;
    records.push(...res.body.records);
    cursor = res.body.cursor;
    if (!res.body.hasMore) return { records, cursor, pages };
  }
}

// ---- a device that makes ops ------------------------------------------------------------------

export class TestDevice {
  readonly node = randomHex(8);
  seq = 0;
  readonly clock: HybridLogicalClock;

  constructor(now: () => number = Date.now) {
    this.clock = new HybridLogicalClock({
      node: this.node,
      now,
      maxDriftMs: Number.MAX_SAFE_INTEGER,
    });
  }

  op(
    table: SyncedTable,
    rowId: string,
    fields: Record<string, unknown>,
    baseVersion = 0,
    extra: Partial<PushOp> = {},
  ): PushOp {
    return {
      seq: ++this.seq,
      opId: uuidv7(),
      deviceId: this.node,
      hlc: this.clock.tick(),
      table,
      rowId,
      fields,
      baseVersion,
      createdAt: new Date().toISOString(),
      ...extra,
    };
  }
}

const NOW_ISO = () => new Date().toISOString();

export function clientFields(
  id: string,
  overrides: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    id,
    ownerId: 'whoever',
    createdAt: NOW_ISO(),
    updatedAt: NOW_ISO(),
    deletedAt: null,
    kind: 'company',
    name: 'ООО «Ромашка»',
    status: 'active',
    tags: ['опт'],
    cadenceDays: null,
    address: 'Екатеринбург, ул. Ленина, 1',
    notes: '',
    loyalty: 'unknown',
    churnReason: null,
    churnComment: '',
    referredBy: null,
    ...overrides,
  };
}

export function noteFields(id: string, clientId: string, text: string): Record<string, unknown> {
  return {
    id,
    createdAt: NOW_ISO(),
    updatedAt: NOW_ISO(),
    deletedAt: null,
    clientId,
    visitId: null,
    text,
  };
}

export function templateFields(id: string): Record<string, unknown> {
  return {
    id,
    createdAt: NOW_ISO(),
    updatedAt: NOW_ISO(),
    deletedAt: null,
    key: 'post_sale_program',
    version: 1,
    purpose: 'program',
    title: { ru: 'Послепродажная программа', en: 'Post-sale program' },
    steps: [],
    publishedAt: NOW_ISO(),
  };
}

/**
 * The server's tables, read from its migrations (created and not dropped since), in the order they
 * were created: parents before the tables that reference them, so a restore can insert in this
 * order. schema_migrations is migrate()'s own bookkeeping, not the server's state.
 */
export const SERVER_TABLES: readonly string[] = (() => {
  const tables: string[] = [];
  for (const { sql } of MIGRATIONS) {
    for (const [, verb, name] of sql.matchAll(
      /\b(CREATE|DROP) TABLE (?:IF (?:NOT )?EXISTS )?(\w+)/gi,
    )) {
      const at = tables.indexOf(name!);
      if (at >= 0) tables.splice(at, 1);
      if (verb!.toUpperCase() === 'CREATE') tables.push(name!);
    }
  }
  return tables;
})();

/** A backup as the database saw it at one moment, kept beside the tables under `name`. */
export async function snapshotTables(db: Db, name: string): Promise<void> {
  for (const t of SERVER_TABLES) await db.query(`CREATE TABLE ${name}_${t} AS SELECT * FROM ${t}`);
}

/** Its restore into the same database (its identity kept): the whole state goes back in time. */
export async function restoreTables(db: Db, name: string): Promise<void> {
  await db.query(`TRUNCATE ${SERVER_TABLES.join(', ')}`);
  for (const t of SERVER_TABLES) await db.query(`INSERT INTO ${t} SELECT * FROM ${name}_${t}`);
}
