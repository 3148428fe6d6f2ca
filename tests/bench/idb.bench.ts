/**
 * IndexedDB in headless Chromium with the app's Dexie schema: how fast the demo book (10k clients
 * + 100k notes) bulk-inserts, and, after a browser restart, how long opening the database and
 * reading the first screen of clients take. Each run uses a fresh profile.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { BENCH_BOOK } from './demo.bench';
import { buildBenchPage, launchProfile, serveBenchPage } from './chromium';
import { benchRuns, metricFromRuns, type Metric } from './metric';
import type { FirstScreenResult, InsertResult } from './page/api';

const BATCH = Number(process.env.BENCH_IDB_BATCH ?? 5000);
/** Each run writes the whole book (minutes on a slow machine): BENCH_IDB_RUNS may ask for fewer. */
const RUNS = Number(process.env.BENCH_IDB_RUNS ?? 0) || benchRuns();

async function openPage(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForFunction(() => window.fieldbookBench !== undefined);
}

export async function runIdbBench(): Promise<Metric[]> {
  await buildBenchPage();
  const server = await serveBenchPage();
  const samples = {
    insert: [] as number[],
    open: [] as number[],
    first50: [] as number[],
    all: [] as number[],
    gen: [] as number[],
  };
  try {
    for (let run = 0; run < RUNS; run++) {
      const profile = mkdtempSync(join(tmpdir(), 'fieldbook-bench-'));
      try {
        let context = await launchProfile(profile);
        let page = context.pages()[0] ?? (await context.newPage());
        await openPage(page, server.url);
        const generated = await page.evaluate(
          (o) => window.fieldbookBench!.generate(o),
          BENCH_BOOK,
        );
        const inserted: InsertResult = await page.evaluate(
          (b) => window.fieldbookBench!.insert(b),
          BATCH,
        );
        samples.gen.push(generated.records / (generated.ms / 1000));
        samples.insert.push(inserted.records / (inserted.ms / 1000));
        await context.close();

        // A new browser on the same profile: the database is opened as on the rep's next start.
        context = await launchProfile(profile);
        page = context.pages()[0] ?? (await context.newPage());
        await openPage(page, server.url);
        const screen: FirstScreenResult = await page.evaluate(() =>
          window.fieldbookBench!.firstScreen(),
        );
        if (screen.names.length !== 50 || screen.clients !== BENCH_BOOK.clients) {
          throw new Error(`read back ${screen.names.length} names and ${screen.clients} clients`);
        }
        samples.open.push(screen.openMs);
        samples.first50.push(screen.first50Ms);
        samples.all.push(screen.allClientsMs);
        await context.close();
      } finally {
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await server.close();
  }
  return [
    // The CSV import goal is 20k rows/s; bulk writes must not be what holds it back.
    metricFromRuns('idb.insert.rate', samples.insert, {
      unit: 'records/s',
      goal: 20_000,
      better: 'higher',
    }),
    metricFromRuns('idb.open.ms', samples.open, { unit: 'ms', goal: 200, better: 'lower' }),
    // A third of the 300 ms first-screen budget; rendering takes the rest.
    metricFromRuns('idb.clients.first50.ms', samples.first50, {
      unit: 'ms',
      goal: 100,
      better: 'lower',
    }),
    metricFromRuns('idb.clients.readAll.ms', samples.all, {
      unit: 'ms',
      goal: 1000,
      better: 'lower',
    }),
    metricFromRuns('demo.generate.chromium.rate', samples.gen, {
      unit: 'records/s',
      goal: 25_000,
      better: 'higher',
    }),
  ];
}
