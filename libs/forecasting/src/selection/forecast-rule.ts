import { classifyDemand } from '../demand-class';
import { FORECASTING_METHODS } from '../methods/all-methods';
import { combination } from '../methods/combination';
import type { FittedParameters, ForecastMethod, MethodForecast } from '../methods/forecast-method';
import { fittedParameters, selectMethod, type BacktestSettings, type MethodSelection } from './method-selection';

/**
 * How a series is forecast (issue 15; bench/README.md, "Combinations against
 * selection"): which candidates its backtest compares, and whether the
 * forecast is the best of them or the median of the best few.
 * - Intermittent, lumpy and erratic demand (a period without demand in about
 *   one of four, or sizes that vary widely; demand-class.ts), and a history
 *   too short to classify: the combination alone (median of SES, ADIDA, TSB,
 *   IMAPA, SBA). Choosing a method per series by its own backtest lost to it
 *   on carparts and on every synthetic compound Bernoulli and Poisson set.
 * - Smooth demand: trend and season can be told from noise there, and the
 *   combination is flat; the backtest compares it with the methods of level
 *   and trend, and of season where the history has one (hasSeason;
 *   Holt-Winters additive only: the multiplicative costs three times as
 *   much), and the forecast is the median of the 3 best: closer to the best
 *   single method than selecting one per series on the synthetic smooth
 *   level, trend and season sets.
 */
export interface ForecastRule {
  candidates: readonly ForecastMethod[];
  /** selectMethod's medianOfBest. */
  medianOfBest: number;
}

/** The smooth series' candidates: the combination (which has SES, ADIDA, TSB, IMAPA and SBA in it), and the methods of level, trend and season. */
export const SMOOTH_DEMAND_METHODS: readonly ForecastMethod[] = [
  combination,
  ...FORECASTING_METHODS.filter((m) =>
    ['naive', 'moving-average', 'simple-exponential-smoothing', 'holt', 'holt-damped', 'seasonal-naive', 'holt-winters-additive'].includes(
      m.name,
    ),
  ),
];
const SEASONAL_METHODS = ['seasonal-naive', 'holt-winters-additive'];
export const SMOOTH_DEMAND_MEDIAN_OF = 3;

export function forecastRule(history: readonly number[], seasonLength: number): ForecastRule {
  if (classifyDemand(history)?.demandClass !== 'smooth') return { candidates: [combination], medianOfBest: 1 };
  const candidates = hasSeason(history, seasonLength)
    ? SMOOTH_DEMAND_METHODS
    : SMOOTH_DEMAND_METHODS.filter((m) => !SEASONAL_METHODS.includes(m.name));
  return { candidates, medianOfBest: SMOOTH_DEMAND_MEDIAN_OF };
}

/**
 * Whether the history has a season worth modelling: the M4 competition's test
 * (as its Theta and SES benchmarks use it), the autocorrelation at the season's
 * lag above 1.645 of its standard error under no autocorrelation beyond
 * (Bartlett: √((1 + 2·Σ r_k², k < lag) / n)), a one-sided 90% test. Without
 * three seasons of history, no season.
 */
export function hasSeason(history: readonly number[], seasonLength: number): boolean {
  const n = history.length;
  if (seasonLength < 2 || n < 3 * seasonLength) return false;
  const mean = history.reduce((sum, q) => sum + q, 0) / n;
  let variance = 0;
  for (const q of history) variance += (q - mean) ** 2;
  if (variance === 0) return false;
  const autocorrelation = (lag: number) => {
    let sum = 0;
    for (let t = lag; t < n; t++) sum += (history[t] - mean) * (history[t - lag] - mean);
    return sum / variance;
  };
  let squares = 0;
  for (let lag = 1; lag < seasonLength; lag++) squares += autocorrelation(lag) ** 2;
  return autocorrelation(seasonLength) > 1.645 * Math.sqrt((1 + 2 * squares) / n);
}

export interface SeriesForecast {
  selection: MethodSelection | undefined;
  /**
   * Without a backtest (a history too short for its origins, or one that
   * cannot scale an error at any), the rule's first candidate (the
   * combination) from the whole history, unscored; undefined if it has
   * nothing to work from either.
   */
  unscored?: MethodForecast;
  /** Constants the ETS family fitted on the whole history (none when `earlier` was given or no candidate reuses them). */
  fitted?: FittedParameters;
}

/**
 * The rule's forecast of a series. The ETS family (smooth demand only) is
 * fitted once on the whole history, or takes `settings.earlier`, and keeps
 * those constants at every backtest origin (selectMethod's earlier): the
 * approximation measured in bench/README.md ("What keeping the constants
 * costs in accuracy"), which keeps a smooth series under 5 ms.
 */
export function forecastSeries(
  history: readonly number[],
  settings: BacktestSettings,
  options: { buyerForecast?: ForecastMethod; onlyMethods?: readonly ForecastMethod[] } = {},
): SeriesForecast {
  const rule = options.onlyMethods ? { candidates: options.onlyMethods, medianOfBest: 1 } : forecastRule(history, settings.seasonLength);
  const candidates = [...rule.candidates, ...(options.buyerForecast ? [options.buyerForecast] : [])];
  const fitted = settings.earlier ? undefined : fittedParameters(history, candidates, settings);
  const earlier = settings.earlier ?? fitted;
  const selection = selectMethod(history, candidates, { ...settings, medianOfBest: rule.medianOfBest, ...(earlier && { earlier }) });
  const unscored = selection ? undefined : rule.candidates[0]?.forecast(history, settings.horizon, settings);
  return { selection, ...(unscored && { unscored }), ...(fitted && Object.keys(fitted).length > 0 && { fitted }) };
}
