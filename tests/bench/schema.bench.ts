/**
 * Validating records with the shared zod schemas: every repository write and every import row
 * goes through them, so they must run well above the CSV import goal (20k rows/s, each row a
 * client and a person).
 */
import { performance } from 'node:perf_hooks';
import { SYNCED_SCHEMAS, type SyncedTable } from '../../shared/domain';
import { collectDemoBook } from '../../shared/demo';
import { benchRuns, metricFromRuns, type Metric } from './metric';

export async function runSchemaBench(): Promise<Metric[]> {
  const book = collectDemoBook({
    seed: 2,
    clients: 2_000,
    notes: 20_000,
    locale: 'mixed',
    ownerId: 'bench-rep',
    today: '2025-06-10',
  });
  const tables = Object.keys(book) as SyncedTable[];
  const all: number[] = [];
  const clients: number[] = [];
  for (let run = 0; run < benchRuns(); run++) {
    let count = 0;
    const started = performance.now();
    for (const table of tables) {
      const schema = SYNCED_SCHEMAS[table];
      for (const record of book[table]) {
        if (!schema.safeParse(record).success)
          throw new Error(`demo ${table} record fails its schema`);
        count++;
      }
    }
    all.push(count / ((performance.now() - started) / 1000));

    const clientStart = performance.now();
    for (const record of book.clients) SYNCED_SCHEMAS.clients.parse(record);
    clients.push(book.clients.length / ((performance.now() - clientStart) / 1000));
    await new Promise((resolve) => setImmediate(resolve));
  }
  return [
    metricFromRuns('schema.validate.rate', all, {
      unit: 'records/s',
      goal: 50_000,
      better: 'higher',
    }),
    metricFromRuns('schema.validate.clients.rate', clients, {
      unit: 'records/s',
      goal: 50_000,
      better: 'higher',
    }),
  ];
}
