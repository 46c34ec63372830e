import { forecastError } from '../accuracy/accuracy-measures';
import type { CandidateName, FittedParameters, ForecastMethod, MethodForecast, SeriesSettings } from '../methods/forecast-method';

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

  const scored: { score: MethodScore; leadTimeErrors: number[] }[] = [];
  methods: for (const method of methods) {
    const totals = { rmsse: 0, mase: 0, bias: 0, origins: 0 };
    const leadTimeErrors: number[] = [];
    for (let origin = firstOrigin; origin < firstOrigin + origins; origin++) {
      const past = history.slice(0, origin);
      const actual = history.slice(origin, origin + backtestHorizon);
      const made = method.forecast(past, backtestHorizon, settings, settings.earlier?.[method.name]);
      // A method that cannot forecast from every origin is not compared on fewer.
      if (!made) continue methods;
      // A history that never moved has no scale, for any method: that origin is left out for all.
      const error = forecastError(past, made.forecast, actual, 1);
      if (!error) continue;
      totals.rmsse += error.rmsse;
      totals.mase += error.mase;
      totals.bias += error.bias;
      totals.origins++;
      let summed = 0;
      for (let h = 0; h < leadTimePeriods; h++) summed += made.forecast[h] - actual[h];
      leadTimeErrors.push(summed);
    }
    if (totals.origins === 0) continue;
    const n = totals.origins;
    scored.push({
      score: { method: method.name, rmsse: totals.rmsse / n, mase: totals.mase / n, bias: totals.bias / n, origins: n },
      leadTimeErrors,
    });
  }
  if (scored.length === 0) return undefined;
  // Ties go to the method listed first: the simpler one.
  scored.sort((a, b) => a.score.rmsse - b.score.rmsse);
  // A candidate scored on the past may have nothing for the future (a buyer's forecast that stops short): the next best forecasts.
  for (const [rank, best] of scored.entries()) {
    const forecast = methods
      .find((m) => m.name === best.score.method)!
      .forecast(history, horizon, settings, settings.earlier?.[best.score.method]);
    if (!forecast) continue;
    return selection(best, scored[rank + 1]?.score, scored, forecast);
  }
  return undefined;
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
  scored: { score: MethodScore }[],
  forecast: MethodForecast,
): MethodSelection {
  return {
    chosen: best.score,
    ...(runnerUp && { runnerUp }),
    scores: scored.map((s) => s.score),
    forecast,
    leadTimeErrorVariance: best.leadTimeErrors.reduce((sum, e) => sum + e * e, 0) / best.leadTimeErrors.length,
  };
}
