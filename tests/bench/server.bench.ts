/**
 * Sync server figures on loopback: ops applied per second (PostgreSQL when DATABASE_URL is set,
 * else embedded PGlite, named in the metric), records pulled per second, and the latency of 500
 * devices syncing at once. Each device's cycle is one push of a few ops and one pull.
 * Run alone with `npx tsx tests/bench/server.bench.ts`, or through `npm run bench`.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import pg from 'pg';
import { randomHex, uuidv7 } from '../../shared/ids';
import { HybridLogicalClock } from '../../shared/sync/hlc';
import { SCHEMA_VERSION, SCHEMA_VERSION_HEADER, type PushOp } from '../../shared/sync/protocol';
import { addTeam, addUser } from '../../server/accounts/accounts';
import { hashToken, newDeviceToken } from '../../server/accounts/secrets';
import type { Db } from '../../server/db/db';
import { openPglite } from '../../server/db/pglite';
import { openPostgres } from '../../server/db/postgres';
import { startServer } from '../../server/start';
import { benchRuns, metricFromRuns, percentile, type Metric } from './metric';

const PUSH_OPS_PER_RUN = 20_000;
const PUSH_WRITERS = 4;
/** Two batches per writer before the measured runs (see the push section). */
const PUSH_WARMUP_OPS_PER_WRITER = 1000;
/** The company-shaped push: several teams at once (each team's writers share its counter). */
const PUSH_TEAMS = 4;
const PUSH_OPS_PER_TEAM_WRITER = 1500;
/** Argument that makes this file the bench's push client (a child process, see PushClient). */
const PUSH_CLIENT_ARG = '--push-client';
const BATCH = 500;
const PULL_RECORDS = 50_000;
const PULL_PAGE = 1000;
const DEVICES = 500;
const OPS_PER_CYCLE = 5;
const REQUEST_TIMEOUT_MS = 60_000;

interface BenchDb {
  db: Db;
  label: 'postgres' | 'pglite';
  cleanup(): Promise<void>;
}

async function openBenchDb(): Promise<BenchDb> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const schema = `fbbench_${randomHex(4)}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const db = openPostgres({ connectionString: url, schema, maxConnections: 20 });
    return {
      db,
      label: 'postgres',
      async cleanup() {
        await db.close();
        const dropper = new pg.Client({ connectionString: url });
        await dropper.connect();
        await dropper.query(`DROP SCHEMA ${schema} CASCADE`);
        await dropper.end();
      },
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'fb-bench-'));
  const db = await openPglite(dir);
  return {
    db,
    label: 'pglite',
    async cleanup() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

class BenchDevice {
  readonly node = randomHex(8);
  readonly clock = new HybridLogicalClock({ node: this.node });
  seq = 0;
  cursor: string | null = null;
  constructor(readonly token: string) {}

  creates(count: number): PushOp[] {
    return Array.from({ length: count }, () => {
      const id = uuidv7();
      return {
        seq: ++this.seq,
        opId: uuidv7(),
        deviceId: this.node,
        hlc: this.clock.tick(),
        table: 'clients' as const,
        rowId: id,
        baseVersion: 0,
        createdAt: new Date().toISOString(),
        fields: {
          deletedAt: null,
          kind: 'company',
          name: `ООО «Клиент ${this.seq}»`,
          status: 'active',
          tags: ['опт'],
          cadenceDays: null,
          address: 'Екатеринбург, ул. Малышева, 51',
          notes: 'Встреча с закупщиком.\nИнтересуется сервисным контрактом.',
          loyalty: 'medium',
          churnReason: null,
          churnComment: '',
          referredBy: null,
        },
      };
    });
  }
}

/** Devices straight into the database: 500 sign-ins would measure scrypt, not sync. */
async function makeDevices(
  db: Db,
  team: string,
  reps: number,
  perRep: number,
): Promise<BenchDevice[]> {
  const devices: BenchDevice[] = [];
  for (let r = 0; r < reps; r++) {
    const userId = await addUser(db, {
      team,
      email: `bench-${r}-${randomHex(3)}@example.test`,
      name: `Bench ${r}`,
      role: 'rep',
      password: 'bench password 123',
    });
    for (let d = 0; d < perRep; d++) {
      const token = newDeviceToken();
      await db.query(
        'INSERT INTO devices (id, user_id, name, token_hash) VALUES ($1, $2, $3, $4)',
        [uuidv7(), userId, `bench ${r}/${d}`, hashToken(token)],
      );
      devices.push(new BenchDevice(token));
    }
  }
  return devices;
}

function client(base: string) {
  return async (path: string, token: string, body: unknown): Promise<Record<string, unknown>> => {
    const res = await fetch(`${base}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
      },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200)
      throw new Error(`${path} ${res.status} ${JSON.stringify(json).slice(0, 200)}`);
    return json;
  };
}

