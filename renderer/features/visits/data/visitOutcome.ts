/**
 * Finishing a visit applies what it decided, all in one transaction: a won closing creates the
 * purchase with its promised benefits and delivery date; a postponed one plans the next step; a
 * post-sale visit records its problems, turns referrals into prospects, sets the loyalty level and
 * the milestones it confirmed. The follow-ups of the clients it touched are regenerated in the same
 * transaction, so the agenda never shows a state in between.
 */
import type {
  Answer,
  Client,
  LOYALTY_LEVELS,
  Purchase,
  Visit,
  VisitOutcome,
} from '../../../../shared/domain';
import { CROSS_SELL_KINDS, newFollowUp, newPurchase } from '../../../../shared/domain';
import {
  chosen,
  closingOutcome,
  loyaltyFromAnswers,
  validateRun,
  type RunValidation,
} from '../../../../shared/domain/checklistRun';
import { POST_SALE_ITEMS } from '../../../../shared/domain/templates';
import { addDays } from '../../../../shared/domain/followups/days';
import { uuidv7 } from '../../../../shared/ids';
import type { Repository } from '../../../data/repository';
import { templateById } from '../../program';
import { bookTables, regenerateFollowUps } from '../../agenda';
import { localDay, localTimestamp } from '../../../data/localTime';
import {
  filledProblems,
  filledReferrals,
  parseAmount,
  readProblemDrafts,
  readReferralDrafts,
  readSaleDraft,
} from './visitExtras';
import { isLive } from '../../../../shared/domain/common';

export class VisitIncompleteError extends Error {
  readonly code = 'incomplete';
  constructor(readonly validation: RunValidation) {
    super('Required checklist items are missing');
  }
}

class VisitNotFinishableError extends Error {
  readonly code = 'not_finishable';
  constructor(reason: string) {
    super(reason);
  }
}

export interface FinishResult {
  outcome: VisitOutcome;
  purchaseId: string | null;
  problemIds: string[];
  referralIds: string[];
  loyalty: (typeof LOYALTY_LEVELS)[number] | null;
  followUpId: string | null;
}

/** Days a postponed deal waits when the rep gave no date for the next step. */
export const DEFAULT_NEXT_STEP_DAYS = 7;

const MILESTONE_ANSWERS = [
  [POST_SALE_ITEMS.delivery, 'delivery'],
  [POST_SALE_ITEMS.installation, 'installation'],
  [POST_SALE_ITEMS.training, 'training'],
  [POST_SALE_ITEMS.payment, 'payment'],
] as const;
/** Follow-through answers that say the step happened (with or without remarks). */
const HAPPENED = new Set(['as_agreed', 'with_issues']);

type Answers = Record<string, Answer>;

export async function finishVisit(
  repo: Repository,
  visitId: string,
  options: { today?: string } = {},
): Promise<FinishResult> {
  const db = repo.db;
  const today = options.today ?? localDay();
  return db.transaction(
    'rw',
    [...bookTables(db), db.checklistRuns, db.outbox, db.meta],
    async () => {
      const visit = await db.visits.get(visitId);
      if (!visit || visit.deletedAt !== null) throw new VisitNotFinishableError('no such visit');
      if (visit.status === 'finished') throw new VisitNotFinishableError('already finished');
      const run = (await db.checklistRuns.where('visitId').equals(visitId).toArray()).find((r) =>
        isLive(r),
      );
      const template = run ? await templateById(db, run.templateId) : undefined;
      if (!run || !template) throw new VisitNotFinishableError('the visit has no checklist');
      const client = await db.clients.get(visit.clientId);
      if (!client) throw new VisitNotFinishableError('the client is gone');
      const purchase = visit.purchaseId ? await db.purchases.get(visit.purchaseId) : undefined;

      const answers = run.answers as Answers;
      const validation = validateRun(template, answers, {
        promisedBenefitIds: purchase?.promisedBenefits.map((b) => b.id),
      });
      if (!validation.complete) throw new VisitIncompleteError(validation);

      const result: FinishResult = {
        outcome: { result: 'done' },
        purchaseId: visit.purchaseId,
        problemIds: [],
        referralIds: [],
        loyalty: null,
        followUpId: null,
      };
      if (visit.kind === 'closing') await applyClosing(repo, visit, client, answers, today, result);
      else if (visit.kind === 'post_sale')
        await applyPostSale(repo, visit, client, purchase, answers, today, result);

      await closeFulfilledFollowUps(repo, visit, result.purchaseId);
      await repo.update('visits', visit.id, {
        status: 'finished',
        finishedAt: localTimestamp(),
        outcome: result.outcome,
        purchaseId: result.purchaseId,
      });
      // Only this client and the prospects it referred changed: the rest of the book is not read
      // (the background keeper still passes over all of it afterwards).
      await regenerateFollowUps(repo, today, [client.id, ...result.referralIds]);
      return result;
    },
  );
}

