/**
 * Visits: a closing visit before every purchase, a post-sale visit after most deliveries, visits
 * to prospects that ended postponed or lost, and now and then a visit the rep has not finished (status `draft`).
 * Closing and post-sale visits carry a filled-in run of the built-in checklist.
 */
import type { Answer, ChecklistRun } from '../domain/checklist';
import type { Purchase } from '../domain/purchase';
import { CLOSING_TEMPLATE, POST_SALE_TEMPLATE } from '../domain/templates';
import type { Visit, VisitOutcome } from '../domain/visit';
import type { ClientBundle } from './clients';
import { phraseContext } from './notes';
import { stampAll, synced, touch, type DemoContext } from './records';
import {
  closingAnswers,
  closingUnfinishedAnswers,
  postSaleAnswers,
  postSaleUnfinishedAnswers,
  type ClosingResult,
} from './runs';

export interface VisitsOutput {
  visits: Visit[];
  runs: ChecklistRun[];
  /** Post-sale visits that found problems: each becomes a Problem record. */
  withProblems: { visit: Visit; purchase: Purchase }[];
}

interface VisitSpec {
  kind: Visit['kind'];
  day: number;
  purchase: Purchase | null;
  outcome: VisitOutcome | null;
  template: typeof CLOSING_TEMPLATE | null;
  answers: Record<string, Answer> | null;
  /** Where a draft was left: the checklist step the rep resumes at. */
  resumeStep?: string;
  problemsFound?: boolean;
}

function offsetOfDay(ctx: DemoContext, day: string): number {
  return ctx.cal.offsetOf(Date.parse(`${day}T00:00:00Z`));
}

export function makeVisits(
  ctx: DemoContext,
  bundle: ClientBundle,
  purchases: readonly Purchase[],
  withUnfinished: boolean,
): VisitsOutput {
  const { rng } = ctx;
  const locale = bundle.locale;
  const out: VisitsOutput = { visits: [], runs: [], withProblems: [] };
  const specs: VisitSpec[] = [];

  for (const purchase of purchases) {
    const result: ClosingResult = { result: 'won', purchase };
    specs.push({
      kind: 'closing',
      day: Math.max(bundle.since, offsetOfDay(ctx, purchase.date) - rng.int(0, 3)),
      purchase,
      outcome: { result: 'won', purchaseId: purchase.id },
      template: CLOSING_TEMPLATE,
      answers: closingAnswers(rng, result),
    });
    const delivered = purchase.delivery.done;
    const postSaleDay = delivered ? offsetOfDay(ctx, delivered) + rng.int(7, 30) : 0;
    if (delivered && postSaleDay <= -1 && rng.chance(0.75)) {
      const facts = postSaleAnswers(rng, locale, purchase, phraseContext(ctx, bundle, [purchase]));
      specs.push({
        kind: 'post_sale',
        day: postSaleDay,
        purchase,
        outcome: { result: 'done' },
        template: POST_SALE_TEMPLATE,
        answers: facts.answers,
        problemsFound: facts.problemsFound,
      });
    }
  }

  if (purchases.length === 0) {
    const tries = bundle.client.status === 'prospect' ? rng.int(1, 2) : 1;
    for (let i = 0; i < tries; i++) {
      const day = rng.int(bundle.since, -1);
      const lost = bundle.client.status === 'lost' || rng.chance(0.3);
      const result: ClosingResult = lost
        ? { result: 'lost', comment: rng.pick(locale.lostReasons) }
        : {
            result: 'postponed',
            nextStep: rng.pick(locale.postponedSteps),
            nextDay: ctx.cal.day(day + rng.int(7, 45)),
          };
      specs.push({
        kind: 'closing',
        day,
        purchase: null,
        outcome:
          result.result === 'lost'
            ? { result: 'lost', reason: result.comment }
            : { result: 'postponed', nextStep: result.nextStep, nextDate: result.nextDay },
        template: CLOSING_TEMPLATE,
        answers: closingAnswers(rng, result),
      });
    }
  }

  const others = rng.weighted([
    [0, 5],
    [1, 3],
    [2, 2],
  ] as const);
  for (let i = 0; i < others; i++) {
    specs.push({
      kind: 'other',
      day: rng.int(bundle.since, -1),
      purchase: null,
      outcome: { result: 'done' },
      template: null,
      answers: null,
    });
  }

  if (withUnfinished) {
    const delivered = purchases.find((p) => p.delivery.done !== null);
    specs.push(
      delivered
        ? {
            kind: 'post_sale',
            day: -1,
            purchase: delivered,
            outcome: null,
            template: POST_SALE_TEMPLATE,
            answers: postSaleUnfinishedAnswers(rng, delivered),
            resumeStep: 'follow_through',
          }
        : {
            kind: 'closing',
            day: -1,
            purchase: null,
            outcome: null,
            template: CLOSING_TEMPLATE,
            answers: closingUnfinishedAnswers(rng),
            resumeStep: 'method',
          },
    );
  }

  for (const spec of specs) record(ctx, bundle, spec, out);
  return out;
}

function record(ctx: DemoContext, bundle: ClientBundle, spec: VisitSpec, out: VisitsOutput): void {
  const { rng, cal } = ctx;
  const unfinished = spec.outcome === null;
  const startMs = cal.instant(spec.day, rng);
  const endMs = Math.min(startMs + rng.int(20, 120) * 60_000, cal.latestMs);
  const context = phraseContext(ctx, bundle, spec.purchase ? [spec.purchase] : []);
  const visit: Visit = {
    ...synced(ctx, startMs),
    clientId: bundle.client.id,
    kind: spec.kind,
    status: unfinished ? 'draft' : 'finished',
    startedAt: cal.iso(startMs),
    finishedAt: unfinished ? null : cal.iso(endMs),
    purchaseId: spec.purchase?.id ?? null,
    outcome: spec.outcome,
    currentStep: unfinished ? (spec.resumeStep ?? null) : null,
    notes: rng.chance(0.6) ? bundle.locale.noteSentence(rng, context) : '',
  };
  stampAll(ctx, visit, startMs);
  if (!unfinished)
    touch(ctx, visit, endMs, ['status', 'finishedAt', 'outcome', 'currentStep', 'notes']);
  out.visits.push(visit);
  if (spec.problemsFound && spec.purchase)
    out.withProblems.push({ visit, purchase: spec.purchase });

  if (spec.template && spec.answers) {
    const run: ChecklistRun = {
      ...synced(ctx, startMs),
      visitId: visit.id,
      templateId: spec.template.id,
      templateKey: spec.template.key,
      templateVersion: spec.template.version,
      answers: spec.answers,
    };
    stampAll(ctx, run, startMs);
    if (!unfinished) touch(ctx, run, endMs, ['answers']);
    out.runs.push(run);
  }
}
