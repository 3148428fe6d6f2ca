/**
 * Three server replicas on one PostgreSQL behind HAProxy, 300 devices syncing through it, one
 * replica killed with SIGKILL mid-run (tests/server/replicas.ts, the scenario the replica test
 * checks). Figures: the p99 of a device's push + pull cycle, and the ops lost and applied twice.
 * Needs DATABASE_URL and haproxy. Run alone with `npx tsx tests/bench/server-replicas.bench.ts`.
 * Runs: BENCH_REPLICA_RUNS (default 1; each takes one to two minutes on two cores).
 */
import { pathToFileURL } from 'node:url';
import { runReplicas } from '../server/replicas';
import { metricFromRuns, percentile, type Metric } from './metric';

export async function runServerReplicasBench(): Promise<Metric[]> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('the replica bench needs DATABASE_URL (PostgreSQL) and haproxy');
  const runs = Math.max(1, Number(process.env.BENCH_REPLICA_RUNS ?? 1) || 1);
  const p99: number[] = [];
  const lost: number[] = [];
  const duplicated: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await runReplicas({
      databaseUrl: url,
      devices: 300,
      teams: 10,
      cycles: 3,
      opsPerPush: 3,
      concurrency: 30,
      killAt: 0.4,
      log: (line) => console.error(`  ${line}`),
    });
    if (result.notConverged > 0 || result.leaked > 0)
      throw new Error(
        `${result.notConverged} devices did not converge, ${result.leaked} rows leaked`,
      );
    p99.push(percentile(result.cycleMs, 99));
    lost.push(result.lost);
    duplicated.push(result.duplicated);
  }
  return [
    metricFromRuns('server.replicas3.devices300.p99.ms', p99, {
      unit: 'ms',
      goal: 2000,
      better: 'lower',
    }),
    metricFromRuns('server.replicas3.killOne.lost', lost, {
      unit: 'ops',
      goal: 0,
      better: 'lower',
    }),
    metricFromRuns('server.replicas3.killOne.duplicated', duplicated, {
      unit: 'ops',
      goal: 0,
      better: 'lower',
    }),
  ];
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runServerReplicasBench()
    .then((metrics) => console.log(JSON.stringify(metrics, null, 2)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
