import { errorScale, forecastError } from '../accuracy/accuracy-measures';
import { medianOf } from '../methods/combination';
import {
  BUYER_FORECAST,
  type CandidateName,
  type FittedParameters,
  type ForecastMethod,
  type MethodForecast,
  type SeriesSettings,
} from '../methods/forecast-method';

/**
 * Which method forecasts a series best: a rolling-origin backtest. From each
 * of the last `origins` periods the method is refitted on the history before
 * it and forecasts `horizon` periods, which are compared with what came. The
 * score is the mean RMSSE over origins (accuracy-measures.ts: not MASE, which
 * rewards forecasting zero on intermittent demand). The best method then
 * forecasts from the whole history.
 *
 * The backtest also gives the uncertainty the replenishment engine needs: the
 * errors of the chosen method's demand summed over the first
 * `leadTimePeriods` periods, one per origin; their mean square (bias
 * included) is the variance of the error of lead-time demand.
 *
 * Refitting every method at every origin is what the exact comparison with
 * statsforecast needs, and what costs: with `earlier` parameters (from
 * fittedParameters on this series some periods ago), the methods that reuse
 * parameters keep them at every origin and for the forecast. That is an
 * approximation between two full fits: the earlier constants have seen some
 * of the periods the backtest scores them on.
 */

export interface BacktestSettings extends SeriesSettings {
  /** Periods of the forecast made from the whole history. */
  horizon: number;
  /**
   * Periods forecast and scored from each origin; `horizon` without. Apart
   * from the horizon so a short lead time does not score methods on one
   * period ahead, where naive wins by chance.
   */
  backtestHorizon?: number;
  /** Forecast origins, the last one `backtestHorizon` periods before the end. */
  origins: number;
  /** Periods of lead time the error variance is summed over (at most the backtest horizon). */
  leadTimePeriods: number;
  /**
   * With 2 or more: the forecast is the median of that many best methods by
   * backtest (MEDIAN_OF_BEST), unless the buyer's forecast is the best.
   */
  medianOfBest?: number;
  /** Parameters fitted earlier on this series, for the methods that reuse them; without, every method is fitted at every origin. */
  earlier?: FittedParameters;
}

export interface MethodScore {
  method: CandidateName;
  /** Mean over origins. */
  rmsse: number;
  mase: number;
  bias: number;
  /** Origins the method could forecast from and the history could scale. */
  origins: number;
}

export interface MethodSelection {
  chosen: MethodScore;
  runnerUp?: MethodScore;
  /** Every method that could be scored, best first. */
  scores: MethodScore[];
  /** The chosen method's forecast from the whole history. */
  forecast: MethodForecast;
  /** Mean squared error of the chosen method's demand over the lead time, from the backtest. */
  leadTimeErrorVariance: number;
}

/** The best of `methods` on the series by rolling-origin RMSSE, or undefined when none could be scored at every origin. */
export function selectMethod(
  history: readonly number[],
  methods: readonly ForecastMethod[],
  settings: BacktestSettings,
): MethodSelection | undefined {
  const { horizon, origins, leadTimePeriods } = settings;
  const backtestHorizon = settings.backtestHorizon ?? horizon;
  if (!(leadTimePeriods >= 1 && leadTimePeriods <= backtestHorizon))
    throw new RangeError(`leadTimePeriods must be between 1 and the backtest horizon ${backtestHorizon} (got ${leadTimePeriods})`);
  const firstOrigin = history.length - backtestHorizon - origins + 1;
  if (firstOrigin < 2) return undefined;

  // The origins a history can scale an error at, the same for every method (a history that never moved has no scale).
  const scaled: number[] = [];
  for (let origin = firstOrigin; origin < firstOrigin + origins; origin++) if (errorScale(history.slice(0, origin), 1)) scaled.push(origin);
  if (scaled.length === 0) return undefined;
  const backtest: Backtest = { history, origins: scaled, backtestHorizon, leadTimePeriods };

  const scored: Scored[] = [];
  methods: for (const method of methods) {
    const made: number[][] = [];
    for (let origin = firstOrigin; origin < firstOrigin + origins; origin++) {
      const forecast = method.forecast(history.slice(0, origin), backtestHorizon, settings, settings.earlier?.[method.name]);
      // A method that cannot forecast from every origin is not compared on fewer.
      if (!forecast) continue methods;
      if (scaled.includes(origin)) made.push(forecast.forecast);
    }
    scored.push(scoredAt(backtest, method.name, made));
  }
  if (scored.length === 0) return undefined;
  // Ties go to the method listed first: the simpler one.
  scored.sort((a, b) => a.score.rmsse - b.score.rmsse);
  const finalForecast = (name: CandidateName) =>
    methods.find((m) => m.name === name)!.forecast(history, horizon, settings, settings.earlier?.[name]);
  if ((settings.medianOfBest ?? 1) > 1 && scored[0].score.method !== BUYER_FORECAST) {
    const combined = medianOfBest(backtest, scored, settings.medianOfBest!, finalForecast);
    if (combined) return combined;
  }
  // A candidate scored on the past may have nothing for the future (a buyer's forecast that stops short): the next best forecasts.
  for (const [rank, best] of scored.entries()) {
    const forecast = finalForecast(best.score.method);
    if (!forecast) continue;
    return selection(
      best,
      scored[rank + 1]?.score,
      scored.map((s) => s.score),
      forecast,
    );
  }
  return undefined;
}

