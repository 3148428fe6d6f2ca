// Agenda first screen with 10k clients (issue 4, "Speed": ≤ 200 ms): the same read the Agenda page
// makes (counts per section and kind, the first page of each group and its clients' names), over
// the demo book's clients and the follow-ups the rules generate for them; and the navigation's
// count, which is read again after every follow-up write. Node over fake-indexeddb: the app's own
// cost, not Chromium's IndexedDB.
import 'fake-indexeddb/auto';
import { collectDemoBook } from '../../shared/demo';
import type { FollowUpBook } from '../../shared/domain/followupRules';
import { createDb } from '../../renderer/data/db';
import { SCHEMA_VERSIONS } from '../../renderer/data/schema';
import { dueCount } from '../../renderer/features/agenda/data/followUps';
import { loadAgenda } from '../../renderer/features/agenda/data/loadAgenda';
import { storedFollowUps } from './demoFollowUps';
import { benchRuns, metricFromRuns, type Metric } from './metric';

const TODAY = '2025-03-10';

export async function runAgendaBench(): Promise<Metric[]> {
  const demo = collectDemoBook({
    seed: 'agenda',
    clients: 10_000,
    notes: 10_000,
    locale: 'mixed',
    ownerId: 'bench',
    today: TODAY,
  });
  const book: FollowUpBook = { ...demo, followUps: [] };
  const followUps = storedFollowUps(book, TODAY);
  // A book as the versions before the follow-up tally (schema v4) made it: counted on the indexes.
  const db = createDb(
    `bench-agenda-${Date.now()}`,
    SCHEMA_VERSIONS.filter((v) => v.version < 4),
  );
  await db.open();
  await db.clients.bulkPut(demo.clients);
  await db.followUps.bulkPut(followUps);
  console.log(`agenda: ${followUps.length} follow-ups for ${demo.clients.length} clients`);

  // Wall time is the goal; process CPU time beside it, since on a shared machine wall time also
  // measures the neighbours.
  const timed = async (name: string, goal: number, read: () => Promise<unknown>) => {
    await read(); // warm-up
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < benchRuns(); i++) {
      const start = performance.now();
      const startCpu = process.cpuUsage();
      await read();
      const used = process.cpuUsage(startCpu);
      wall.push(performance.now() - start);
      cpu.push((used.user + used.system) / 1000);
    }
    const spec = { unit: 'ms', goal, better: 'lower' } as const;
    const where = ' (node, fake-indexeddb)';
    return [
      metricFromRuns(`${name}${where}`, wall, spec),
      metricFromRuns(`${name}.cpu${where}`, cpu, spec),
    ];
  };
  // The same book as the app keeps it, with the follow-up tally: the counts are summed from it.
  const tallied = createDb(`bench-agenda-tally-${Date.now()}`);
  await tallied.open();
  await tallied.clients.bulkPut(demo.clients);
  await tallied.followUps.bulkPut(followUps);
  const metrics = [
    ...(await timed('agenda.first_screen.10k_clients', 200, () => loadAgenda(db, TODAY, 'ru'))),
    // No goal of its own in the issue: a share of the first screen's budget.
    ...(await timed('agenda.nav_count.10k_clients', 50, () => dueCount(db, TODAY))),
    ...(await timed('agenda.first_screen.10k_clients.tally', 200, () =>
      loadAgenda(tallied, TODAY, 'ru'),
    )),
    ...(await timed('agenda.nav_count.10k_clients.tally', 50, () => dueCount(tallied, TODAY))),
  ];
  await db.delete();
  await tallied.delete();
  return metrics;
}