/**
 * The pushing devices run in a child process, so this process's CPU time during a push run is
 * the server's alone (fastify, JSON, schema checks, the merge, pg), not the bench client's fetch
 * and JSON as well. The child builds each run's ops before the run starts.
 */
type ToClient =
  { type: 'prepare'; base: string; writers: string[]; opsPerWriter: number } | { type: 'go' };
type FromClient =
  { type: 'ready' } | { type: 'done'; cpuMs: number } | { type: 'failed'; message: string };

class PushClient {
  private readonly child: ChildProcess;
  private waiting: ((message: FromClient) => void) | null = null;

  constructor() {
    this.child = fork(fileURLToPath(import.meta.url), [PUSH_CLIENT_ARG], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (message) => this.waiting?.(message as FromClient));
    this.child.on('exit', (code) =>
      this.waiting?.({ type: 'failed', message: `push client exited with ${code}` }),
    );
  }

  private ask(message: ToClient): Promise<FromClient> {
    return new Promise((resolve) => {
      this.waiting = resolve;
      this.child.send(message);
    });
  }

  /** One push run: every writer (a device token) pushes `opsPerWriter` new ops in batches. */
  async run(
    base: string,
    writers: BenchDevice[],
    opsPerWriter: number,
  ): Promise<{ opsPerS: number; serverCpuMsPer1k: number; clientCpuMsPer1k: number }> {
    const ready = await this.ask({
      type: 'prepare',
      base,
      writers: writers.map((w) => w.token),
      opsPerWriter,
    });
    if (ready.type === 'failed') throw new Error(ready.message);
    const ops = writers.length * opsPerWriter;
    const start = performance.now();
    const startCpu = process.cpuUsage();
    const done = await this.ask({ type: 'go' });
    const seconds = (performance.now() - start) / 1000;
    const used = process.cpuUsage(startCpu);
    if (done.type !== 'done') throw new Error(done.type === 'failed' ? done.message : done.type);
    return {
      opsPerS: ops / seconds,
      serverCpuMsPer1k: (used.user + used.system) / 1000 / (ops / 1000),
      clientCpuMsPer1k: done.cpuMs / (ops / 1000),
    };
  }

  close(): void {
    this.child.kill();
  }
}

/** The child's side: devices keep their clocks and sequences from run to run. */
function servePushClient(): void {
  const devices = new Map<string, BenchDevice>();
  let prepared: (() => Promise<void>) | null = null;
  const reply = (message: FromClient) => process.send!(message);
  process.on('message', (raw) => {
    const message = raw as ToClient;
    if (message.type === 'prepare') {
      // The request bodies too are written before the run: on a machine of two cores the bench's
      // own JSON would otherwise compete with the server it measures.
      const work = message.writers.map((token) => {
        const device = devices.get(token) ?? new BenchDevice(token);
        devices.set(token, device);
        const ops = device.creates(message.opsPerWriter);
        const bodies: string[] = [];
        for (let i = 0; i < ops.length; i += BATCH) {
          bodies.push(
            JSON.stringify({ epoch: null, deviceId: device.node, ops: ops.slice(i, i + BATCH) }),
          );
        }
        return { token, bodies };
      });
      prepared = async () => {
        await Promise.all(
          work.map(async ({ token, bodies }) => {
            for (const body of bodies) await postPrepared(message.base, token, body);
          }),
        );
      };
      reply({ type: 'ready' });
      return;
    }
    const run = prepared;
    prepared = null;
    if (!run) return reply({ type: 'failed', message: 'go before prepare' });
    const startCpu = process.cpuUsage();
    run().then(
      () => {
        const used = process.cpuUsage(startCpu);
        reply({ type: 'done', cpuMs: (used.user + used.system) / 1000 });
      },
      (error: unknown) => reply({ type: 'failed', message: String(error) }),
    );
  });
  process.on('disconnect', () => process.exit(0));
}

