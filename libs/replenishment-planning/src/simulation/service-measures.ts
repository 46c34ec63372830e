import { DAY_MS } from '../calendar/delivery-calendar';

/** Days of a replay that are measured: [from, to). */
export interface MeasuredWindow {
  from: number;
  to: number;
}

/**
 * Replenishment cycles and those with a stockout, for the cycle service level.
 * A cycle runs from one start to the next; it counts when it lies wholly in the
 * measured window, and has a stockout when any of its days ends out of stock
 * (demand went unmet, or what was owed when it began was still owed).
 */
export function serviceCycles(
  starts: readonly number[],
  stockedOutOn: Uint8Array,
  window: MeasuredWindow,
): { count: number; withStockout: number } {
  const sorted = [...new Set(starts)].sort((a, b) => a - b);
  let count = 0;
  let withStockout = 0;
  for (let i = 0; i + 1 < sorted.length; i++) {
    const [from, to] = [sorted[i], sorted[i + 1]];
    if (from < window.from || to > window.to) continue;
    count++;
    if (stockedOutOn.subarray(from, to).some((out) => out === 1)) withStockout++;
  }
  return { count, withStockout };
}

/**
 * Calendar months (UTC) of the measured window whose fill rate fell below the
 * agreed floor: a month with demand, less of it met from stock than the floor.
 * Months cut by the window's ends count with the days inside it.
 */
export function monthsBelowFloor(
  floor: number | undefined,
  start: number,
  window: MeasuredWindow,
  demandOn: Float64Array,
  metOn: Float64Array,
): number {
  if (floor === undefined) return 0;
  const months = new Map<string, { demand: number; met: number }>();
  for (let day = window.from; day < window.to; day++) {
    if (demandOn[day] === 0) continue;
    const month = new Date(start + day * DAY_MS).toISOString().slice(0, 7);
    const totals = months.get(month) ?? { demand: 0, met: 0 };
    totals.demand += demandOn[day];
    totals.met += metOn[day];
    months.set(month, totals);
  }
  return [...months.values()].filter(({ demand, met }) => met / demand < floor).length;
}
