import { dayNumberOfText, periodStartOf } from '../consumption-history/calendar-days';

/** What a forecast says about the periods it was made from. */
export interface LatestForecast {
  periodDays: number;
  /** First period forecast (YYYY-MM-DD); null on forecasts from before DemandForecast v3. */
  firstPeriodStart: string | null;
}

/**
 * Whether something on `day` (a consumption, or a batch run's today) calls for
 * a new forecast, and from which days. A forecast is made once per period,
 * when a later one begins: the periods before it are closed, their demand
 * known. A series with nothing closed yet gets a first forecast from its open
 * period, once; a change of period length starts afresh.
 */
export function recomputationOn(
  day: number,
  periodDays: number,
  latest: LatestForecast | undefined,
  consumedBeforeDaysPeriod: boolean,
): { throughDay: number; openPeriod: boolean } | undefined {
  const periodStart = periodStartOf(day, periodDays);
  if (!latest || latest.firstPeriodStart === null || latest.periodDays !== periodDays) {
    return consumedBeforeDaysPeriod ? { throughDay: periodStart - 1, openPeriod: false } : { throughDay: day, openPeriod: true };
  }
  return periodStart > dayNumberOfText(latest.firstPeriodStart) ? { throughDay: periodStart - 1, openPeriod: false } : undefined;
}
