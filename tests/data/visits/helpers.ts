/** A fresh database, a client and ways to fill a visit's checklist as a rep would. */
import type { Answer, Client } from '../../../shared/domain';
import { createDb } from '../../../renderer/data/db';
import { Repository } from '../../../renderer/data/repository';
import { emptyClientDraft } from '../../../renderer/features/clients/data/clients';
import {
  saveVisitEdits,
  startVisit,
  type VisitKind,
} from '../../../renderer/features/visits/data/visits';

export async function freshBook() {
  const db = createDb(`visits-${Math.random()}`);
  await db.open();
  return { db, repo: new Repository(db) };
}

export type Book = Awaited<ReturnType<typeof freshBook>>;

export async function addClient(book: Book, name: string, status: Client['status'] = 'prospect') {
  return book.repo.create('clients', { ...emptyClientDraft(), name, status });
}

/** Starts a visit and sets the given answers on its run (merged over the run's initial answers). */
export async function visitWith(
  book: Book,
  kind: VisitKind,
  clientId: string,
  answers: Record<string, Answer>,
  purchaseId?: string,
) {
  const visitId = await startVisit(book.repo, { kind, clientId, purchaseId });
  const run = (await book.db.checklistRuns.where('visitId').equals(visitId).toArray())[0]!;
  await saveVisitEdits(
    book.repo,
    { visitId, runId: run.id },
    { answers: { ...(run.answers as Record<string, Answer>), ...answers } },
  );
  return { visitId, runId: run.id };
}

export const GUARDS = {
  guard_no_haste: true,
  guard_no_paperwork: true,
  guard_no_pressure: true,
} as const;
