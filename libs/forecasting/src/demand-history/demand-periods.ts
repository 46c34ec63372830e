/**
 * Demand history in periods (a day, a week, as the agreement line sets), from
 * the days a site x item consumed, with the periods it was out of stock marked:
 * in those consumption understates demand (censored demand), because what
 * was asked and could not be given was never recorded.
 */

export interface ConsumptionDay {
  /** Day index (days since 1970-01-01, UTC). */
  day: number;
  quantity: number;
  /** Whether the item was out of stock at some point of the day. */
  stockedOut: boolean;
}

export interface DemandPeriod {
  /** First day of the period (day index). */
  start: number;
  /** What was consumed in the period. */
  consumed: number;
  /** Out of stock on some day of it: consumed is a lower bound of demand. */
  censored: boolean;
}

/**
 * The periods of `periodDays` from the period holding the first day to the one
 * holding the last, consecutive (a period without consumption consumed 0).
 * Periods start at multiples of periodDays from `anchorDay` (a Monday for weeks).
 */
export function demandPeriods(
  days: readonly ConsumptionDay[],
  periodDays: number,
  anchorDay = 4 /* 1970-01-05, a Monday */,
): DemandPeriod[] {
  if (!(Number.isInteger(periodDays) && periodDays >= 1))
    throw new RangeError(`periodDays must be a whole number >= 1 (got ${periodDays})`);
  if (days.length === 0) return [];
  const periodOf = (day: number) => Math.floor((day - anchorDay) / periodDays);
  const first = Math.min(...days.map((d) => periodOf(d.day)));
  const last = Math.max(...days.map((d) => periodOf(d.day)));
  const periods = Array.from({ length: last - first + 1 }, (_, i) => ({
    start: anchorDay + (first + i) * periodDays,
    consumed: 0,
    censored: false,
  }));
  for (const { day, quantity, stockedOut } of days) {
    const period = periods[periodOf(day) - first];
    period.consumed += quantity;
    period.censored ||= stockedOut;
  }
  return periods;
}

/** Uncensored periods whose mean stands in for demand in a censored one. */
export const CENSORED_REFERENCE_PERIODS = 12;

/**
 * Demand per period for forecasting: an uncensored period as consumed; a
 * censored one at least what was consumed, and at least the mean of the last
 * CENSORED_REFERENCE_PERIODS uncensored periods before it, since a stockout
 * cut demand off. Without uncensored periods before it, what was consumed.
 */
export function demandEstimate(periods: readonly DemandPeriod[]): number[] {
  const reference: number[] = [];
  return periods.map(({ consumed, censored }) => {
    if (!censored) {
      reference.push(consumed);
      if (reference.length > CENSORED_REFERENCE_PERIODS) reference.shift();
      return consumed;
    }
    const usual = reference.length > 0 ? reference.reduce((sum, q) => sum + q, 0) / reference.length : 0;
    return Math.max(consumed, usual);
  });
}
