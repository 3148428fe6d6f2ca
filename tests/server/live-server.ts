/**
 * The real server as a child process (`server/main.ts` under tsx) and the real admin CLI
 * (`server/cli.ts`), on an embedded temp folder or on a fresh PostgreSQL database. Imports nothing
 * from the project, so the independent client test may use it too.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';

export const ROOT = resolve(import.meta.dirname, '../..');

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => ok(port));
    });
  });
}

/** Where the server keeps its data: an embedded folder or a PostgreSQL database of its own. */
export interface LiveStore {
  backend: 'pglite' | 'postgres';
  env: Record<string, string>;
  dataDir: string;
  drop(): Promise<void>;
}

export async function newStore(backend: 'pglite' | 'postgres'): Promise<LiveStore> {
  const dataDir = mkdtempSync(join(tmpdir(), 'fb-live-'));
  if (backend === 'pglite') {
    return {
      backend,
      env: { FIELDBOOK_SERVER_DATA: dataDir },
      dataDir,
      async drop() {
        rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const base = process.env.DATABASE_URL!;
  const name = `fb_live_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    backend,
    // The data folder is set too, to show the CLI does not use it on PostgreSQL.
    env: { DATABASE_URL: url.toString(), FIELDBOOK_SERVER_DATA: dataDir },
    dataDir,
    async drop() {
      const dropper = new pg.Client({ connectionString: base });
      await dropper.connect();
      await dropper.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await dropper.end();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'warn', ...extra };
  // The store decides the database: no DATABASE_URL inherited from the test run on PGlite.
  if (!('DATABASE_URL' in extra)) delete env.DATABASE_URL;
  return env;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

function collect(child: ChildProcess): Promise<Exit> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((ok) =>
    child.once('exit', (code, signal) => ok({ code, signal, stdout, stderr })),
  );
}

export interface LiveServer {
  url: string;
  port: number;
  child: ChildProcess;
  exited: Promise<Exit>;
  /** SIGTERM and wait (a clean stop). */
  stop(): Promise<Exit>;
  /** SIGKILL and wait (a crash). */
  kill(): Promise<Exit>;
}

/** Starts `npm run server` (tsx server/main.ts) on the store; resolves once /v1/health answers. */
export async function startServer(store: LiveStore, port?: number): Promise<LiveServer> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: childEnv({ ...store.env, PORT: String(p), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = collect(child);
  let gone: Exit | null = null;
  void exited.then((e) => (gone = e));
  const url = `http://127.0.0.1:${p}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (gone) throw new Error(`server exited at start: ${JSON.stringify(gone)}`);
    try {
      const res = await fetch(`${url}/v1/health`);
      if (res.status === 200) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error('server did not start within 90 s');
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  if (store.backend === 'pglite') {
    // The admin endpoint is published just after the API listens.
    const { existsSync } = await import('node:fs');
    while (!existsSync(join(store.dataDir, 'fieldbook-admin.json')) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port: p,
    child,
    exited,
    async stop() {
      child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      child.kill('SIGKILL');
      return exited;
    },
  };
}

/** Runs `npm run server:admin -- ...args` (tsx server/cli.ts) on the store. */
export async function admin(store: LiveStore, ...args: string[]): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli.ts', ...args], {
    cwd: ROOT,
    env: childEnv(store.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return collect(child);
}

/** Runs a second `server/main.ts` on the store and waits for it to exit (it should refuse). */
export async function secondServer(store: LiveStore): Promise<Exit> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: ROOT,
    env: childEnv({ ...store.env, PORT: String(await freePort()), HOST: '127.0.0.1' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
  const exit = await collect(child);
  clearTimeout(timer);
  return exit;
}
