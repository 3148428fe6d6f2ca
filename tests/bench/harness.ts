/**
 * The bench harness's pure parts: finding the bench functions a module exports, choosing what
 * `--only` selects, checking what a module returned, merging into results/latest.json and
 * printing the table. run.ts wires them to the file system and the clock.
 */
import { meetsGoal, type Metric } from './metric';

export type BenchFn = () => Promise<Metric[]>;

export interface BenchSource {
  /** `file:function`, e.g. `demo.bench.ts:runDemoBench`. */
  key: string;
  fn: BenchFn;
}

export interface BenchError {
  source: string;
  message: string;
}

export interface ResultsFile {
  machine: {
    cpus: number;
    model: string;
    memGiB: number;
    node: string;
    platform: string;
    date: string;
  };
  metrics: Metric[];
  /** Modules that failed in the runs that wrote this file, until they next succeed. */
  errors?: BenchError[];
}

/** Exported async functions named run…Bench. */
export function benchFunctions(file: string, module: Record<string, unknown>): BenchSource[] {
  return Object.entries(module)
    .filter(([name, value]) => /^run\w*Bench$/.test(name) && typeof value === 'function')
    .map(([name, value]) => ({ key: `${file}:${name}`, fn: value as BenchFn }));
}

/**
 * Whether `--only <filter>` selects a source, and if so which of its metrics to keep. A filter
 * naming the module or function keeps all its metrics; a metric-name filter such as
 * `demo.generate` runs the module whose file starts with its first segment (`demo`) and keeps the
 * metrics whose names contain the filter.
 */
export function selects(filters: readonly string[], key: string): boolean {
  if (filters.length === 0) return true;
  const stem = key.split('.bench.')[0] ?? key;
  return filters.some((f) => key.includes(f) || f.split('.')[0] === stem);
}

export function keepMetric(filters: readonly string[], key: string, metric: Metric): boolean {
  if (filters.length === 0) return true;
  return filters.some((f) => key.includes(f) || metric.name.includes(f));
}

const FINITE = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/** A module's output is checked before it is trusted: a wrong shape is reported as its error. */
export function checkMetrics(output: unknown): Metric[] {
  if (!Array.isArray(output)) throw new Error('bench function did not return an array of metrics');
  for (const m of output as Partial<Metric>[]) {
    const ok =
      typeof m.name === 'string' &&
      m.name.length > 0 &&
      FINITE(m.value) &&
      typeof m.unit === 'string' &&
      FINITE(m.goal) &&
      (m.better === 'lower' || m.better === 'higher') &&
      FINITE(m.runs) &&
      FINITE(m.min) &&
      FINITE(m.max) &&
      (m.median === undefined || FINITE(m.median));
    if (!ok) throw new Error(`malformed metric: ${JSON.stringify(m).slice(0, 200)}`);
  }
  return output as Metric[];
}

/**
 * The new results file: metrics measured now replace those with the same name, the rest are kept
 * (other issues add their own); errors of sources that ran now are replaced by this run's.
 */
export function mergeResults(
  previous: ResultsFile | null,
  machine: ResultsFile['machine'],
  measured: readonly Metric[],
  ran: readonly string[],
  errors: readonly BenchError[],
): ResultsFile {
  const byName = new Map<string, Metric>();
  for (const m of previous?.metrics ?? []) byName.set(m.name, m);
  for (const m of measured) byName.set(m.name, m);
  const keptErrors = (previous?.errors ?? []).filter((e) => !ran.includes(e.source));
  const allErrors = [...keptErrors, ...errors];
  return {
    machine,
    metrics: [...byName.values()],
    ...(allErrors.length > 0 ? { errors: allErrors } : {}),
  };
}

function figure(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const abs = Math.abs(value);
  const text =
    abs >= 1000
      ? Math.round(value).toLocaleString('en-US')
      : abs >= 10
        ? value.toFixed(1)
        : value.toFixed(2);
  return text;
}

/** The table a developer reads: name, median, min, max, goal, ok?; errors in place of figures. */
export function formatTable(rows: readonly { metric?: Metric; error?: BenchError }[]): string {
  const header = ['name', 'median', 'min', 'max', 'goal', 'unit', 'ok?'];
  const lines: string[][] = rows.map(({ metric, error }) => {
    if (error)
      return [
        error.source,
        `ERROR: ${error.message.split('\n')[0] ?? ''}`.slice(0, 90),
        '',
        '',
        '',
        '',
        'ERROR',
      ];
    const m = metric!;
    const goal = `${m.better === 'lower' ? '≤' : '≥'} ${figure(m.goal)}`;
    return [
      m.name,
      figure(m.median ?? m.value),
      figure(m.min),
      figure(m.max),
      goal,
      m.unit,
      meetsGoal(m) ? 'ok' : 'MISS',
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => (l[i] ?? '').length)));
  const render = (cells: readonly string[]) =>
    cells
      .map((c, i) =>
        i === 0 || i === 5 || (cells[6] === 'ERROR' && i === 1)
          ? c.padEnd(widths[i]!)
          : c.padStart(widths[i]!),
      )
      .join('  ')
      .trimEnd();
  return [render(header), render(widths.map((w) => '-'.repeat(w))), ...lines.map(render)].join(
    '\n',
  );
}
