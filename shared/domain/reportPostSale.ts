/**
 * What the month's report reads of a post-sale visit finished before the month and of its
 * checklist run: the six months' satisfaction trend and each client's latest mood (report.ts
 * postSaleRuns, satisfactionPoint, latestRun) need the visit's client, kind, status, finish and
 * trash, and of the run only its satisfaction and would-recommend answers. Promises and referrals
 * are counted from the month's own runs, which a loader reads whole. A store may keep this much per
 * run (renderer/data/reportRuns.ts) instead of the team's every post-sale visit and run.
 */
import type { ChecklistRun } from './checklist';
import type { Visit } from './visit';
import { POST_SALE_ITEMS } from './templates/postSale';

export type PostSaleHistoryVisit = Pick<
  Visit,
  'id' | 'clientId' | 'kind' | 'status' | 'finishedAt' | 'deletedAt'
>;
export type PostSaleHistoryRun = Pick<
  ChecklistRun,
  'id' | 'visitId' | 'deletedAt' | 'templateKey' | 'templateVersion' | 'answers'
>;

/** A visit whose runs the trend and the mood can count: post-sale, finished, with a finish stamp. */
export const isPostSaleHistory = (v: Pick<Visit, 'kind' | 'status' | 'finishedAt'>): boolean =>
  v.kind === 'post_sale' && v.status === 'finished' && !!v.finishedAt;

export function postSaleHistoryVisit(v: PostSaleHistoryVisit): PostSaleHistoryVisit {
  return {
    id: v.id,
    clientId: v.clientId,
    kind: v.kind,
    status: v.status,
    finishedAt: v.finishedAt,
    deletedAt: v.deletedAt,
  };
}

export function postSaleHistoryRun(r: PostSaleHistoryRun): PostSaleHistoryRun {
  const answers: ChecklistRun['answers'] = {};
  for (const key of [POST_SALE_ITEMS.satisfaction, POST_SALE_ITEMS.wouldRecommend])
    if (key in r.answers) answers[key] = r.answers[key]!;
  return {
    id: r.id,
    visitId: r.visitId,
    deletedAt: r.deletedAt,
    templateKey: r.templateKey,
    templateVersion: r.templateVersion,
    answers,
  };
}
