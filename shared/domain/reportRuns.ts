/**
 * What the month's report reads of a finished visit and its checklist run, so a store may keep
 * this much per run (renderer/data/reportRuns.ts) instead of the team's every visit and run:
 * - of every finished visit (with a finish stamp) its client, kind, status, finish and trash;
 * - of a post-sale visit's run the answers the report counts (satisfaction, would-recommend for
 *   the six months' trend and each client's latest mood; promises and referrals for its month);
 * - of any run its template's key and version (the program versions of the month's visits).
 */
import type { ChecklistRun } from './checklist';
import type { Visit } from './visit';
import { POST_SALE_ITEMS } from './templates/postSale';

export type KeptVisit = Pick<
  Visit,
  'id' | 'clientId' | 'kind' | 'status' | 'finishedAt' | 'deletedAt'
>;
export type KeptRun = Pick<
  ChecklistRun,
  'id' | 'visitId' | 'deletedAt' | 'templateKey' | 'templateVersion' | 'answers'
>;

/** A visit whose runs the report can count: finished, with a finish stamp. */
export const isFinishedVisit = (v: Pick<Visit, 'status' | 'finishedAt'>): boolean =>
  v.status === 'finished' && !!v.finishedAt;

export function keptVisit(v: KeptVisit): KeptVisit {
  return {
    id: v.id,
    clientId: v.clientId,
    kind: v.kind,
    status: v.status,
    finishedAt: v.finishedAt,
    deletedAt: v.deletedAt,
  };
}

/** The answers of a post-sale run the report counts. */
const COUNTED_ANSWERS = [
  POST_SALE_ITEMS.satisfaction,
  POST_SALE_ITEMS.wouldRecommend,
  POST_SALE_ITEMS.promises,
  POST_SALE_ITEMS.referrals,
];

/** What the report reads of a run on a visit of `kind`. */
export function keptRun(r: KeptRun, kind: Visit['kind']): KeptRun {
  const answers: ChecklistRun['answers'] = {};
  if (kind === 'post_sale')
    for (const key of COUNTED_ANSWERS) if (key in r.answers) answers[key] = r.answers[key]!;
  return {
    id: r.id,
    visitId: r.visitId,
    deletedAt: r.deletedAt,
    templateKey: r.templateKey,
    templateVersion: r.templateVersion,
    answers,
  };
}
