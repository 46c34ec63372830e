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
