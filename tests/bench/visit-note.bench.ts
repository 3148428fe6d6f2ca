// Keystroke in a visit note → committed (issue 4, "Speed": ≤ 16 ms at p95). Each keystroke is the
// write visit mode makes: the whole note text saved through the repository (record + stamps +
// outbox row in one transaction). Runs in Node over fake-indexeddb, so the figure is the app's own
// cost per keystroke, not Chromium's IndexedDB; the Chromium IndexedDB figures are in idb.bench.ts.
import 'fake-indexeddb/auto';
import { createDb } from '../../renderer/data/db';
import { Repository } from '../../renderer/data/repository';
import { emptyClientDraft } from '../../renderer/features/clients/data/clients';
import { saveVisitEdits, startVisit } from '../../renderer/features/visits/data/visits';
import { benchRuns, metricFromRuns, type Metric } from './metric';

const KEYSTROKES = 300;
const TEXT = 'Клиент доволен поставкой, просит расширить гарантию и обучить двух новых кассиров. ';

function p95(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.95))]!;
}

async function oneRun(run: number): Promise<number> {
  const db = createDb(`bench-visit-${run}-${Date.now()}`);
  await db.open();
  const repo = new Repository(db);
  const client = await repo.create('clients', { ...emptyClientDraft(), name: 'ООО Ромашка' });
  const visitId = await startVisit(repo, { kind: 'post_sale', clientId: client.id });
  const visit = await db.visits.get(visitId);
  const run0 = await db.checklistRuns.where('visitId').equals(visit!.id).first();
  const ids = { visitId, runId: run0?.id ?? null };
  const samples: number[] = [];
  let note = '';
  for (let i = 0; i < KEYSTROKES; i++) {
    note += TEXT[i % TEXT.length];
    const start = performance.now();
    await saveVisitEdits(repo, ids, { notes: note });
    samples.push(performance.now() - start);
  }
  await db.delete();
  return p95(samples);
}

export async function runVisitNoteBench(): Promise<Metric[]> {
  const runs: number[] = [];
  for (let r = 0; r < benchRuns(); r++) runs.push(await oneRun(r));
  return [
    metricFromRuns('visit.note.keystroke.p95 (node, fake-indexeddb)', runs, {
      unit: 'ms',
      goal: 16,
      better: 'lower',
    }),
  ];
}
