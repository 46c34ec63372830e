import { FORECAST_PERIOD_DAYS, type AgreementLine } from '@smi/agreements';

/** How a site x item is forecast: set by its agreement line, or the defaults when no agreement covers it. */
export interface ForecastSettings {
  /** Days per period: 1 or 7 (weeks from Monday). */
  periodDays: number;
  /** The line's lead time in periods, rounded up: the span the error variance is summed over. */
  leadTimePeriods: number;
  /** Periods forecast and published: the lead time. */
  horizon: number;
  /** Periods forecast and scored from each backtest origin: at least BACKTEST_HORIZON_PERIODS, whatever the lead time. */
  backtestHorizon: number;
  /** Backtest origins. */
  origins: number;
  /** Periods per season: a week of days, a year of weeks. */
  seasonLength: number;
  /** Periods of history kept: a year of days, three years of weeks. */
  historyPeriods: number;
  /**
   * Periods between two full fits of the methods that can reuse their
   * constants (the ETS family): in between, a recomputation keeps the
   * constants of the last full fit (bench/README.md measures the cost in
   * accuracy). 1 fits every time.
   */
  refitEveryPeriods: number;
}

/** Backtest origins: enough that one odd period does not decide (6 picked naive too often on carparts, bench/README.md). */
export const BACKTEST_ORIGINS = 8;
/**
 * The shortest backtest horizon. Scored one period ahead (a one-period lead
 * time), a backtest favours whatever the last periods happened to do: on
 * carparts selection then picked naive or seasonal naive for 59% of parts and
 * lost 0.13 mean RMSE (issue 15). Twelve periods is a year of months and
 * more than a season of days.
 */
export const BACKTEST_HORIZON_PERIODS = 12;
/** The longest horizon: a lead time beyond it is covered by scaling the error variance (replenishment does). */
export const MAX_HORIZON_PERIODS = 30;
/**
 * Daily lines refit weekly: a full fit of a year of days costs about ten times
 * a recomputation with the constants kept. Weekly lines refit every period.
 */
export const DAILY_REFIT_EVERY_PERIODS = 7;
/** With no agreement line: daily periods and a one-period horizon. */
const NO_LINE = { forecastPeriod: 'day', leadTimeDays: 1 } as const;

export function forecastSettingsFor(line: Pick<AgreementLine, 'forecastPeriod' | 'leadTimeDays'> | undefined): ForecastSettings {
  const { forecastPeriod = 'day', leadTimeDays } = line ?? NO_LINE;
  const periodDays = FORECAST_PERIOD_DAYS[forecastPeriod];
  const leadTimePeriods = Math.min(MAX_HORIZON_PERIODS, Math.max(1, Math.ceil(leadTimeDays / periodDays)));
  return {
    periodDays,
    leadTimePeriods,
    horizon: leadTimePeriods,
    backtestHorizon: Math.max(leadTimePeriods, BACKTEST_HORIZON_PERIODS),
    origins: BACKTEST_ORIGINS,
    seasonLength: periodDays === 1 ? 7 : 52,
    historyPeriods: periodDays === 1 ? 365 : 156,
    refitEveryPeriods: periodDays === 1 ? DAILY_REFIT_EVERY_PERIODS : 1,
  };
}
