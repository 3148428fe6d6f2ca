/**
 * Three server processes on one PostgreSQL database behind HAProxy (server/deploy/haproxy.cfg,
 * its ports rewritten), and many devices syncing through it while one process is killed with
 * SIGKILL. Shared by tests/server/replicas.test.ts (the guarantees) and
 * tests/bench/server-replicas.bench.ts (the figures).
 *
 * Every device belongs to its own user: in each team one manager and the rest reps. A device
 * creates clients and renames some of them, a few ops per push, pulling between pushes, and
 * retries a push that failed (a dead replica, a 502, a 429) with the same ops and sequences until
 * it is answered, as the app does. Afterwards the database and a pull from zero by every device
 * are compared with what was pushed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { randomHex, uuidv7 } from '../../shared/ids';
import {
  LIMITS,
  SCHEMA_VERSION,
  SCHEMA_VERSION_HEADER,
  type PullResponse,
  type PushOp,
  type PushResponse,
} from '../../shared/sync/protocol';
import { addTeam } from '../../server/accounts/accounts';
import { hashToken, newDeviceToken } from '../../server/accounts/secrets';
import { openPostgres } from '../../server/db/postgres';
import { startServer } from '../../server/start';
import { clientFields, TestDevice } from './harness';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const HAPROXY_CONFIG = join(ROOT, 'server/deploy/haproxy.cfg');

export interface ReplicaRunOptions {
  databaseUrl: string;
  devices: number;
  teams: number;
  /** Pushes per device, each followed by a pull. */
  cycles: number;
  opsPerPush: number;
  /** Devices syncing at once. */
  concurrency: number;
  /** The share of all cycles done when one process is killed (0..1). */
  killAt: number;
  log?: (line: string) => void;
}

export interface ReplicaRunResult {
  /** Ops pushed (each answered once in the end). */
  ops: number;
  /** Ops whose effect is missing from the database or from a device's pull from zero. */
  lost: number;
  /** Ops applied more than once (the ledger, the answers and the team counters agree on it). */
  duplicated: number;
  /** Devices whose pull from zero differs from what their team pushed that they may see. */
  notConverged: number;
  /** Rows a device received that it may not see (another team's, another rep's). */
  leaked: number;
  /** One push + pull cycle of a device, retries included (ms). */
  cycleMs: number[];
  /** Requests that failed and were retried (the killed process's, mostly). */
  retries: number;
  killedPid: number | null;
  /** The per-token rate limit through the balancer: requests answered 200 and 429, and the bound. */
  rate: { sent: number; ok: number; limited: number; allowedAtMost: number };
}

async function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

