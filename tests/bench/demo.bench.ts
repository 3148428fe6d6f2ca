/**
 * The demo generator at the size the product is measured on (10k clients + 100k notes): how fast
 * it streams records, and how much heap the whole book takes when a test keeps it in memory.
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { performance } from 'node:perf_hooks';
import { collectDemoBook, generateDemoBook, type DemoBookOptions } from '../../shared/demo';
import { benchRuns, metricFromRuns, type Metric } from './metric';

export const BENCH_BOOK: DemoBookOptions = {
  seed: 1,
  clients: Number(process.env.BENCH_DEMO_CLIENTS ?? 10_000),
  notes: Number(process.env.BENCH_DEMO_NOTES ?? 100_000),
  locale: 'mixed',
  ownerId: 'bench-rep',
  today: '2025-06-10',
};

/** A real collection between measurements, so one run's garbage is not billed to the next. */
export function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  gc?.();
}

export async function runDemoBench(): Promise<Metric[]> {
  const rates: number[] = [];
  for (let run = 0; run < benchRuns(); run++) {
    collectGarbage();
    const started = performance.now();
    let records = 0;
    for (const batch of generateDemoBook(BENCH_BOOK)) records += batch.records.length;
    rates.push(records / ((performance.now() - started) / 1000));
    await new Promise((resolve) => setImmediate(resolve));
  }

  // The whole book held at once, as the Chromium bench and e2e tests do. Heap size does not
  // depend on machine load, so one measurement is enough.
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const book = collectDemoBook(BENCH_BOOK);
  collectGarbage();
  const heapMiB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  if (book.clients.length !== BENCH_BOOK.clients) throw new Error('book lost clients');

  return [
    // 227k records in under 10 s: "seconds, not minutes" for 10k clients + 100k notes.
    metricFromRuns('demo.generate.rate', rates, {
      unit: 'records/s',
      goal: 25_000,
      better: 'higher',
    }),
    metricFromRuns('demo.book.heap', [heapMiB], { unit: 'MiB', goal: 1024, better: 'lower' }),
  ];
}
