import type { LOYALTY_LEVELS } from '../client';
import { chosen, type Answers } from './answers';
import { POST_SALE_ITEMS } from './postSale';

export type LoyaltyLevel = (typeof LOYALTY_LEVELS)[number];

const BUY_AGAIN_LOYALTY: Record<string, LoyaltyLevel> = {
  definitely: 'high',
  probably: 'medium',
  unsure: 'low',
  unlikely: 'low',
};
const LOYALTY_RANK: Record<LoyaltyLevel, number> = { unknown: 0, low: 1, medium: 2, high: 3 };

function capAt(level: LoyaltyLevel, cap: LoyaltyLevel): LoyaltyLevel {
  return LOYALTY_RANK[level] > LOYALTY_RANK[cap] ? cap : level;
}

/**
 * The starting loyalty level from a post-sale visit (docs/domain.md §4): willingness to buy again sets
 * it; turning down a cheaper competitor proves it (high); a dissatisfied client (1–2 of 5) is held
 * at low and one who would not recommend us (0–6) at medium, whatever they say about buying again.
 */
export function loyaltyFromAnswers(answers: Answers): LoyaltyLevel {
  let level: LoyaltyLevel =
    BUY_AGAIN_LOYALTY[chosen(answers[POST_SALE_ITEMS.buyAgain])[0] ?? ''] ?? 'unknown';
  if (answers[POST_SALE_ITEMS.declinedCheaperOffer] === true) level = 'high';
  if (level === 'unknown') return level;
  const satisfaction = answers[POST_SALE_ITEMS.satisfaction];
  const recommend = answers[POST_SALE_ITEMS.wouldRecommend];
  if (typeof satisfaction === 'number' && satisfaction <= 2) level = capAt(level, 'low');
  if (typeof recommend === 'number' && recommend <= 6) level = capAt(level, 'medium');
  return level;
}
