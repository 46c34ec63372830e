import type { ConsumptionDay } from '@smi/forecasting';

/** What was consumed on one day (day number). */
export interface ConsumedDay {
  day: number;
  quantity: number;
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
 * keeps the state the last one left. Out of stock, consumption understates
 * demand (censored demand).
 */
export function consumptionDays(consumed: readonly ConsumedDay[], stock: readonly StockDay[], throughDay: number): ConsumptionDay[] {
  if (consumed.length === 0) return [];
  const quantityOn = new Map<number, number>();
  for (const { day, quantity } of consumed) quantityOn.set(day, (quantityOn.get(day) ?? 0) + quantity);
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
    days.push({ day, quantity: quantityOn.get(day) ?? 0, stockedOut: beganOut || (levels !== undefined && levels.lowestOnHand <= 0) });
    if (levels) carried = levels.closingOnHand;
  }
  return days;
}
