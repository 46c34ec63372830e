import type { ConsumptionDay } from '@smi/forecasting';

/** What was consumed on one day (day number). */
export interface ConsumedDay {
  day: number;
  quantity: number;
  /** Sent by the buyer as history rather than recorded by the live feed. */
  backfilled?: boolean;
  /** The buyer's word that the day ran out of stock (backfilled days only: live days have their on-hand). */
  stockedOut?: boolean;
}

/** On-hand through one day with stock levels: the lowest it went and where it closed. */
export interface StockDay {
  day: number;
  lowestOnHand: number;
  closingOnHand: number;
}

/**
 * Every day from the first consumption to `throughDay`, with what it consumed
 * (0 when nothing) and whether the item was out of stock at some point of it:
 * on-hand fell to 0 or below that day, or the day began at 0 or below and no
 * level that day says otherwise before its lowest. A day with no stock level
 * keeps the state the last one left. A backfilled day the buyer flagged is
 * out of stock too: the same censoring, from the buyer's word rather than an
 * on-hand. Out of stock, consumption understates demand (censored demand).
 */
export function consumptionDays(consumed: readonly ConsumedDay[], stock: readonly StockDay[], throughDay: number): ConsumptionDay[] {
  if (consumed.length === 0) return [];
  const quantityOn = new Map<number, number>();
  const flaggedOut = new Set<number>();
  for (const { day, quantity, stockedOut } of consumed) {
    quantityOn.set(day, (quantityOn.get(day) ?? 0) + quantity);
    if (stockedOut) flaggedOut.add(day);
  }
  const firstDay = Math.min(...quantityOn.keys());
  const stockOn = new Map(stock.map((s) => [s.day, s]));
  // The state the first day begins in: where the latest level before it closed.
  let carried = stock
    .filter((s) => s.day < firstDay)
    .sort((a, b) => a.day - b.day)
    .at(-1)?.closingOnHand;
  const days: ConsumptionDay[] = [];
  for (let day = firstDay; day <= throughDay; day++) {
    const levels = stockOn.get(day);
    const beganOut = carried !== undefined && carried <= 0;
    const measuredOut = beganOut || (levels !== undefined && levels.lowestOnHand <= 0);
    days.push({ day, quantity: quantityOn.get(day) ?? 0, stockedOut: measuredOut || flaggedOut.has(day) });
    if (levels) carried = levels.closingOnHand;
  }
  return days;
}
