/**
 * The hybrid logical clock: a write stamps each changed field and a pull folds in every remote
 * stamp. An import of 20k rows/s with ~10 fields each needs 200k stamps/s; the goals leave room.
 */
import { performance } from 'node:perf_hooks';
import { HybridLogicalClock, formatHlc } from '../../shared/sync/hlc';
import { benchRuns, metricFromRuns, type Metric } from './metric';

const TICKS = 1_000_000;

export async function runHlcBench(): Promise<Metric[]> {
  const ticks: number[] = [];
  const receives: number[] = [];
  const wall = Date.parse('2025-06-10T09:00:00Z');
  const remote = Array.from({ length: 1000 }, (_, i) =>
    formatHlc({ ms: wall - 1000 + i, counter: i % 7, node: 'b'.repeat(16) }),
  );
  let sink = '';
  for (let run = 0; run < benchRuns(); run++) {
    // A clock whose wall time advances 1 ms every 100 ticks: counters and millisecond steps both run.
    let now = wall;
    let calls = 0;
    const clock = new HybridLogicalClock({
      node: 'a'.repeat(16),
      now: () => (++calls % 100 === 0 ? ++now : now),
    });
    let started = performance.now();
    for (let i = 0; i < TICKS; i++) sink = clock.tick();
    ticks.push(TICKS / ((performance.now() - started) / 1000));

    started = performance.now();
    for (let i = 0; i < TICKS; i++) sink = clock.receive(remote[i % remote.length]!);
    receives.push(TICKS / ((performance.now() - started) / 1000));
    await new Promise((resolve) => setImmediate(resolve));
  }
  if (sink.length === 0) throw new Error('no stamps produced');
  return [
    metricFromRuns('hlc.tick.rate', ticks, { unit: 'stamps/s', goal: 1_000_000, better: 'higher' }),
    metricFromRuns('hlc.receive.rate', receives, {
      unit: 'stamps/s',
      goal: 500_000,
      better: 'higher',
    }),
  ];
}