/** The method published for the median of the best methods by backtest (settings.medianOfBest). */
export const MEDIAN_OF_BEST = 'median-of-best';

interface Backtest {
  history: readonly number[];
  /** The origins scored (those the history can scale an error at). */
  origins: number[];
  backtestHorizon: number;
  leadTimePeriods: number;
}
interface Scored {
  score: MethodScore;
  /** The forecast made from each scored origin. */
  made: number[][];
  leadTimeErrors: number[];
}

/** A method's (or a combination's) scores from its forecasts at the backtest's origins. */
function scoredAt(backtest: Backtest, method: CandidateName, made: number[][]): Scored {
  const totals = { rmsse: 0, mase: 0, bias: 0 };
  const leadTimeErrors: number[] = [];
  backtest.origins.forEach((origin, i) => {
    const actual = backtest.history.slice(origin, origin + backtest.backtestHorizon);
    const error = forecastError(backtest.history.slice(0, origin), made[i], actual, 1)!;
    totals.rmsse += error.rmsse;
    totals.mase += error.mase;
    totals.bias += error.bias;
    let summed = 0;
    for (let h = 0; h < backtest.leadTimePeriods; h++) summed += made[i][h] - actual[h];
    leadTimeErrors.push(summed);
  });
  const n = backtest.origins.length;
  return { score: { method, rmsse: totals.rmsse / n, mase: totals.mase / n, bias: totals.bias / n, origins: n }, made, leadTimeErrors };
}

/**
 * Per period, the median of the `count` best methods by backtest (fewer if
 * fewer could forecast from the whole history), scored by the same backtest
 * as a method of its own: choosing one method per series is noisy, and the
 * middle of the best few is rarely far from the best and never chases the one
 * that did well by chance. The buyer's forecast is not blended (it wins as it is).
 */
function medianOfBest(
  backtest: Backtest,
  scored: Scored[],
  count: number,
  finalForecast: (name: CandidateName) => MethodForecast | undefined,
): MethodSelection | undefined {
  const best: { scored: Scored; forecast: MethodForecast }[] = [];
  for (const candidate of scored) {
    if (best.length === count) break;
    if (candidate.score.method === BUYER_FORECAST) continue;
    const forecast = finalForecast(candidate.score.method);
    if (forecast) best.push({ scored: candidate, forecast });
  }
  if (best.length < 2) return undefined;
  const medianAt = (forecasts: number[][]) => forecasts[0].map((_, h) => medianOf(forecasts.map((f) => f[h])));
  const combined = scoredAt(
    backtest,
    MEDIAN_OF_BEST,
    backtest.origins.map((_, i) => medianAt(best.map((b) => b.scored.made[i]))),
  );
  const parameters: Record<string, number> = {};
  best.forEach((b, rank) => (parameters[`${rank + 1}.${b.forecast.method}`] = b.scored.score.rmsse));
  return selection(combined, scored[0].score, [combined.score, ...scored.map((s) => s.score)], {
    method: MEDIAN_OF_BEST,
    forecast: medianAt(best.map((b) => b.forecast.forecast)),
    parameters,
  });
}

/**
 * Each method's parameters fitted on the whole history, for the methods that
 * reuse parameters: what a later selectMethod on the same series can take as
 * `earlier`. The selection's own forecast is taken as it is, not fitted twice.
 */
export function fittedParameters(
  history: readonly number[],
  methods: readonly ForecastMethod[],
  settings: SeriesSettings & { horizon: number },
  made?: MethodForecast,
): FittedParameters {
  const fitted: FittedParameters = {};
  for (const method of methods) {
    if (!method.reusesParameters) continue;
    const forecast = made?.method === method.name ? made : method.forecast(history, settings.horizon, settings);
    if (forecast) fitted[method.name] = forecast.parameters;
  }
  return fitted;
}

function selection(
  best: { score: MethodScore; leadTimeErrors: number[] },
  runnerUp: MethodScore | undefined,
  scores: MethodScore[],
  forecast: MethodForecast,
): MethodSelection {
  return {
    chosen: best.score,
    ...(runnerUp && { runnerUp }),
    scores,
    forecast,
    leadTimeErrorVariance: best.leadTimeErrors.reduce((sum, e) => sum + e * e, 0) / best.leadTimeErrors.length,
  };
}