function databaseUrl(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function adminQuery(base: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: base });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitFor(what: string, check: () => Promise<boolean>, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The checked-in HAProxy config with this run's ports. */
export function haproxyConfig(frontPort: number, backendPorts: readonly number[]): string {
  const text = readFileSync(HAPROXY_CONFIG, 'utf8');
  const servers = backendPorts
    .map((port, i) => `    server r${i + 1} 127.0.0.1:${port} check`)
    .join('\n');
  const out = text
    .replace(/^(\s*bind\s+)127\.0\.0\.1:\d+/m, `$1127.0.0.1:${frontPort}`)
    .replace(/(?:^\s*server r\d+ .*\n?)+/m, `${servers}\n`)
    .replace(/^\s*log stdout.*\n/m, '');
  if (!out.includes(`127.0.0.1:${frontPort}`) || !out.includes(`:${backendPorts[0]} check`))
    throw new Error('server/deploy/haproxy.cfg no longer has the bind and server lines expected');
  return out;
}

interface Device {
  token: string;
  userId: string;
  teamId: string;
  role: 'rep' | 'manager';
  device: TestDevice;
  /** Every op pushed, in order. */
  ops: PushOp[];
  /** rowId → the name it was last given. */
  names: Map<string, string>;
  cursor: string | null;
  epoch: string | null;
}

export async function runReplicas(options: ReplicaRunOptions): Promise<ReplicaRunResult> {
  const log = options.log ?? (() => undefined);
  const dbName = `fb_replicas_${randomHex(4)}`;
  await adminQuery(options.databaseUrl, `CREATE DATABASE ${dbName}`);
  const url = databaseUrl(options.databaseUrl, dbName);
  const dir = mkdtempSync(join(tmpdir(), 'fb-replicas-'));
  const children: ChildProcess[] = [];
  const setup = openPostgres({ connectionString: url, maxConnections: 4 });
  try {
    // Schema, teams, users and device tokens, made directly (300 sign-ins would be 300 scrypt
    // hashes and the sign-in throttle, not what is tested here).
    const { app } = await startServer(setup, { logger: false });
    await app.close();
    const devices: Device[] = [];
    const teamIds: string[] = [];
    for (let t = 0; t < options.teams; t++) {
      const team = `replicas-${t}-${randomHex(3)}`;
      teamIds.push(await addTeam(setup, team));
    }
    for (let i = 0; i < options.devices; i++) {
      const t = i % options.teams;
      const role = i < options.teams ? 'manager' : 'rep';
      // Straight into the table: an scrypt hash per user is the slow part of making 300, and no
      // one signs in with these passwords.
      const userId = uuidv7();
      await setup.query(
        `INSERT INTO users (id, team_id, email, name, role, password_hash, password_salt)
         VALUES ($1, $2, $3, $4, $5, 'unused', 'unused')`,
        [userId, teamIds[t], `d${i}-${randomHex(3)}@example.test`, `Device ${i}`, role],
      );
      const token = newDeviceToken();
      await setup.query(
        'INSERT INTO devices (id, user_id, name, token_hash) VALUES ($1, $2, $3, $4)',
        [uuidv7(), userId, `laptop ${i}`, hashToken(token)],
      );
      devices.push({
        token,
        userId,
        teamId: teamIds[t]!,
        role,
        device: new TestDevice(),
        ops: [],
        names: new Map(),
        cursor: null,
        epoch: null,
      });
    }
    const rateToken = newDeviceToken();
    await setup.query(
      'INSERT INTO devices (id, user_id, name, token_hash) VALUES ($1, $2, $3, $4)',
      [uuidv7(), devices[0]!.userId, 'rate probe', hashToken(rateToken)],
    );

    // Three replicas and the balancer.
    const ports = [await freePort(), await freePort(), await freePort()];
    const front = await freePort();
    for (const port of ports) {
      const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
        cwd: ROOT,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATABASE_URL: url,
          DATABASE_POOL_SIZE: '8',
          TRUST_PROXY: '127.0.0.1',
          LOG_LEVEL: 'error',
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
    }
    const cfg = join(dir, 'haproxy.cfg');
    writeFileSync(cfg, haproxyConfig(front, ports));
    children.push(spawn('haproxy', ['-db', '-f', cfg], { stdio: 'ignore' }));
    for (const port of ports)
      await waitFor(`replica on ${port}`, async () => {
        const res = await fetch(`http://127.0.0.1:${port}/v1/health`);
        return res.ok;
      });
    const base = `http://127.0.0.1:${front}/v1`;
    // Every backend up in HAProxy's eyes: a few rounds of health through it.
    await waitFor('haproxy', async () => {
      for (let i = 0; i < 6; i++) if (!(await fetch(`${base}/health`)).ok) return false;
      return true;
    });
    log(`replicas on ${ports.join(', ')}, haproxy on ${front}, database ${dbName}`);

    let retries = 0;
    const call = async <T>(token: string, path: string, body: unknown): Promise<T> => {
      for (let attempt = 0; ; attempt++) {
        let status = 0;
        let wait = 100;
        try {
          const res = await fetch(`${base}${path}`, {
            method: 'POST',
            headers: {
              authorization: `Bearer ${token}`,
              'content-type': 'application/json',
              [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
            },
            body: JSON.stringify(body),
            signal: AbortSignal.timeout(30_000),
          });
          status = res.status;
          const text = await res.text();
          if (status === 200) return JSON.parse(text) as T;
          if (status === 429) wait = Number(res.headers.get('retry-after') ?? 1) * 1000;
          else if (status < 500) throw new Error(`${path} answered ${status}: ${text}`);
        } catch (error) {
          if (status !== 0 && status < 500 && status !== 429) throw error;
        }
        retries++;
        if (attempt > 50) throw new Error(`${path} kept failing (last status ${status})`);
        await new Promise((r) => setTimeout(r, wait));
      }
    };

    const pushAnswers = new Map<string, number>(); // opId → fresh (non-duplicate) answers
    const push = async (d: Device, ops: PushOp[]): Promise<void> => {
      const res = await call<PushResponse>(d.token, '/push', {
        epoch: d.epoch,
        deviceId: d.device.node,
        ops,
      });
      d.epoch = res.epoch;
      if (res.stopped) throw new Error(`push stopped: ${JSON.stringify(res.stopped)}`);
      for (const r of res.results) {
        if (r.status !== 'applied') throw new Error(`op ${r.status}: ${r.code} ${r.reason}`);
        if (!r.duplicate) pushAnswers.set(r.opId, (pushAnswers.get(r.opId) ?? 0) + 1);
      }
    };
    const pullAll = async (d: Device, from: string | null): Promise<PullResponse['records']> => {
      const records: PullResponse['records'] = [];
      let cursor = from;
      for (;;) {
        const res = await call<PullResponse>(d.token, '/pull', { epoch: d.epoch, cursor });
        records.push(...res.records);
        cursor = res.cursor;
        if (!res.hasMore) break;
      }
      if (from === d.cursor) d.cursor = cursor;
      return records;
    };

    const cycleMs: number[] = [];
    const total = options.devices * options.cycles;
    let done = 0;
    let killedPid: number | null = null;
    const cycle = async (d: Device, n: number): Promise<void> => {
      const ops: PushOp[] = [];
      const owned = [...d.names.keys()];
      for (let k = 0; k < options.opsPerPush; k++) {
        // From the second push on, one op renames a client made before; the rest make new ones.
        const rename = n > 0 && k === 0 && owned.length > 0;
        const rowId = rename ? owned[n % owned.length]! : uuidv7();
        const name = `${d.userId.slice(-6)} c${n} op${k}`;
        ops.push(
          rename
            ? d.device.op('clients', rowId, { name }, 1)
            : d.device.op('clients', rowId, clientFields(rowId, { name, ownerId: d.userId })),
        );
        d.names.set(rowId, name);
      }
      d.ops.push(...ops);
      const started = performance.now();
      await push(d, ops);
      await pullAll(d, d.cursor);
      cycleMs.push(performance.now() - started);
      done++;
      if (killedPid === null && done >= total * options.killAt) {
        const victim = children[1]!;
        killedPid = victim.pid ?? -1;
        victim.kill('SIGKILL');
        log(`killed replica pid ${killedPid} after ${done} of ${total} cycles`);
      }
    };

    // The per-token rate limit, before the kill, all three replicas up: as fast as one device
    // can, three at a time (below the per-process in-flight budget).
    const rateProbe = async (): Promise<ReplicaRunResult['rate']> => {
      let ok = 0;
      let limited = 0;
      const started = Date.now();
      const n = LIMITS.rate.burst * 3;
      let next = 0;
      await Promise.all(
        [0, 1, 2].map(async () => {
          while (next < n) {
            next++;
            const res = await fetch(`${base}/me`, {
              headers: {
                authorization: `Bearer ${rateToken}`,
                [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
              },
            });
            await res.arrayBuffer();
            if (res.status === 200) ok++;
            else if (res.status === 429) limited++;
          }
        }),
      );
      const seconds = (Date.now() - started) / 1000;
      return {
        sent: n,
        ok,
        limited,
        allowedAtMost: LIMITS.rate.burst + Math.ceil(seconds * LIMITS.rate.perSecond) + 1,
      };
    };
    const rate = await rateProbe();
    log(`rate probe: ${rate.ok} ok, ${rate.limited} limited, at most ${rate.allowedAtMost}`);

    // Devices sync in waves of `concurrency`; each runs its cycles one after another.
    let nextDevice = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (nextDevice < devices.length) {
          const d = devices[nextDevice++]!;
          for (let n = 0; n < options.cycles; n++) await cycle(d, n);
        }
      }),
    );
    log(`synced ${devices.length} devices, ${retries} retries`);

    // What the database holds.
    const { rows: stored } = await setup.query<{ team_id: string; id: string; name: string }>(
      "SELECT team_id, id, data->>'name' AS name FROM records WHERE table_name = 'clients'",
    );
    const storedName = new Map(stored.map((r) => [`${r.team_id}/${r.id}`, r.name]));
    let lost = 0;
    let ops = 0;
    for (const d of devices) {
      ops += d.ops.length;
      for (const op of d.ops) {
        if (!storedName.has(`${d.teamId}/${op.rowId}`)) lost++;
      }
      for (const [rowId, name] of d.names) {
        // A rename lost leaves the earlier name: count the op that set it as lost.
        if (
          storedName.has(`${d.teamId}/${rowId}`) &&
          storedName.get(`${d.teamId}/${rowId}`) !== name
        )
          lost++;
      }
    }
    // Applied twice: an op in two ledger batches, answered fresh twice, or a team counter past
    // its ops (each op changes one row: one version).
    const { rows: ledger } = await setup.query<{ op_id: string; n: number }>(
      `SELECT r->>'opId' AS op_id, count(*)::int AS n
         FROM applied_batches b, json_array_elements(b.results) r GROUP BY 1 HAVING count(*) > 1`,
    );
    const answeredTwice = [...pushAnswers.values()].filter((n) => n > 1).length;
    const { rows: counters } = await setup.query<{ team_id: string; v: string }>(
      'SELECT team_id, v FROM team_counters',
    );
    const opsByTeam = new Map<string, number>();
    for (const d of devices) opsByTeam.set(d.teamId, (opsByTeam.get(d.teamId) ?? 0) + d.ops.length);
    let overCount = 0;
    for (const c of counters)
      overCount += Math.max(0, Number(c.v) - (opsByTeam.get(c.team_id) ?? 0));
    const duplicated = Math.max(ledger.length, answeredTwice, overCount);

    // Every device pulls from zero: a rep gets exactly its own clients, a manager its team's.
    let notConverged = 0;
    let leaked = 0;
    let nextCheck = 0;
    await Promise.all(
      Array.from({ length: options.concurrency }, async () => {
        while (nextCheck < devices.length) {
          const d = devices[nextCheck++]!;
          const expected = new Map<string, string>();
          for (const other of devices) {
            if (other.teamId !== d.teamId) continue;
            if (d.role === 'rep' && other !== d) continue;
            for (const [rowId, name] of other.names) expected.set(rowId, name);
          }
          const got = new Map<string, string>();
          for (const r of await pullAll(d, null)) {
            if (r.table !== 'clients') continue;
            if (!expected.has(r.id)) leaked++;
            got.set(r.id, String(r.record.name));
          }
          const same =
            got.size === expected.size && [...expected].every(([id, name]) => got.get(id) === name);
          if (!same) notConverged++;
        }
      }),
    );
    return { ops, lost, duplicated, notConverged, leaked, cycleMs, retries, killedPid, rate };
  } finally {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await Promise.all(
      children.map((c) =>
        c.exitCode !== null || c.signalCode !== null
          ? Promise.resolve()
          : new Promise((r) => c.once('exit', r)),
      ),
    );
    await setup.close();
    rmSync(dir, { recursive: true, force: true });
    await adminQuery(options.databaseUrl, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  }
}
