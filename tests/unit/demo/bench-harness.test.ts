import { describe, expect, it } from 'vitest';
import {
  benchFunctions,
  checkMetrics,
  formatTable,
  keepMetric,
  mergeResults,
  selects,
  type ResultsFile,
} from '../../bench/harness';
import { meetsGoal, median, metricFromRuns, percentile, type Metric } from '../../bench/metric';

const machine: ResultsFile['machine'] = {
  cpus: 2,
  model: 'test cpu',
  memGiB: 8,
  node: 'v20',
  platform: 'linux',
  date: '2025-06-10T00:00:00.000Z',
};

function metric(name: string, value: number, better: Metric['better'] = 'lower'): Metric {
  return {
    name,
    value,
    unit: 'ms',
    goal: 10,
    better,
    runs: 1,
    min: value,
    max: value,
    median: value,
  };
}

describe('bench harness', () => {
  it('runs only exported functions named run…Bench', () => {
    const fn = async () => [];
    const found = benchFunctions('x.bench.ts', {
      runXBench: fn,
      helper: fn,
      runBench: fn,
      BENCH_BOOK: {},
      runYBench: 3,
    });
    expect(found.map((s) => s.key)).toEqual(['x.bench.ts:runXBench', 'x.bench.ts:runBench']);
  });

  it('--only selects by module, function, or a metric name prefixed by the module stem', () => {
    expect(selects([], 'demo.bench.ts:runDemoBench')).toBe(true);
    expect(selects(['demo'], 'demo.bench.ts:runDemoBench')).toBe(true);
    expect(selects(['runHlc'], 'hlc.bench.ts:runHlcBench')).toBe(true);
    expect(selects(['demo.generate.rate'], 'demo.bench.ts:runDemoBench')).toBe(true);
    expect(selects(['demo.generate.rate'], 'idb.bench.ts:runIdbBench')).toBe(false);
    expect(selects(['search'], 'hlc.bench.ts:runHlcBench')).toBe(false);
  });

  it('--only with a metric name keeps just the metrics it names', () => {
    const key = 'demo.bench.ts:runDemoBench';
    expect(keepMetric(['demo.generate'], key, metric('demo.generate.rate', 1))).toBe(true);
    expect(keepMetric(['demo.generate'], key, metric('demo.book.heap', 1))).toBe(false);
    expect(keepMetric(['demo'], key, metric('demo.book.heap', 1))).toBe(true);
  });

  it('refuses malformed output instead of writing it', () => {
    expect(() => checkMetrics('nope')).toThrow(/array/);
    expect(() => checkMetrics([{ name: 'x', value: NaN }])).toThrow(/malformed/);
    expect(() => checkMetrics([{ ...metric('x', 1), better: 'more' }])).toThrow(/malformed/);
    expect(checkMetrics([metric('x', 1)])).toHaveLength(1);
  });

  it('merging keeps figures from other benches and replaces those measured again', () => {
    const previous: ResultsFile = {
      machine: { ...machine, date: 'old' },
      metrics: [metric('search.keystroke.p95', 9), metric('demo.generate.rate', 100)],
      errors: [
        { source: 'demo.bench.ts:runDemoBench', message: 'old failure' },
        { source: 'x.bench.ts', message: 'still broken' },
      ],
    };
    const merged = mergeResults(
      previous,
      machine,
      [metric('demo.generate.rate', 200)],
      ['demo.bench.ts:runDemoBench', 'demo.bench.ts'],
      [],
    );
    expect(merged.machine.date).toBe(machine.date);
    expect(merged.metrics.map((m) => [m.name, m.value])).toEqual([
      ['search.keystroke.p95', 9],
      ['demo.generate.rate', 200],
    ]);
    expect(merged.errors).toEqual([{ source: 'x.bench.ts', message: 'still broken' }]);
  });

  it('merging into no previous file writes just this run and no errors key when none failed', () => {
    const merged = mergeResults(null, machine, [metric('a', 1)], ['a.bench.ts:runABench'], []);
    expect(merged).toEqual({ machine, metrics: [metric('a', 1)] });
  });

  it('the table shows the goal verdict per metric and the error in place of figures', () => {
    const table = formatTable([
      { metric: metric('fast.ms', 5) },
      { metric: metric('slow.ms', 50) },
      { metric: { ...metric('rate', 5, 'higher'), unit: 'records/s' } },
      { error: { source: 'broken.bench.ts:runBrokenBench', message: 'boom\nstack' } },
    ]);
    const lines = table.split('\n');
    expect(lines[0]).toMatch(/^name\s+median\s+min\s+max\s+goal\s+unit\s+ok\?$/);
    expect(lines.find((l) => l.startsWith('fast.ms'))).toMatch(/ok$/);
    expect(lines.find((l) => l.startsWith('slow.ms'))).toMatch(/MISS$/);
    expect(lines.find((l) => l.startsWith('rate'))).toMatch(/≥ 10\.0 .*MISS$/);
    expect(lines.find((l) => l.startsWith('broken'))).toMatch(/ERROR: boom\s+ERROR$/);
  });
});

describe('bench statistics', () => {
  it('median of odd and even samples', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('percentile by nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(samples, 95)).toBe(95);
    expect(percentile(samples, 100)).toBe(100);
    expect(percentile([7], 95)).toBe(7);
  });

  it('a metric from runs reports median as its value with min, max and the run count', () => {
    const m = metricFromRuns('x', [30, 10, 20], { unit: 'ms', goal: 25, better: 'lower' });
    expect(m).toEqual({
      name: 'x',
      value: 20,
      unit: 'ms',
      goal: 25,
      better: 'lower',
      runs: 3,
      min: 10,
      max: 30,
      median: 20,
    });
    expect(meetsGoal(m)).toBe(true);
    expect(meetsGoal({ value: 20, goal: 25, better: 'higher' })).toBe(false);
  });
});
