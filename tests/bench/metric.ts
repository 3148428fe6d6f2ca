/**
 * The one shape every benchmark module returns, and the small statistics helpers that produce it.
 * A module exports async functions named `run…Bench(): Promise<Metric[]>`; tests/bench/run.ts finds
 * them, prints the table and merges the figures into results/latest.json.
 */
export interface Metric {
  /** Dotted, stable name: later runs overwrite the figure with the same name. */
  name: string;
  /** The headline figure: the median of the runs unless the metric says otherwise (e.g. p95). */
  value: number;
  unit: string;
  goal: number;
  better: 'lower' | 'higher';
  runs: number;
  min: number;
  max: number;
  median?: number;
}

/** How many times each benchmark repeats its measurement (env BENCH_RUNS, default 5). */
export function benchRuns(): number {
  const raw = Number(process.env.BENCH_RUNS ?? 5);
  return Number.isInteger(raw) && raw > 0 ? raw : 5;
}

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The p-th percentile (0..100) by nearest rank. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** A metric whose value is the median of one sample per run. */
export function metricFromRuns(
  name: string,
  samples: readonly number[],
  spec: { unit: string; goal: number; better: 'lower' | 'higher' },
): Metric {
  const mid = median(samples);
  return {
    name,
    value: round(mid),
    unit: spec.unit,
    goal: spec.goal,
    better: spec.better,
    runs: samples.length,
    min: round(Math.min(...samples)),
    max: round(Math.max(...samples)),
    median: round(mid),
  };
}

/** Whether a figure meets its goal. */
export function meetsGoal(metric: Pick<Metric, 'value' | 'goal' | 'better'>): boolean {
  return metric.better === 'lower' ? metric.value <= metric.goal : metric.value >= metric.goal;
}

/** Three significant decimals are more than the machine's noise warrants. */
function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  const magnitude = Math.abs(value);
  const digits = magnitude >= 100 ? 0 : magnitude >= 1 ? 2 : 4;
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
