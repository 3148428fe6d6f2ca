/** Visits and their checklist runs: starting one, reading what visit mode shows, saving edits. */
import type {
  Answer,
  ChecklistRun,
  ChecklistTemplate,
  Client,
  ContactPerson,
  Problem,
  Purchase,
  StartableVisitKind,
  Visit,
} from '../../../../shared/domain';
import { uuidv7 } from '../../../../shared/ids';
import type { FieldbookDb } from '../../../data/db';
import type { Repository } from '../../../data/repository';
import { allTemplates, templateById, templateForPurpose } from '../../program';
import { localTimestamp } from '../../../data/localTime';
import { isLive } from '../../../../shared/domain/common';

export type VisitKind = StartableVisitKind;

export class NoTemplateError extends Error {
  readonly code = 'no_template';
  constructor(kind: VisitKind) {
    super(`No published template for ${kind} visits`);
  }
}

/** The client's latest purchase (by date, then by creation): what a post-sale visit is about. */
export function latestPurchase(purchases: readonly Purchase[]): Purchase | undefined {
  return purchases
    .filter((p) => isLive(p))
    .sort((a, b) => b.date.localeCompare(a.date) || b.createdAt.localeCompare(a.createdAt))[0];
}

/** A run's answers as a new run starts: item defaults, and one unrated row per promised benefit. */
function initialAnswers(
  template: ChecklistTemplate,
  purchase: Purchase | undefined,
): Record<string, Answer> {
  const answers: Record<string, Answer> = {};
  for (const step of template.steps) {
    for (const item of step.items) {
      if (item.default !== undefined) answers[item.key] = item.default;
      if (item.type === 'promise_vs_reality') {
        answers[item.key] = (purchase?.promisedBenefits ?? []).map((b) => ({
          benefitId: b.id,
          reality: null,
          comment: '',
        }));
      }
    }
  }
  return answers;
}

export interface StartVisitOptions {
  kind: VisitKind;
  clientId: string;
  /** For a post-sale visit: the purchase it checks; the latest purchase when absent. */
  purchaseId?: string | null;
}

/**
 * Resumes the client's unfinished visit of this kind (and purchase) if there is one, otherwise
 * starts a visit and its checklist run in one transaction. Returns the visit id.
 */
export async function startVisit(repo: Repository, options: StartVisitOptions): Promise<string> {
  const db = repo.db;
  return db.transaction(
    'rw',
    [db.visits, db.checklistRuns, db.checklistTemplates, db.purchases, db.outbox, db.meta],
    async () => {
      const purchases = await db.purchases.where('clientId').equals(options.clientId).toArray();
      const purchase =
        options.kind === 'post_sale'
          ? options.purchaseId
            ? purchases.find((p) => p.id === options.purchaseId && isLive(p))
            : latestPurchase(purchases)
          : undefined;
      const purchaseId = purchase?.id ?? null;
      const ofClient = await db.visits.where('clientId').equals(options.clientId).toArray();
      const open = ofClient.find(
        (v) =>
          isLive(v) &&
          v.status === 'draft' &&
          v.kind === options.kind &&
          (options.kind !== 'post_sale' || v.purchaseId === purchaseId),
      );
      if (open) return open.id;

      const template = templateForPurpose(await allTemplates(db), options.kind);
      if (!template) throw new NoTemplateError(options.kind);
      const visitId = uuidv7();
      await repo.create(
        'visits',
        {
          clientId: options.clientId,
          kind: options.kind,
          status: 'draft',
          startedAt: localTimestamp(),
          finishedAt: null,
          purchaseId,
          outcome: null,
          currentStep: template.steps[0]?.key ?? null,
          notes: '',
          deletedAt: null,
        },
        visitId,
      );
      await repo.create('checklistRuns', {
        visitId,
        templateId: template.id,
        templateKey: template.key,
        templateVersion: template.version,
        answers: initialAnswers(template, purchase),
        deletedAt: null,
      });
      return visitId;
    },
  );
}

export interface VisitContext {
  visit: Visit;
  run: ChecklistRun | undefined;
  template: ChecklistTemplate | undefined;
  client: Client | undefined;
  people: ContactPerson[];
  purchase: Purchase | undefined;
  /** The client's latest purchase, shown among the key facts whatever the visit is about. */
  lastPurchase: Purchase | undefined;
  openProblems: Problem[];
}

export async function loadVisitContext(
  db: FieldbookDb,
  visitId: string,
): Promise<VisitContext | undefined> {
  const visit = await db.visits.get(visitId);
  if (!visit) return undefined;
  const [runs, client, people, purchases, problems] = await Promise.all([
    db.checklistRuns.where('visitId').equals(visitId).toArray(),
    db.clients.get(visit.clientId),
    db.people.where('clientId').equals(visit.clientId).toArray(),
    db.purchases.where('clientId').equals(visit.clientId).toArray(),
    db.problems.where('clientId').equals(visit.clientId).toArray(),
  ]);
  const run = runs.find((r) => isLive(r));
  const template = run ? await templateById(db, run.templateId) : undefined;
  return {
    visit,
    run,
    template,
    client,
    people: people.filter((p) => isLive(p)),
    purchase: purchases.find((p) => p.id === visit.purchaseId),
    lastPurchase: latestPurchase(purchases),
    openProblems: problems.filter((p) => isLive(p) && p.status !== 'confirmed'),
  };
}

export interface VisitEdits {
  notes?: string;
  currentStep?: string | null;
  answers?: Record<string, Answer>;
}

/** Saves what changed in a visit and its run together: one transaction, so a resume never sees half. */
export async function saveVisitEdits(
  repo: Repository,
  ids: { visitId: string; runId: string | null },
  edits: VisitEdits,
): Promise<void> {
  const db = repo.db;
  await db.transaction('rw', [db.visits, db.checklistRuns, db.outbox, db.meta], async () => {
    const visitPatch: Partial<Pick<Visit, 'notes' | 'currentStep'>> = {};
    if (edits.notes !== undefined) visitPatch.notes = edits.notes;
    if (edits.currentStep !== undefined) visitPatch.currentStep = edits.currentStep;
    if (Object.keys(visitPatch).length > 0) await repo.update('visits', ids.visitId, visitPatch);
    if (edits.answers !== undefined && ids.runId)
      await repo.update('checklistRuns', ids.runId, { answers: edits.answers });
  });
}

export interface VisitRow {
  visit: Visit;
  clientName: string;
}

/** Unfinished visits first (to resume), then the latest finished ones. */
export async function listVisits(db: FieldbookDb, limit = 50): Promise<VisitRow[]> {
  const [unfinishedRows, recent] = await Promise.all([
    db.visits.where('status').equals('draft').toArray(),
    db.visits
      .orderBy('startedAt')
      .reverse()
      .limit(limit * 2)
      .toArray(),
  ]);
  const live = (v: Visit) => isLive(v);
  const unfinished = unfinishedRows
    .filter(live)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt));
  const finished = recent.filter((v) => live(v) && v.status === 'finished').slice(0, limit);
  const rows = [...unfinished, ...finished];
  const clients = await db.clients.bulkGet([...new Set(rows.map((v) => v.clientId))]);
  const names = new Map(clients.filter((c) => c).map((c) => [c!.id, c!.name]));
  return rows.map((visit) => ({ visit, clientName: names.get(visit.clientId) ?? '' }));
}
