/**
 * `npm run bench`: runs every bench module in tests/bench (files *.bench.ts exporting async
 * `run…Bench(): Promise<Metric[]>`), prints a table and merges the figures into
 * tests/bench/results/latest.json. A module that throws is reported in the table; the rest still run.
 *
 *   npm run bench                      everything
 *   npm run bench -- --only demo       modules, functions or metric names containing "demo"
 *   BENCH_RUNS=3 npm run bench         repetitions per measurement (default 5)
 *   BENCH_TIMEOUT_S=900 npm run bench  time allowed per bench function (default 1800 s)
 *   BENCH_IDB_RUNS=1 npm run bench     fewer runs for the slow IndexedDB bench only
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem, platform, release } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import {
  benchFunctions,
  checkMetrics,
  formatTable,
  keepMetric,
  mergeResults,
  selects,
  type BenchError,
  type BenchSource,
  type ResultsFile,
} from './harness';
import type { Metric } from './metric';

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, 'results', 'latest.json');
const TIMEOUT_MS = Number(process.env.BENCH_TIMEOUT_S ?? 1800) * 1000;

function machine(): ResultsFile['machine'] {
  const list = cpus();
  return {
    cpus: list.length,
    model: list[0]?.model.trim() ?? 'unknown',
    memGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()}`,
    date: new Date().toISOString(),
  };
}

function readPrevious(): ResultsFile | null {
  if (!existsSync(RESULTS)) return null;
  try {
    const parsed = JSON.parse(readFileSync(RESULTS, 'utf8')) as ResultsFile;
    return Array.isArray(parsed.metrics) ? parsed : null;
  } catch {
    console.warn(`${RESULTS} is not valid JSON; starting a new one.`);
    return null;
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { only: { type: 'string', multiple: true } } });
  const filters = values.only ?? [];
  const rows: { metric?: Metric; error?: BenchError }[] = [];
  const measured: Metric[] = [];
  const errors: BenchError[] = [];
  const ran: string[] = [];

  // Every *.bench.ts here, server.bench.ts included when its engineer has written it.
  const files = readdirSync(HERE)
    .filter((f) => f.endsWith('.bench.ts'))
    .sort();
  for (const file of files) {
    let sources: BenchSource[];
    try {
      const module = (await import(pathToFileURL(join(HERE, file)).href)) as Record<
        string,
        unknown
      >;
      sources = benchFunctions(file, module);
      if (sources.length === 0) throw new Error('exports no run…Bench function');
    } catch (error) {
      if (!selects(filters, file)) continue;
      const e = { source: file, message: `cannot load: ${message(error)}` };
      errors.push(e);
      rows.push({ error: e });
      ran.push(file);
      console.error(`✗ ${file}: ${e.message}`);
      continue;
    }
    for (const source of sources.filter((s) => selects(filters, s.key))) {
      ran.push(source.key, file);
      const started = Date.now();
      console.error(`▶ ${source.key}`);
      try {
        const metrics = checkMetrics(await withTimeout(source.fn(), TIMEOUT_MS, source.key)).filter(
          (m) => keepMetric(filters, source.key, m),
        );
        measured.push(...metrics);
        for (const metric of metrics) rows.push({ metric });
        console.error(`✓ ${source.key} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      } catch (error) {
        const e = { source: source.key, message: message(error) };
        errors.push(e);
        rows.push({ error: e });
        console.error(`✗ ${source.key}: ${e.message}`);
      }
    }
  }

  if (rows.length === 0) {
    console.error(
      `No bench matched ${filters.map((f) => `--only ${f}`).join(' ') || '(none found)'}.`,
    );
    return 1;
  }
  console.log(formatTable(rows));
  mkdirSync(dirname(RESULTS), { recursive: true });
  const results = mergeResults(readPrevious(), machine(), measured, ran, errors);
  writeFileSync(RESULTS, `${JSON.stringify(results, null, 2)}\n`);
  console.log(
    `\n${measured.length} figures written to ${RESULTS}${errors.length ? `; ${errors.length} bench(es) failed` : ''}`,
  );
  return errors.length > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
