import type { ReplenishmentPolicy } from '@smi/agreements';
import { dateWords, quantityWords, statisticWords } from '../explanation/explanation-words';
import { fromMillionths, toMillionths } from '../plan/exact-quantity';
import type { ReviewStatus } from '../calendar/review-moments';

export interface PolicyQuestion {
  policy: ReplenishmentPolicy;
  /** Inventory position: on-hand + on-order − backorders. */
  position: number;
  reorderPoint: number;
  orderUpTo: number;
  /** Q of the fixed-quantity policy. */
  fixedOrderQuantity?: number;
  /** Whether now is a review moment, for the periodic policies. */
  review?: ReviewStatus;
}

export type PolicyAnswer =
  /** needed: the quantity before lot rounding. */
  { order: true; needed: number; reason: string } | { order: false; reason: string };

export const PERIODIC_POLICIES: readonly ReplenishmentPolicy[] = ['order-up-to', 'periodic-min-max'];

/**
 * Whether the policy orders now, and how much before rounding:
 * - min-max (s,S), continuous: at or below the reorder point, up to the order-up-to level.
 * - order-up-to (R,S): at a review moment, below the order-up-to level, up to it.
 * - periodic-min-max (R,s,S): at a review moment, at or below the reorder point, up to the order-up-to level.
 * - fixed-quantity (s,Q): at or below the reorder point, n × Q with the smallest n
 *   that lifts the position above the reorder point.
 * Counted in millionths, so a position equal to the reorder point is equal.
 */
export function applyPolicy(question: PolicyQuestion): PolicyAnswer {
  const position = toMillionths(question.position);
  const reorderPoint = toMillionths(question.reorderPoint);
  const orderUpTo = toMillionths(question.orderUpTo);
  const positionWords = `inventory position ${quantityWords(question.position)}`;
  const aboveReorderPoint = `${positionWords} is above the reorder point ${statisticWords(question.reorderPoint)}`;
  const atReorderPoint = `${positionWords} is at or below the reorder point ${statisticWords(question.reorderPoint)}`;
  const upTo = (why: string): PolicyAnswer => {
    const needed = fromMillionths(orderUpTo - position);
    return { order: true, needed, reason: `${why}: ordering up to ${statisticWords(question.orderUpTo)} needs ${quantityWords(needed)}` };
  };

  if (PERIODIC_POLICIES.includes(question.policy)) {
    const review = question.review;
    if (!review) throw new RangeError(`review must be given for the periodic policy ${question.policy} (got none)`);
    if (!review.due) return { order: false, reason: `not a review moment: the next review is ${dateWords(review.next)}` };
    if (question.policy === 'order-up-to') {
      if (position >= orderUpTo)
        return {
          order: false,
          reason: `at the review, ${positionWords} is already at the order-up-to level ${statisticWords(question.orderUpTo)}`,
        };
      return upTo(`at the review, ${positionWords} is below the order-up-to level`);
    }
    return position > reorderPoint
      ? { order: false, reason: `at the review, ${aboveReorderPoint}` }
      : upTo(`at the review, ${atReorderPoint}`);
  }

  if (position > reorderPoint) return { order: false, reason: aboveReorderPoint };
  if (question.policy === 'fixed-quantity') {
    const q = toMillionths(fixedOrderQuantityOf(question));
    const times = Math.floor((reorderPoint - position) / q) + 1;
    const needed = fromMillionths(times * q);
    return {
      order: true,
      needed,
      reason: `${atReorderPoint}: ${times} × the fixed quantity ${quantityWords(fromMillionths(q))} = ${quantityWords(needed)} lifts it above`,
    };
  }
  return upTo(atReorderPoint);
}

/** The fixed-quantity policy's order quantity Q. */
export function fixedOrderQuantityOf(terms: { fixedOrderQuantity?: number }): number {
  const q = terms.fixedOrderQuantity;
  if (q === undefined || !(toMillionths(q) >= 1))
    throw new RangeError(`fixedOrderQuantity must be at least 0.000001 for policy fixed-quantity (got ${q})`);
  return q;
}
