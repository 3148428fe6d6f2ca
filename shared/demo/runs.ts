/**
 * Answers to the built-in closing and post-sale checklists, consistent with the visit and the
 * purchase they belong to: a finished run is complete, an unfinished run stops where the rep left it.
 */
import type { Answer } from '../domain/checklist';
import type { Milestone, Purchase } from '../domain/purchase';
import {
  BUY_AGAIN_OPTIONS,
  BUYER_SIGNALS,
  CLOSING_ITEMS,
  CLOSING_METHOD_KEYS,
  LOST_REASONS,
  POST_SALE_ITEMS,
} from '../domain/templates';
import { CROSS_SELL_KINDS } from '../domain/purchase';
import type { DemoLocale, PhraseContext } from './locale';
import type { DemoRandom } from './random';

type Answers = Record<string, Answer>;

const VERBAL = BUYER_SIGNALS.filter((s) => s.kind === 'verbal').map((s) => s.key);
const NONVERBAL = BUYER_SIGNALS.filter((s) => s.kind === 'nonverbal').map((s) => s.key);

export type ClosingResult =
  | { result: 'won'; purchase: Purchase }
  | { result: 'postponed'; nextStep: string; nextDay: string }
  | { result: 'lost'; comment: string };

/** Signals and method as the rep marks them during the talk (the first steps of the checklist). */
function signals(rng: DemoRandom): Answers {
  return {
    [CLOSING_ITEMS.verbalSignals]: rng.pickSome(VERBAL, rng.int(1, 4)),
    [CLOSING_ITEMS.nonverbalSignals]: rng.pickSome(NONVERBAL, rng.int(0, 3)),
  };
}

export function closingAnswers(rng: DemoRandom, outcome: ClosingResult): Answers {
  const answers: Answers = {
    ...signals(rng),
    [CLOSING_ITEMS.method]: rng.pick(CLOSING_METHOD_KEYS),
    [CLOSING_ITEMS.guardNoHaste]: true,
    [CLOSING_ITEMS.guardNoPaperwork]: true,
    [CLOSING_ITEMS.guardNoPressure]: true,
    [CLOSING_ITEMS.outcome]: outcome.result,
  };
  if (outcome.result === 'won') {
    answers[CLOSING_ITEMS.promisedBenefits] = outcome.purchase.promisedBenefits
      .map((b) => b.text)
      .join('\n');
    if (outcome.purchase.delivery.due)
      answers[CLOSING_ITEMS.deliveryDate] = outcome.purchase.delivery.due;
  } else if (outcome.result === 'postponed') {
    answers[CLOSING_ITEMS.nextStep] = outcome.nextStep;
    answers[CLOSING_ITEMS.nextDate] = outcome.nextDay;
  } else {
    answers[CLOSING_ITEMS.lostReason] = rng.pick(LOST_REASONS);
    answers[CLOSING_ITEMS.lostComment] = outcome.comment;
  }
  return answers;
}

/** A closing checklist left after the signals: the rep will pick the method next. */
export function closingUnfinishedAnswers(rng: DemoRandom): Answers {
  return signals(rng);
}

function followThrough(step: Milestone, rng: DemoRandom): string {
  if (step.due === null) return 'not_applicable';
  if (step.done === null) return 'not_yet';
  return rng.chance(0.15) ? 'with_issues' : 'as_agreed';
}

export interface PostSaleFacts {
  answers: Answers;
  problemsFound: boolean;
}

export function postSaleAnswers(
  rng: DemoRandom,
  locale: DemoLocale,
  purchase: Purchase,
  context: PhraseContext,
): PostSaleFacts {
  const promises = purchase.promisedBenefits.map((b) => ({
    benefitId: b.id,
    reality: rng.weighted([
      ['met', 6],
      ['exceeded', 2],
      ['below', 2],
    ] as const),
    comment: '',
  }));
  const shortfall = promises.some((p) => p.reality === 'below');
  const problemsFound = shortfall || rng.chance(0.15);
  const satisfaction = shortfall ? rng.int(2, 4) : rng.int(3, 5);
  const answers: Answers = {
    [POST_SALE_ITEMS.promises]: promises,
    [POST_SALE_ITEMS.delivery]: followThrough(purchase.delivery, rng),
    [POST_SALE_ITEMS.installation]: followThrough(purchase.installation, rng),
    [POST_SALE_ITEMS.training]: followThrough(purchase.training, rng),
    [POST_SALE_ITEMS.payment]: followThrough(purchase.payment, rng),
    [POST_SALE_ITEMS.problemsFound]: problemsFound,
    [POST_SALE_ITEMS.satisfaction]: satisfaction,
    [POST_SALE_ITEMS.wouldRecommend]: Math.min(10, satisfaction * 2 + rng.int(-1, 1)),
    [POST_SALE_ITEMS.buyAgain]:
      satisfaction >= 4
        ? rng.pick(BUY_AGAIN_OPTIONS.slice(0, 2))
        : rng.pick(BUY_AGAIN_OPTIONS.slice(1)),
    [POST_SALE_ITEMS.crossSell]: rng.pickSome(CROSS_SELL_KINDS, rng.int(0, 2)),
    [POST_SALE_ITEMS.referrals]: rng.pick(['given', 'asked_none', 'not_asked']),
    [POST_SALE_ITEMS.review]: rng.pick(['agreed', 'declined', 'not_asked']),
    [POST_SALE_ITEMS.nextSteps]: locale.noteSentence(rng, context),
  };
  if (problemsFound) answers[POST_SALE_ITEMS.problemsSummary] = rng.pick(locale.problems);
  if (rng.chance(0.1)) answers[POST_SALE_ITEMS.declinedCheaperOffer] = true;
  return { answers, problemsFound };
}

/** A post-sale checklist left after the promises step, half of them rated. */
export function postSaleUnfinishedAnswers(rng: DemoRandom, purchase: Purchase): Answers {
  return {
    [POST_SALE_ITEMS.promises]: purchase.promisedBenefits.map((b, i) => ({
      benefitId: b.id,
      reality: i % 2 === 0 ? rng.pick(['met', 'exceeded', 'below'] as const) : null,
      comment: '',
    })),
  };
}
