/**
 * "The document is enough to write a client": a client written from docs/sync-protocol.md and
 * docs/sync-protocol.schema.json alone. It imports NOTHING from the project (no shared/, no
 * server/, no test helper): node, vitest, zod (to read the generated JSON Schema) and pg (to make
 * a database). The server is `npm run server` as a child process, its users made with
 * `npm run server:admin` as server/README.md says. Every response is checked against the schema.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = resolve(import.meta.dirname, '../..');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'docs/sync-protocol.schema.json'), 'utf8')) as {
  $defs: Record<string, object>;
  'x-schema-version': { header: string; max: number };
};
const LONG = 300_000;

/** The schema of one body or record, read with zod's JSON Schema reader. */
const shapes = new Map<string, z.ZodType>();
function shape(name: string): z.ZodType {
  let s = shapes.get(name);
  if (!s) {
    s = z.fromJSONSchema(SCHEMA.$defs[name] as never) as z.ZodType;
    shapes.set(name, s);
  }
  return s;
}
function conforms(name: string, value: unknown): void {
  const result = shape(name).safeParse(value);
  expect(result.success, `${name}: ${JSON.stringify(result.error?.issues ?? [])}`).toBe(true);
}

// ---- a server of its own ----------------------------------------------------------------------

function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => ok(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function run(
  args: string[],
  env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', ...args], { cwd: ROOT, env });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  return new Promise((ok) => child.once('exit', (code) => ok({ code, out })));
}

// ---- the client, from the document ------------------------------------------------------------

/** §6 and the schema's x-clock-stamp: `<15-digit ms>-<4 hex counter>-<16 hex node>`. */
class Clock {
  private ms = 0;
  private counter = 0;
  constructor(readonly node: string) {}
  tick(): string {
    const now = Date.now();
    if (now > this.ms) {
      this.ms = now;
      this.counter = 0;
    } else {
      this.counter++;
    }
    return `${String(this.ms).padStart(15, '0')}-${this.counter.toString(16).padStart(4, '0')}-${this.node}`;
  }
}

/** One laptop: a clock node of its own (§4: the push deviceId), its sequence, its token. */
class Device {
  readonly node = randomBytes(8).toString('hex');
  readonly clock = new Clock(this.node);
  seq = 0;
  token = '';
  epoch: string | null = null;
  userId = '';

  constructor(private readonly base: string) {}

  async call(method: 'GET' | 'POST', path: string, body?: unknown) {
    const res = await fetch(this.base + path, {
      method,
      headers: {
        [SCHEMA['x-schema-version'].header]: String(SCHEMA['x-schema-version'].max),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (res.status !== 200) conforms('ErrorBody', json);
    return { status: res.status, body: json };
  }

  async signIn(email: string, password: string): Promise<void> {
    const res = await this.call('POST', '/v1/auth/login', {
      email,
      password,
      deviceName: 'independent laptop',
    });
    expect(res.status).toBe(200);
    conforms('LoginResponse', res.body);
    this.token = res.body.token as string;
    this.userId = (res.body.user as { id: string }).id;
    // The login's device.id names the token (for revoking it); it is not the clock node.
    expect((res.body.device as { id: string }).id).not.toBe(this.node);
  }

  op(table: string, rowId: string, fields: Record<string, unknown>, baseVersion: number) {
    return {
      seq: ++this.seq,
      opId: randomUUID(),
      deviceId: this.node,
      hlc: this.clock.tick(),
      table,
      rowId,
      fields,
      baseVersion,
      createdAt: new Date().toISOString(),
    };
  }

  async push(ops: object[]) {
    const res = await this.call('POST', '/v1/push', {
      epoch: this.epoch,
      deviceId: this.node,
      ops,
    });
    if (res.status === 200) {
      conforms('PushResponse', res.body);
      this.epoch = res.body.epoch as string;
    }
    return res as { status: number; body: Record<string, unknown> & PushAnswer };
  }

  async pullAll(cursor: string | null, limit = 1) {
    const records: PulledRecord[] = [];
    for (;;) {
      const res = await this.call('POST', '/v1/pull', { epoch: this.epoch, cursor, limit });
      expect(res.status).toBe(200);
      conforms('PullResponse', res.body);
      this.epoch = res.body.epoch as string;
      records.push(...(res.body.records as PulledRecord[]));
      cursor = res.body.cursor as string;
      if (!res.body.hasMore) return { records, cursor };
    }
  }
}

interface OpAnswer {
  opId: string;
  seq: number;
  status: string;
  version: number | null;
  duplicate: boolean;
  conflicts: {
    field: string;
    kind: string;
    localValue: unknown;
    remoteValue: unknown;
    kept: string;
  }[];
}
interface PushAnswer {
  lastSeq: number;
  results: OpAnswer[];
  stopped: { code: string; expectedSeq: number } | null;
}
interface PulledRecord {
  table: string;
  id: string;
  version: number;
  record: Record<string, unknown> & { stamps: Record<string, string> };
}

/** A whole new client: every field of the `clients` record but those the server sets (§4). */
function newClient(id: string, name: string, notes: string): Record<string, unknown> {
  const now = new Date().toISOString();
  const record = {
    id,
    createdAt: now,
    updatedAt: now,
    deletedAt: null,
    kind: 'company',
    name,
    status: 'active',
    tags: [],
    cadenceDays: null,
    address: '',
    notes,
    loyalty: 'unknown',
    churnReason: null,
    churnComment: '',
    referredBy: null,
  };
  // What the client will get back: the same, with ownerId, stamps and serverVersion.
  conforms('record:clients', { ...record, ownerId: 'me', stamps: {}, serverVersion: 0 });
  return record;
}

for (const backend of ['pglite', 'postgres'] as const) {
  const skip = backend === 'postgres' && !process.env.DATABASE_URL;
  describe.skipIf(skip)(
    `a client written from the document alone [${backend}${skip ? ': SKIPPED because DATABASE_URL is unset' : ''}]`,
    () => {
      let server: ChildProcess;
      let base = '';
      let env: NodeJS.ProcessEnv = {};
      let dataDir = '';
      let dbName = '';

      beforeAll(async () => {
        dataDir = mkdtempSync(join(tmpdir(), 'fb-indep-'));
        const port = await freePort();
        env = {
          ...process.env,
          FIELDBOOK_SERVER_DATA: dataDir,
          PORT: String(port),
          LOG_LEVEL: 'warn',
        };
        delete env.DATABASE_URL;
        if (backend === 'postgres') {
          dbName = `fb_indep_${randomBytes(5).toString('hex')}`;
          const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
          await admin.connect();
          await admin.query(`CREATE DATABASE ${dbName}`);
          await admin.end();
          const url = new URL(process.env.DATABASE_URL!);
          url.pathname = `/${dbName}`;
          env.DATABASE_URL = url.toString();
        }
        server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { cwd: ROOT, env });
        base = `http://127.0.0.1:${port}`;
        for (let i = 0; ; i++) {
          try {
            const res = await fetch(`${base}/v1/health`);
            if (res.status === 200) {
              conforms('HealthResponse', await res.json());
              break;
            }
          } catch {
            // not yet listening
          }
          if (i > 400) throw new Error('the server did not start');
          await new Promise((r) => setTimeout(r, 200));
        }
        for (const args of [
          ['add-team', 'Independent'],
          ['add-user', '--team', 'Independent', '--email', 'rep@indep.test', '--name', 'Rep', '--role', 'rep', '--password', 'independent pw'], // prettier-ignore
        ]) {
          const done = await run(['server/cli.ts', ...args], env);
          expect(done.code, done.out).toBe(0);
        }
      }, LONG);

      afterAll(async () => {
        if (server && server.exitCode === null) {
          const exited = new Promise((r) => server.once('exit', r));
          server.kill('SIGTERM');
          await exited;
        }
        if (dbName) {
          const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
          await admin.connect();
          await admin.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
          await admin.end();
        }
        rmSync(dataDir, { recursive: true, force: true });
      }, LONG);

      it(
        'signs in, pushes, retries, meets a gap, pulls from zero and gets a conflict between two laptops',
        async () => {
          const laptop = new Device(base);
          const desktop = new Device(base);
          await laptop.signIn('rep@indep.test', 'independent pw');
          await desktop.signIn('rep@indep.test', 'independent pw');

          // Push: a new row has baseVersion 0; sequences start at 1 for each clock node.
          const clientId = randomUUID();
          const create = laptop.op('clients', clientId, newClient(clientId, 'ООО «Ромашка»', 'line one\nline two\nline three'), 0); // prettier-ignore
          const first = await laptop.push([create]);
          expect(first.status).toBe(200);
          expect(first.body.lastSeq).toBe(1);
          expect(first.body.stopped).toBeNull();
          const [created] = first.body.results;
          expect(created).toMatchObject({ opId: create.opId, seq: 1, status: 'applied', duplicate: false, conflicts: [] }); // prettier-ignore
          expect(created!.version).toBeGreaterThan(0);

          // baseVersion null is refused (§4: a number, 0 for a new row).
          const refused = await laptop.call('POST', '/v1/push', {
            epoch: laptop.epoch,
            deviceId: laptop.node,
            ops: [{ ...create, seq: 2, opId: randomUUID(), baseVersion: null }],
          });
          expect(refused.status).toBe(400);

          // Retry of the same batch (a lost answer): the same results, marked duplicate.
          const retry = await laptop.push([create]);
          expect(retry.status).toBe(200);
          expect(retry.body.lastSeq).toBe(1);
          expect(retry.body.results).toEqual([{ ...created, duplicate: true }]);

          // A gap inside a batch: seq 2 is applied, 4 is not looked at, expectedSeq says 3.
          const two = laptop.op('clients', clientId, { address: 'Екатеринбург' }, created!.version!); // prettier-ignore
          laptop.seq++; // seq 3 "lost" from the outbox
          const four = laptop.op('clients', clientId, { tags: ['опт'] }, created!.version!);
          const gap = await laptop.push([two, four]);
          expect(gap.status).toBe(200);
          expect(gap.body.lastSeq).toBe(2);
          expect(gap.body.stopped).toEqual({ code: 'sequence_gap', expectedSeq: 3 });
          expect(gap.body.results.map((r) => r.seq)).toEqual([2]);
          // The client re-reads its outbox from expectedSeq: 3 and 4 now.
          laptop.seq = 2;
          const three = laptop.op('clients', clientId, { loyalty: 'high' }, created!.version!);
          const four2 = { ...four, seq: 4 };
          laptop.seq = 4;
          const filled = await laptop.push([three, four2]);
          expect(filled.body.lastSeq).toBe(4);
          expect(filled.body.results.map((r) => r.status)).toEqual(['applied', 'applied']);

          // Pull from zero on the other laptop, one record a page.
          const { records, cursor } = await desktop.pullAll(null);
          const pulled = records.filter((r) => r.id === clientId).at(-1)!;
          expect(pulled.table).toBe('clients');
          conforms('record:clients', pulled.record);
          expect(pulled.record).toMatchObject({
            id: clientId,
            ownerId: desktop.userId,
            address: 'Екатеринбург',
            tags: ['опт'],
            loyalty: 'high',
            serverVersion: pulled.version,
          });
          expect(pulled.record.stamps.name!.endsWith(laptop.node)).toBe(true);

          // Two laptops change the name from the same version: the later stamp wins, the
          // second push hears of the other value as a conflict.
          const v = pulled.version;
          const fromLaptop = laptop.op('clients', clientId, { name: 'ООО «Ромашка-Урал»' }, v);
          await new Promise((r) => setTimeout(r, 5)); // the desktop's stamp is the later one
          const fromDesktop = desktop.op('clients', clientId, { name: 'ООО «Ромашка и Ко»' }, v);
          expect(fromDesktop.seq).toBe(1);
          const a = await laptop.push([fromLaptop]);
          expect(a.body.results[0]).toMatchObject({ status: 'applied', conflicts: [] });
          const b = await desktop.push([fromDesktop]);
          expect(b.body.results[0]!.status).toBe('applied');
          expect(b.body.results[0]!.conflicts).toEqual([
            expect.objectContaining({
              field: 'name',
              kind: 'field',
              localValue: 'ООО «Ромашка и Ко»',
              remoteValue: 'ООО «Ромашка-Урал»',
              kept: 'local',
            }),
          ]);

          // Both edit different lines of the notes, each sending the text it started from:
          // a clean line merge, no conflict, and the merged text carries the server's stamp.
          const notesBase = 'line one\nline two\nline three';
          const seen = await desktop.pullAll(cursor);
          const v2 = seen.records.filter((r) => r.id === clientId).at(-1)!.version;
          const l = laptop.op('clients', clientId, { notes: 'line ONE\nline two\nline three' }, v2); // prettier-ignore
          const d = desktop.op('clients', clientId, { notes: 'line one\nline two\nline THREE' }, v2); // prettier-ignore
          expect((await laptop.push([{ ...l, base: { notes: notesBase } }])).body.results[0]).toMatchObject({ status: 'applied', conflicts: [] }); // prettier-ignore
          const merged = await desktop.push([{ ...d, base: { notes: notesBase } }]);
          expect(merged.body.results[0]).toMatchObject({ status: 'applied', conflicts: [] });
          const after = await laptop.pullAll(null, 100);
          const final = after.records.filter((r) => r.id === clientId).at(-1)!;
          expect(final.record.notes).toBe('line ONE\nline two\nline THREE');
          expect(final.record.name).toBe('ООО «Ромашка и Ко»');
          expect(final.record.stamps.notes!.endsWith('-0000000000000000')).toBe(true);
        },
        LONG,
      );
    },
  );
}