/** A push whose body is already JSON; the answer is read, and parsed only to report a failure. */
async function postPrepared(base: string, token: string, body: string): Promise<void> {
  const res = await fetch(`${base}/v1/push`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      [SCHEMA_VERSION_HEADER]: String(SCHEMA_VERSION),
    },
    body,
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`/v1/push ${res.status} ${text.slice(0, 200)}`);
}

async function pushAll(
  call: ReturnType<typeof client>,
  device: BenchDevice,
  ops: PushOp[],
): Promise<void> {
  for (let i = 0; i < ops.length; i += BATCH) {
    await call('/v1/push', device.token, {
      epoch: null,
      deviceId: device.node,
      ops: ops.slice(i, i + BATCH),
    });
  }
}

async function pullAll(
  call: ReturnType<typeof client>,
  device: BenchDevice,
  limit: number,
): Promise<number> {
  let count = 0;
  for (;;) {
    const page = await call('/v1/pull', device.token, {
      epoch: null,
      cursor: device.cursor,
      limit,
    });
    count += (page.records as unknown[]).length;
    device.cursor = page.cursor as string;
    if (!page.hasMore) return count;
  }
}

export async function runServerBench(): Promise<Metric[]> {
  const runs = benchRuns();
  const bench = await openBenchDb();
  const { app, db } = await startServer(bench.db, {
    logger: false,
    rate: { burst: 1e9, perSecond: 1e9 },
    loginRate: { burst: 1e9, perSecond: 1e9 },
  });
  try {
    await app.listen({ port: 0, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${(app.server.address() as { port: number }).port}`;
    const call = client(base);
    const team = `bench-${randomHex(3)}`;
    await addTeam(db, team);
    const label = bench.label;

    // 1. Ops applied per second: 4 reps of one team push batches of 500 at once.
    const writers = await makeDevices(db, team, PUSH_WRITERS, 1);
    // The server, the client and PostgreSQL share the machine: the server's CPU time per 1000
    // ops (the devices push from a child process) tells Node's share from the database's and the
    // neighbours'. 50 ms is what 20k ops/s leaves Node on one core.
    const pusher = new PushClient();
    const pushRates: number[] = [];
    const pushCpu: number[] = [];
    const clientCpu: number[] = [];
    // 1b. A company's load: 4 teams of 4 writers push at once; teams share no counter.
    const teamWriters: BenchDevice[] = [];
    for (let t = 0; t < PUSH_TEAMS; t++) {
      const pushTeam = `bench-push-${t}-${randomHex(3)}`;
      await addTeam(db, pushTeam);
      teamWriters.push(...(await makeDevices(db, pushTeam, PUSH_WRITERS, 1)));
    }
    const teamRates: number[] = [];
    const teamCpu: number[] = [];
    try {
      // Unmeasured: a fresh process spends its first second or so compiling (V8 optimising the
      // merge and the schema checks) and opening pool connections. The figures are the server's
      // steady state, which is what a server that runs for days has.
      await pusher.run(base, writers, PUSH_WARMUP_OPS_PER_WRITER);
      for (let run = 0; run < runs; run++) {
        const one = await pusher.run(base, writers, PUSH_OPS_PER_RUN / PUSH_WRITERS);
        pushRates.push(one.opsPerS);
        pushCpu.push(one.serverCpuMsPer1k);
        clientCpu.push(one.clientCpuMsPer1k);
        const many = await pusher.run(base, teamWriters, PUSH_OPS_PER_TEAM_WRITER);
        teamRates.push(many.opsPerS);
        teamCpu.push(many.serverCpuMsPer1k);
      }
    } finally {
      pusher.close();
    }
    // A 200 answer may still refuse ops one by one: only rows the database holds count as applied.
    const pushed =
      PUSH_WRITERS * (PUSH_WARMUP_OPS_PER_WRITER + runs * (PUSH_OPS_PER_RUN / PUSH_WRITERS)) +
      teamWriters.length * runs * PUSH_OPS_PER_TEAM_WRITER;
    const { rows: held } = await db.query<{ n: string }>('SELECT count(*) AS n FROM records');
    if (Number(held[0]?.n) !== pushed)
      throw new Error(`the server holds ${held[0]?.n} rows after ${pushed} pushed creates`);

    // 2. A rep's first pull of 50k records, in pages of 1000.
    const [owner] = await makeDevices(db, team, 1, 1);
    await pushAll(call, owner!, owner!.creates(PULL_RECORDS));
    const pullRates: number[] = [];
    for (let run = 0; run < runs; run++) {
      owner!.cursor = null;
      const start = performance.now();
      const count = await pullAll(call, owner!, PULL_PAGE);
      if (count < PULL_RECORDS) throw new Error(`pulled ${count} of ${PULL_RECORDS}`);
      pullRates.push(count / ((performance.now() - start) / 1000));
    }

    // 3. 500 devices sync at once: 10 teams of 5 reps with 10 devices each; push 5 ops, then pull.
    // Writers of one team queue for its version counter (in memory, four per team in the
    // database: server/sync/team-gate.ts), teams do not wait for each other.
    const fleet: BenchDevice[] = [];
    for (let t = 0; t < 10; t++) {
      const fleetTeam = `bench-fleet-${t}-${randomHex(3)}`;
      await addTeam(db, fleetTeam);
      // 5 reps of 10 devices: 50 a team, 500 in all (DEVICES / 50 reps made it 1000 devices).
      fleet.push(...(await makeDevices(db, fleetTeam, DEVICES / 100, 10)));
    }
    const p50s: number[] = [];
    const p99s: number[] = [];
    const errorCounts: number[] = [];
    if (fleet.length !== DEVICES) throw new Error(`${fleet.length} devices, not ${DEVICES}`);
    for (let run = 0; run < runs; run++) {
      const latencies: number[] = [];
      let errors = 0;
      await Promise.all(
        fleet.map(async (device) => {
          const start = performance.now();
          try {
            await pushAll(call, device, device.creates(OPS_PER_CYCLE));
            await pullAll(call, device, 500);
            latencies.push(performance.now() - start);
          } catch {
            errors++;
          }
        }),
      );
      p50s.push(latencies.length ? percentile(latencies, 50) : REQUEST_TIMEOUT_MS);
      p99s.push(latencies.length ? percentile(latencies, 99) : REQUEST_TIMEOUT_MS);
      errorCounts.push(errors);
    }

    return [
      metricFromRuns(`server.push.ops_per_s.${label}`, pushRates, {
        unit: 'ops/s',
        goal: 20_000,
        better: 'higher',
      }),
      metricFromRuns(`server.push.node_cpu_ms_per_1k_ops.${label}`, pushCpu, {
        unit: 'ms',
        goal: 50,
        better: 'lower',
      }),
      // What the bench's own devices spent (fetch and JSON in the child): not the server's.
      metricFromRuns(`server.push.bench_client_cpu_ms_per_1k_ops.${label}`, clientCpu, {
        unit: 'ms',
        goal: 50,
        better: 'lower',
      }),
      metricFromRuns(`server.push.ops_per_s_${PUSH_TEAMS}_teams.${label}`, teamRates, {
        unit: 'ops/s',
        goal: 20_000,
        better: 'higher',
      }),
      metricFromRuns(`server.push.node_cpu_ms_per_1k_ops_${PUSH_TEAMS}_teams.${label}`, teamCpu, {
        unit: 'ms',
        goal: 50,
        better: 'lower',
      }),
      metricFromRuns(`server.pull.records_per_s.${label}`, pullRates, {
        unit: 'records/s',
        goal: 10_000,
        better: 'higher',
      }),
      metricFromRuns(`server.sync_500_devices_10_teams.p50.${label}`, p50s, {
        unit: 'ms',
        goal: 1000,
        better: 'lower',
      }),
      metricFromRuns(`server.sync_500_devices_10_teams.p99.${label}`, p99s, {
        unit: 'ms',
        goal: 5000,
        better: 'lower',
      }),
      metricFromRuns(`server.sync_500_devices_10_teams.errors.${label}`, errorCounts, {
        unit: 'errors',
        goal: 0,
        better: 'lower',
      }),
    ];
  } finally {
    await app.close();
    await bench.cleanup();
  }
}

if (process.argv.includes(PUSH_CLIENT_ARG)) {
  servePushClient();
} else if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runServerBench().then(
    (metrics) => {
      for (const m of metrics)
        console.log(
          `${m.name.padEnd(44)} ${String(m.value).padStart(10)} ${m.unit} (goal ${m.goal}, min ${m.min}, max ${m.max})`,
        );
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
