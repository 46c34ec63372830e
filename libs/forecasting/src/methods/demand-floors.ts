import { SES_SMOOTHING_BOUNDS, fittedSmoothing, oneStepSquaredError } from './exponential-smoothing';

/**
 * What a published forecast never goes below, for an item that has demanded
 * before: after a run of periods without demand every smoothing decays toward
 * 0 and a backtest over those periods finds almost no error, yet the item can
 * demand again, and a policy fed 0 and 0 plans no stock at all.
 * - The level: one more demand of the item's mean size within as many periods
 *   as the history holds (mean size ÷ (periods + 1)), the rate a single
 *   further demand in the window would give: the least the history supports.
 * - The deviation of one period: the root mean square of simple exponential
 *   smoothing's one-step errors over the whole history (its constant fitted
 *   to it), which counts every demand the item ever had, not only the last
 *   origins'.
 * Undefined without any demand (nothing says the item will demand).
 */
export interface DemandFloors {
  level: number;
  deviation: number;
}

export function demandFloors(history: readonly number[]): DemandFloors | undefined {
  let demands = 0;
  let total = 0;
  for (const quantity of history) {
    if (quantity <= 0) continue;
    demands++;
    total += quantity;
  }
  if (demands === 0) return undefined;
  const level = total / demands / (history.length + 1);
  if (history.length < 2) return { level, deviation: 0 };
  const alpha = fittedSmoothing(history, SES_SMOOTHING_BOUNDS);
  return { level, deviation: Math.sqrt(oneStepSquaredError(history, alpha) / (history.length - 1)) };
}
