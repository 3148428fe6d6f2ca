// Agenda first screen with 10k clients (issue 4, "Speed": ≤ 200 ms): the same read the Agenda page
// makes (open and snoozed follow-ups up to a week ahead, their clients' names, grouped), over the
// demo book's clients and the follow-ups the rules generate for them. Node over fake-indexeddb: the
// app's own cost, not Chromium's IndexedDB.
import 'fake-indexeddb/auto';
import { collectDemoBook } from '../../shared/demo';
import type { FollowUpBook } from '../../shared/domain/followupRules';
import { createDb } from '../../renderer/data/db';
import { loadAgenda } from '../../renderer/features/agenda/loadAgenda';
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
  const db = createDb(`bench-agenda-${Date.now()}`);
  await db.open();
  await db.clients.bulkPut(demo.clients);
  await db.followUps.bulkPut(followUps);
  console.log(`agenda: ${followUps.length} follow-ups for ${demo.clients.length} clients`);

  await loadAgenda(db, TODAY, 'ru'); // warm-up
  const samples: number[] = [];
  for (let i = 0; i < benchRuns(); i++) {
    const start = performance.now();
    await loadAgenda(db, TODAY, 'ru');
    samples.push(performance.now() - start);
  }
  await db.delete();
  return [
    metricFromRuns('agenda.first_screen.10k_clients (node, fake-indexeddb)', samples, {
      unit: 'ms',
      goal: 200,
      better: 'lower',
    }),
  ];
}