async function applyClosing(
  repo: Repository,
  visit: Visit,
  client: Client,
  answers: Answers,
  today: string,
  result: FinishResult,
): Promise<void> {
  const outcome = closingOutcome(answers);
  if (!outcome) throw new VisitNotFinishableError('no outcome chosen');
  if (outcome.result === 'won') {
    const sale = readSaleDraft(answers);
    const amount = parseAmount(sale.amount);
    const purchase = await repo.create(
      'purchases',
      newPurchase({
        clientId: client.id,
        date: today,
        items: sale.item.trim() ? [{ name: sale.item.trim(), quantity: 1, unitPrice: amount }] : [],
        total: { amount: amount ?? 0, currency: sale.currency },
        promisedBenefits: outcome.promisedBenefits.map((text) => ({ id: uuidv7(), text })),
        delivery: { due: outcome.deliveryDate, done: null },
      }),
    );
    // A prospect who buys becomes a client; a lost one who buys again is won back.
    const status =
      client.status === 'prospect' ? 'active' : client.status === 'lost' ? 'won_back' : null;
    if (status) await repo.update('clients', client.id, { status });
    result.purchaseId = purchase.id;
    result.outcome = { result: 'won', purchaseId: purchase.id };
  } else if (outcome.result === 'postponed') {
    const followUp = await repo.create(
      'followUps',
      newFollowUp({
        clientId: client.id,
        due: outcome.nextDate ?? addDays(today, DEFAULT_NEXT_STEP_DAYS),
        title: outcome.nextStep,
        subjectId: visit.id,
      }),
    );
    result.followUpId = followUp.id;
    result.outcome = {
      result: 'postponed',
      nextStep: outcome.nextStep,
      nextDate: outcome.nextDate,
    };
  } else {
    // The reason is kept as its key (the screens word it); the comment stays in the run.
    result.outcome = { result: 'lost', reason: outcome.reason ?? 'other' };
  }
}

async function applyPostSale(
  repo: Repository,
  visit: Visit,
  client: Client,
  purchase: Purchase | undefined,
  answers: Answers,
  today: string,
  result: FinishResult,
): Promise<void> {
  for (const p of filledProblems(readProblemDrafts(answers))) {
    const problem = await repo.create('problems', {
      clientId: client.id,
      visitId: visit.id,
      purchaseId: purchase?.id ?? null,
      description: p.description.trim(),
      owner: p.owner.trim(),
      due: p.due,
      status: p.status,
      sellersFault: p.sellersFault,
      deletedAt: null,
    });
    result.problemIds.push(problem.id);
  }

  for (const r of filledReferrals(readReferralDrafts(answers))) {
    const prospect = await repo.create('clients', {
      kind: r.contactPerson.trim() ? 'company' : 'person',
      name: r.name.trim(),
      status: 'prospect',
      tags: [],
      cadenceDays: null,
      address: '',
      notes: r.note.trim(),
      loyalty: 'unknown',
      churnReason: null,
      churnComment: '',
      referredBy: client.id,
      deletedAt: null,
    });
    if (r.contactPerson.trim() || r.phone.trim()) {
      await repo.create('people', {
        clientId: prospect.id,
        name: r.contactPerson.trim() || r.name.trim(),
        role: '',
        birthday: null,
        children: [],
        addressForm: 'unknown',
        channels: r.phone.trim() ? [{ kind: 'phone', value: r.phone.trim() }] : [],
        interests: '',
        personalNotes: '',
        deletedAt: null,
      });
    }
    result.referralIds.push(prospect.id);
  }

  const loyalty = loyaltyFromAnswers(answers);
  if (loyalty !== 'unknown') {
    await repo.update('clients', client.id, { loyalty });
    result.loyalty = loyalty;
  }

  if (purchase) {
    const patch: Partial<Purchase> = {};
    for (const [itemKey, field] of MILESTONE_ANSWERS) {
      const said = chosen(answers[itemKey])[0];
      if (said && HAPPENED.has(said) && purchase[field].done === null)
        patch[field] = { ...purchase[field], done: today };
    }
    const interest = chosen(answers[POST_SALE_ITEMS.crossSell]).filter(
      (k): k is (typeof CROSS_SELL_KINDS)[number] =>
        (CROSS_SELL_KINDS as readonly string[]).includes(k),
    );
    const crossSell = [...new Set([...purchase.crossSell, ...interest])];
    if (crossSell.length !== purchase.crossSell.length) patch.crossSell = crossSell;
    if (Object.keys(patch).length > 0) await repo.update('purchases', purchase.id, patch);
  }
  result.outcome = { result: 'done' };
}

/**
 * The follow-ups this visit carries out are closed by finishing it (the rep's own act, not a
 * silent completion): the post-sale visit planned for this purchase, and the next step a
 * postponed closing planned for this client.
 */
async function closeFulfilledFollowUps(
  repo: Repository,
  visit: Visit,
  purchaseId: string | null,
): Promise<void> {
  const db = repo.db;
  const mine = await db.followUps.where('clientId').equals(visit.clientId).toArray();
  const closingVisitIds = new Set(
    (await db.visits.where('clientId').equals(visit.clientId).toArray())
      .filter((v) => v.kind === 'closing')
      .map((v) => v.id),
  );
  for (const f of mine) {
    if (f.deletedAt !== null || (f.status !== 'open' && f.status !== 'snoozed')) continue;
    const fulfilled =
      (visit.kind === 'post_sale' &&
        purchaseId !== null &&
        f.ruleKey === `post_sale_visit:${purchaseId}`) ||
      (visit.kind === 'closing' &&
        f.kind === 'custom' &&
        f.subjectId !== null &&
        f.subjectId !== visit.id &&
        closingVisitIds.has(f.subjectId));
    if (fulfilled)
      await repo.update('followUps', f.id, { status: 'done', doneAt: localTimestamp() });
  }
}
