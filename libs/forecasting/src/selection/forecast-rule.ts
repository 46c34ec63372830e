import { classifyDemand } from '../demand-class';
import { FORECASTING_METHODS } from '../methods/all-methods';
import { combination } from '../methods/combination';
import type { FittedParameters, ForecastMethod, ForecastMethodName, MethodForecast } from '../methods/forecast-method';
import { seasonallyAdjusted } from '../methods/seasonal-adjustment';
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
 *   and trend and Holt-Winters additive, and where the history has a season
 *   (hasSeason) the level and trend methods run on the seasonally adjusted
 *   history, beside seasonal naive (the multiplicative Holt-Winters is left
 *   out: three times the cost of the additive). The forecast is the median of
 *   the 3 best: on the synthetic smooth level, trend and season sets, closer
 *   to the best single method than selecting one per series, in a tenth of
 *   the time.
 */
export interface ForecastRule {
  candidates: readonly ForecastMethod[];
  /** selectMethod's medianOfBest. */
  medianOfBest: number;
}

/**
 * The smooth series' candidates: the combination (which has SES, ADIDA, TSB,
 * IMAPA and SBA in it), the methods of level and trend, and Holt-Winters
 * additive (which also has a trend, and the best single method on the
 * synthetic trend set).
 */
const LEVEL_AND_TREND = ['combination', 'naive', 'moving-average', 'simple-exponential-smoothing', 'holt', 'holt-damped'];
const levelAndTrend = [combination, ...FORECASTING_METHODS].filter((m) => LEVEL_AND_TREND.includes(m.name));
const holtWintersAdditive = FORECASTING_METHODS.find((m) => m.name === 'holt-winters-additive')!;
const seasonalNaive = FORECASTING_METHODS.find((m) => m.name === 'seasonal-naive')!;
export const SMOOTH_DEMAND_METHODS: readonly ForecastMethod[] = [...levelAndTrend, holtWintersAdditive];
/** With a season: the level and trend methods on the seasonally adjusted history (M4's benchmarks), and the two seasonal methods. */
export const SEASONAL_DEMAND_METHODS: readonly ForecastMethod[] = [
  ...levelAndTrend.map((m) => seasonallyAdjusted(m as ForecastMethod & { name: ForecastMethodName })),
  seasonalNaive,
  holtWintersAdditive,
];
export const SMOOTH_DEMAND_MEDIAN_OF = 3;

/**
 * The rule for a history. A season counts only where the backtest's first
 * origin already has the two seasons and more that the adjustment needs
 * (seasonalIndices); before, the seasonally adjusted methods could not be
 * compared at all.
 */
export function forecastRule(
  history: readonly number[],
  settings: Pick<BacktestSettings, 'seasonLength' | 'horizon' | 'backtestHorizon' | 'origins'>,
): ForecastRule {
  if (classifyDemand(history)?.demandClass !== 'smooth') return { candidates: [combination], medianOfBest: 1 };
  const m = settings.seasonLength;
  const firstOrigin = history.length - (settings.backtestHorizon ?? settings.horizon) - settings.origins + 1;
  const seasonal = firstOrigin >= 2 * m + 2 * Math.floor(m / 2) && hasSeason(history, m);
  return { candidates: seasonal ? SEASONAL_DEMAND_METHODS : SMOOTH_DEMAND_METHODS, medianOfBest: SMOOTH_DEMAND_MEDIAN_OF };
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
  const rule = options.onlyMethods ? { candidates: options.onlyMethods, medianOfBest: 1 } : forecastRule(history, settings);
  const candidates = [...rule.candidates, ...(options.buyerForecast ? [options.buyerForecast] : [])];
  const fitted = settings.earlier ? undefined : fittedParameters(history, candidates, settings);
  const earlier = settings.earlier ?? fitted;
  const selection = selectMethod(history, candidates, { ...settings, medianOfBest: rule.medianOfBest, ...(earlier && { earlier }) });
  const unscored = selection ? undefined : rule.candidates[0]?.forecast(history, settings.horizon, settings);
  return { selection, ...(unscored && { unscored }), ...(fitted && Object.keys(fitted).length > 0 && { fitted }) };
}
