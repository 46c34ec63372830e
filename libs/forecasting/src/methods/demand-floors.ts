/**
 * What a published forecast never goes below, for an item that has demanded
 * before: after a run of periods without demand every smoothing decays toward
 * 0 and a backtest over those periods finds almost no error, yet the item can
 * demand again, and a policy fed 0 and 0 plans no stock at all.
 *
 * Basis: compound-Bernoulli demand at the least rate the history supports,
 * one more demand within as many periods as the history holds (chance
 * p = 1 ÷ (periods + 1) a period), of a size drawn from the item's own
 * demands (mean m, mean square s²):
 * - level: p·m;
 * - deviation of one period: √(p·s² − (p·m)²).
 * A floor, not an estimate: where the forecast and its backtest say more, they
 * stand (the larger of the deviations measured against the held-out year was
 * biased upward: bench/README.md). Undefined without any demand (nothing says
 * the item will demand).
 */
export interface DemandFloors {
  level: number;
  deviation: number;
}

export function demandFloors(history: readonly number[]): DemandFloors | undefined {
  let demands = 0;
  let total = 0;
  let squares = 0;
  for (const quantity of history) {
    if (quantity <= 0) continue;
    demands++;
    total += quantity;
    squares += quantity * quantity;
  }
  if (demands === 0) return undefined;
  const chance = 1 / (history.length + 1);
  const level = (chance * total) / demands;
  return { level, deviation: Math.sqrt(Math.max(0, (chance * squares) / demands - level * level)) };
}
