/**
 * Chromium for benchmarks: the bench page built with vite's JS API into out/bench-<pid>, served from a
 * tiny static server on a free loopback port, and Debian's Chromium with a persistent profile so
 * a database written in one launch can be opened cold by the next.
 */
import { createServer, type Server } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'vite';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/browser';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PAGE_DIR = join(ROOT, 'tests', 'bench', 'page');
/**
 * One build directory per bench process: two benches run at once (two engineers, or a bench beside
 * the e2e suite) must not empty each other's page while it is being served.
 */
export const BENCH_OUT = join(ROOT, 'out', `bench-${process.pid}`);
process.once('exit', () => rmSync(BENCH_OUT, { recursive: true, force: true }));

export async function buildBenchPage(): Promise<void> {
  await build({
    configFile: false,
    root: PAGE_DIR,
    base: './',
    logLevel: 'warn',
    build: {
      outDir: BENCH_OUT,
      emptyOutDir: true,
      target: 'chrome120',
      sourcemap: false,
      // BENCH_UNMINIFIED=1 keeps function names for a CPU profile.
      minify: !process.env.BENCH_UNMINIFIED,
    },
  });
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
};

/** Serves out/bench on 127.0.0.1 at `port` (default a free one); never a path outside it. */
export async function serveBenchPage(
  port = 0,
): Promise<{ url: string; close: () => Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const file = normalize(join(BENCH_OUT, path === '/' ? 'index.html' : path));
    if (!file.startsWith(BENCH_OUT + sep)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) =>
        res
          .writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' })
          .end(body),
      () => res.writeHead(404).end(),
    );
  });
  // A fixed port keeps the origin, so a profile seeded before still holds its database.
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}/`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export function launchProfile(userDataDir: string): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
  });
}

/**
 * Runs `work` on the bench page at `url` in a browser on a fresh profile, once `ready` holds in
 * the page (its bench API is registered); the browser is closed and the profile deleted after.
 */
export async function withBenchPage<T>(
  url: string,
  ready: () => boolean,
  work: (page: Page) => Promise<T>,
): Promise<T> {
  const profile = mkdtempSync(join(tmpdir(), 'fieldbook-bench-page-'));
  try {
    const context = await launchProfile(profile);
    try {
      const page = context.pages()[0] ?? (await context.newPage());
      await page.goto(url);
      await page.waitForFunction(ready);
      return await work(page);
    } finally {
      await context.close();
    }
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}
