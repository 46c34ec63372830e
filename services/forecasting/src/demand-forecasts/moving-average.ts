import { roundToStoredPrecision } from '@smi/contracts';
import { DailyConsumption } from '../consumption-history/daily-consumption';

export const MOVING_AVERAGE_METHOD = 'moving-average-7';
export const MOVING_AVERAGE_DAYS = 7;

/** Demand per day and its spread, from the days of one window. */
export interface DemandStatistics {
  demandPerPeriod: number;
  standardDeviationPerPeriod: number;
  /** Days in the window, including days without consumption. */
  periodsObserved: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Mean daily consumption over the last `windowDays` days ending at the latest
 * day with consumption (see demandPerDay), with the sample standard deviation
 * of those days. Returns undefined for an empty history.
 */
export function movingAverage(history: readonly DailyConsumption[], windowDays = MOVING_AVERAGE_DAYS): DemandStatistics | undefined {
  const values = demandPerDay(history, windowDays);
  if (values.length === 0) return undefined;
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.length < 2 ? 0 : values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return {
    demandPerPeriod: roundToStoredPrecision(mean),
    standardDeviationPerPeriod: roundToStoredPrecision(Math.sqrt(variance)),
    periodsObserved: values.length,
  };
}

/**
 * Demand of each day, oldest first, over the last `windowDays` days ending at
 * the latest day with consumption. A day without consumption counts as 0;
 * before the first observed consumption there is no history, not zero demand,
 * so the series starts there when that is later.
 */
export function demandPerDay(history: readonly DailyConsumption[], windowDays: number): number[] {
  if (history.length === 0) return [];
  const byDay = new Map<number, number>();
  for (const { day, quantity } of history) {
    const index = dayIndexOf(day);
    byDay.set(index, (byDay.get(index) ?? 0) + quantity);
  }
  const days = [...byDay.keys()];
  const last = Math.max(...days);
  const first = Math.max(Math.min(...days), last - windowDays + 1);
  const values: number[] = [];
  for (let day = first; day <= last; day++) values.push(byDay.get(day) ?? 0);
  return values;
}

/** Days since 1970-01-01 for a YYYY-MM-DD day, so consecutive days differ by one. */
function dayIndexOf(day: string): number {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(time)) throw new RangeError(`day must be YYYY-MM-DD (got ${day})`);
  return Math.round(time / DAY_MS);
}

