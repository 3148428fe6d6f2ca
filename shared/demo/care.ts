/**
 * Keeping the client: problems to fix to the client's satisfaction, retention plans for clients at
 * risk or lost, and follow-ups the rep added by hand (the rules engine generates the rest).
 */
import type { ContactLogEntry } from '../domain/contact';
import type { FollowUp } from '../domain/followup';
import type { Problem, RetentionPlan } from '../domain/problem';
import type { Purchase } from '../domain/purchase';
import type { Visit } from '../domain/visit';
import type { ClientBundle } from './clients';
import { nestedId, stampAll, synced, touch, type DemoContext } from './records';

function problemStatus(ctx: DemoContext, ageDays: number): Problem['status'] {
  if (ageDays > 30) {
    return ctx.rng.weighted([
      ['confirmed', 7],
      ['fixed', 2],
      ['in_progress', 1],
    ] as const);
  }
  return ctx.rng.weighted([
    ['open', 4],
    ['in_progress', 3],
    ['fixed', 2],
    ['confirmed', 1],
  ] as const);
}

interface ProblemSource {
  atMs: number;
  visit: Visit | null;
  purchase: Purchase | null;
  description: string;
}

function makeProblem(ctx: DemoContext, bundle: ClientBundle, source: ProblemSource): Problem {
  const { rng, cal } = ctx;
  const day = cal.offsetOf(source.atMs);
  const status = problemStatus(ctx, -day);
  const problem: Problem = {
    ...synced(ctx, source.atMs),
    clientId: bundle.client.id,
    visitId: source.visit?.id ?? null,
    purchaseId: source.purchase?.id ?? null,
    description: source.description,
    owner: rng.pick(bundle.locale.problemOwners),
    due: rng.chance(0.9) ? cal.day(day + rng.int(2, 14)) : null,
    status,
    sellersFault: rng.chance(0.5),
  };
  stampAll(ctx, problem, source.atMs);
  if (status !== 'open') touch(ctx, problem, cal.instant(rng.int(day, -1), rng), ['status']);
  return problem;
}

/** Problems from post-sale visits that found them, and from half of the complaints. */
export function makeProblems(
  ctx: DemoContext,
  bundle: ClientBundle,
  fromVisits: readonly { visit: Visit; purchase: Purchase }[],
  contacts: readonly ContactLogEntry[],
): Problem[] {
  const problems: Problem[] = [];
  for (const { visit, purchase } of fromVisits) {
    const atMs = Date.parse(visit.finishedAt ?? visit.startedAt);
    problems.push(
      makeProblem(ctx, bundle, {
        atMs,
        visit,
        purchase,
        description: ctx.rng.pick(bundle.locale.problems),
      }),
    );
  }
  for (const c of contacts) {
    if (c.subtype !== 'complaint' || !ctx.rng.chance(0.5)) continue;
    const atMs = Math.min(Date.parse(c.at) + 60_000, ctx.cal.latestMs);
    problems.push(
      makeProblem(ctx, bundle, { atMs, visit: null, purchase: null, description: c.summary }),
    );
  }
  return problems;
}

const PLAN_STATUS = {
  at_risk: 'active',
  lost: 'failed',
  won_back: 'succeeded',
} as const;

export function makeRetentionPlan(ctx: DemoContext, bundle: ClientBundle): RetentionPlan | null {
  const { rng, cal } = ctx;
  const status = bundle.client.status;
  if (status !== 'at_risk' && status !== 'lost' && status !== 'won_back') return null;
  if (!rng.chance(status === 'at_risk' ? 0.6 : 0.35)) return null;
  const start = -rng.int(5, Math.min(120, -bundle.since - 1));
  const createdMs = cal.instant(start, rng);
  const planStatus = status === 'lost' && rng.chance(0.4) ? 'active' : PLAN_STATUS[status];
  const actions = rng.pickSome(bundle.locale.retentionActions, rng.int(1, 4)).map((text, i) => {
    const due = start + 3 + i * rng.int(3, 10);
    return {
      id: nestedId(ctx, createdMs),
      text,
      responsible: rng.chance(0.7) ? '' : rng.pick(bundle.locale.problemOwners),
      due: cal.day(due),
      done: planStatus === 'succeeded' || (due < 0 && rng.chance(0.6)),
    };
  });
  const plan: RetentionPlan = {
    ...synced(ctx, createdMs),
    clientId: bundle.client.id,
    cause: rng.pick(bundle.locale.retentionCauses),
    actions,
    status: planStatus,
  };
  stampAll(ctx, plan, createdMs);
  if (actions.some((a) => a.done) || planStatus !== 'active')
    touch(ctx, plan, cal.instant(-1, rng), ['actions', 'status']);
  return plan;
}

/** A follow-up the rep added by hand: no rule key, so rule regeneration leaves it alone. */
export function makeManualFollowUp(ctx: DemoContext, bundle: ClientBundle): FollowUp {
  const { rng, cal } = ctx;
  const createdMs = cal.instant(-rng.int(1, 20), rng);
  const due = rng.int(-5, 20);
  const done = due < 0 && rng.chance(0.5);
  const followUp: FollowUp = {
    ...synced(ctx, createdMs),
    clientId: bundle.client.id,
    kind: 'custom',
    ruleKey: null,
    due: cal.day(due),
    status: done ? 'done' : 'open',
    snoozedUntil: null,
    doneAt: null,
    title: rng.pick(bundle.locale.followUpTitles),
    subjectId: null,
  };
  stampAll(ctx, followUp, createdMs);
  if (done) {
    const doneMs = cal.instant(due, rng);
    followUp.doneAt = cal.iso(Math.max(doneMs, createdMs + 1));
    touch(ctx, followUp, doneMs, ['status', 'doneAt']);
  }
  return followUp;
}
