import { stored } from '../quantity';
import type { LineDay } from '../service-level-facts';

export interface FillRate {
  demand: number;
  metFromStock: number;
  /** Demand not met from stock: consumption booked beyond the stock, and demand lost while stocked out. */
  unmet: number;
  /** metFromStock / demand; null without demand. */
  rate: number | null;
}

/** Share of demand met from stock over a line's days. */
export function fillRate(days: readonly Pick<LineDay, 'demand' | 'metFromStock'>[]): FillRate {
  const demand = stored(days.reduce((sum, day) => sum + day.demand, 0));
  const metFromStock = stored(days.reduce((sum, day) => sum + day.metFromStock, 0));
  return { demand, metFromStock, unmet: stored(demand - metFromStock), rate: demand > 0 ? metFromStock / demand : null };
}
