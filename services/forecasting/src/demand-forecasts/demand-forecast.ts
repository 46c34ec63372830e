import { DemandForecast, roundToStoredPrecision } from '@smi/contracts';
import {
  classifyDemand,
  demandEstimate,
  demandFloors,
  forecastSeries,
  type DemandPeriod,
  type ForecastMethod,
  type MethodForecast,
  type MethodSelection,
} from '@smi/forecasting';
import { dayText } from '../consumption-history/calendar-days';
import type { ForecastSettings } from './forecast-settings';
import { parametersToReuse, type KeptParameters } from './kept-parameters';

/** The method named when the history is too short for a backtest and the combination has nothing to work from: its mean, and its spread. */
export const HISTORY_MEAN_METHOD = 'history-mean';

export interface ForecastQuestion {
  eventId: string;
  series: { buyerId: string; siteId: string; itemId: string; unit: string };
  agreementId: string | null;
  /** The periods to forecast from, oldest first, consecutive; the last is the latest closed one. */
  periods: readonly DemandPeriod[];
  settings: ForecastSettings;
  /** The buyer's own forecast, compared in the backtest beside the methods, when it sent one. */
  buyerForecast?: ForecastMethod;
  /** The methods to compare instead of the rule's (forecastRule), the best one forecasting: for tests of one method's behaviour. */
  onlyMethods?: readonly ForecastMethod[];
  basedOnMovementId: string;
  generatedAt: Date;
  /** The series' constants from its last full fit, if any were kept. */
  kept?: KeptParameters;
}

export interface ForecastMade {
  forecast: DemandForecast;
  /** The constants of a full fit just made, to keep; absent when the kept ones were reused (or nothing was fitted). */
  refitted?: KeptParameters;
}

/**
 * The forecast of a site x item from its closed periods. Periods out of stock
 * count at the demand estimate (censored demand is not taken at face value).
 * What is compared and how the forecast is made is forecastRule's: for
 * intermittent, lumpy and erratic demand the combination (median of SES,
 * ADIDA, TSB, IMAPA, SBA), for smooth demand the median of the 3 methods that
 * backtest best; the buyer's forecast wins as it is where it backtests best.
 * The backtest scores settings.backtestHorizon periods whatever the lead
 * time; the error summed over the lead time, from the same backtest, is the
 * uncertainty published. Neither the level nor the deviation goes below
 * demandFloors' for an item that has demanded before (a run of periods
 * without demand leaves both near 0 in a backtest, and the item can demand
 * again). A history too short for the backtest (or that cannot scale an
 * error) gets the combination's level unscored, or its mean without any
 * demand, and its spread.
 * The ETS family (smooth demand only) is fitted once on the whole history and
 * its constants kept through the backtest's origins; between two full fits
 * (settings.refitEveryPeriods) it keeps the constants of the last one
 * (parametersToReuse); a full fit's are returned to keep.
 */
export function demandForecastOf(question: ForecastQuestion): ForecastMade {
  const { settings, periods } = question;
  const history = demandEstimate(periods.slice(-settings.historyPeriods));
  const lastPeriodStart = periods.length > 0 ? periods[periods.length - 1].start : undefined;
  const earlier = lastPeriodStart === undefined ? undefined : parametersToReuse(question.kept, settings, lastPeriodStart);
  const { selection, unscored, fitted } = forecastSeries(history, { ...settings, ...(earlier && { earlier }) }, question);
  const forecast = forecastOf(question, history, selection, unscored);
  if (!fitted || !selection || lastPeriodStart === undefined) return { forecast };
  return { forecast, refitted: { periodDays: settings.periodDays, fittedThrough: lastPeriodStart, parameters: fitted } };
}

function forecastOf(
  question: ForecastQuestion,
  history: number[],
  selection: MethodSelection | undefined,
  unscored: MethodForecast | undefined,
): DemandForecast {
  const { settings, periods } = question;
  const nextPeriod = periods.length > 0 ? periods[periods.length - 1].start + settings.periodDays : null;
  const common = {
    eventId: question.eventId,
    ...question.series,
    periodDays: settings.periodDays,
    periodsObserved: history.length,
    generatedAt: question.generatedAt,
    basedOnMovementId: question.basedOnMovementId,
    demandClass: classifyDemand(history)?.demandClass ?? '',
    recentDemand: history.map(roundToStoredPrecision),
    agreementId: question.agreementId,
    firstPeriodStart: nextPeriod === null ? null : dayText(nextPeriod),
    censoredPeriods: periods.slice(-settings.historyPeriods).filter((p) => p.censored).length,
  };
  if (!selection) {
    // No backtest: the combination's level where it has one (it needs no backtest), else the mean; the spread of the history.
    const { mean, standardDeviation } = meanAndSpread(history);
    const horizonDemand =
      unscored?.forecast.map((q) => roundToStoredPrecision(Math.max(0, q))) ??
      Array.from({ length: settings.horizon }, () => roundToStoredPrecision(mean));
    return {
      ...common,
      method: unscored?.method ?? HISTORY_MEAN_METHOD,
      demandPerPeriod: horizonDemand[0],
      standardDeviationPerPeriod: roundToStoredPrecision(standardDeviation),
      horizonDemand,
      methodScore: null,
      runnerUpMethod: null,
      runnerUpScore: null,
      methodScores: [],
      leadTimePeriods: 0,
      leadTimeErrorVariance: null,
    };
  }
  const { chosen, runnerUp, scores, forecast, leadTimeErrorVariance } = selection;
  const floors = demandFloors(history) ?? { level: 0, deviation: 0 };
  // Forecasts are of demand: a trend method may run below zero, demand cannot; nor below what the history supports.
  const horizonDemand = forecast.forecast.map((q) => roundToStoredPrecision(Math.max(floors.level, q)));
  // The lead-time error spread over its periods, as if they missed independently.
  const backtestDeviation = Math.sqrt(leadTimeErrorVariance / settings.leadTimePeriods);
  return {
    ...common,
    method: chosen.method,
    demandPerPeriod: horizonDemand[0],
    standardDeviationPerPeriod: roundToStoredPrecision(Math.max(floors.deviation, backtestDeviation)),
    horizonDemand,
    methodScore: roundToStoredPrecision(chosen.rmsse),
    runnerUpMethod: runnerUp?.method ?? null,
    runnerUpScore: runnerUp ? roundToStoredPrecision(runnerUp.rmsse) : null,
    methodScores: scores.map((s) => ({
      method: s.method,
      rmsse: roundToStoredPrecision(s.rmsse),
      mase: roundToStoredPrecision(s.mase),
      bias: roundToStoredPrecision(s.bias),
      origins: s.origins,
    })),
    leadTimePeriods: settings.leadTimePeriods,
    leadTimeErrorVariance: roundToStoredPrecision(leadTimeErrorVariance),
  };
}

function meanAndSpread(values: readonly number[]): { mean: number; standardDeviation: number } {
  if (values.length === 0) return { mean: 0, standardDeviation: 0 };
  const mean = values.reduce((sum, v) => sum + v, 0) / values.length;
  const variance = values.length < 2 ? 0 : values.reduce((sum, v) => sum + (v - mean) ** 2, 0) / (values.length - 1);
  return { mean, standardDeviation: Math.sqrt(variance) };
}
