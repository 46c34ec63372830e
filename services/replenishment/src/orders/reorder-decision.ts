/** The agreement line's reorder terms. */
export interface ReorderTerms {
  /** Reorder level: order when the inventory position falls to it. */
  minimum: number;
  /** Order-up-to level. */
  maximum: number;
  /** Orders are whole multiples of this quantity. */
  packMultiple: number;
}

export interface StockSituation {
  onHand: number;
  /** Ordered and not yet received. */
  onOrder: number;
}

export type ReorderDecision =
  | { kind: 'order'; inventoryPosition: number; quantity: number }
  | { kind: 'none'; inventoryPosition: number };

/** Quantities are kept to six decimals, as stored; counting in millionths keeps the pack rounding exact. */
const MILLIONTHS = 1e6;
const toMillionths = (quantity: number): number => Math.round(quantity * MILLIONTHS);

/**
 * Min/max replenishment with pack rounding.
 * - Inventory position = on-hand + on-order: goods already ordered count, so a
 *   need that is already on its way is never ordered twice.
 * - At or below the minimum, order up to the maximum, rounded UP to whole packs
 *   (rounding down would leave the site short of the agreed maximum).
 * - An order is never empty: when the position sits exactly at a minimum equal
 *   to the maximum, one pack is ordered.
 */
export function decideReplenishment(stock: StockSituation, terms: ReorderTerms): ReorderDecision {
  const pack = toMillionths(terms.packMultiple);
  if (pack < 1) throw new RangeError(`packMultiple must be at least 0.000001 (got ${terms.packMultiple})`);
  const position = toMillionths(stock.onHand) + toMillionths(stock.onOrder);
  const inventoryPosition = position / MILLIONTHS;
  if (position > toMillionths(terms.minimum)) return { kind: 'none', inventoryPosition };
  const shortfall = toMillionths(terms.maximum) - position;
  const packs = Math.max(1, Math.ceil(shortfall / pack));
  return { kind: 'order', inventoryPosition, quantity: (packs * pack) / MILLIONTHS };
}
