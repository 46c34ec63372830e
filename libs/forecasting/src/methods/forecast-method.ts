/**
 * A forecasting method: from a demand history (one number per period, oldest
 * first) the expected demand of each of the next periods. Every method here is
 * pure and deterministic, and fits its own parameters to the history it is
 * given, so a backtest can refit it at every origin.
 */

export const FORECAST_METHODS = [
  'naive',
  'seasonal-naive',
  'moving-average',
  'simple-exponential-smoothing',
  'holt',
  'holt-damped',
  'holt-winters-additive',
  'holt-winters-multiplicative',
  'croston',
  'sba',
  'tsb',
  'adida',
  'imapa',
  'combination',
] as const;
export type ForecastMethodName = (typeof FORECAST_METHODS)[number];

/** The buyer's own forecast (collaborative forecasting), scored in a backtest beside the methods. */
export const BUYER_FORECAST = 'buyer-forecast';
/** What a backtest can choose between: a method, or the buyer's forecast; or the median of the best methods (selection's medianOfBest). */
export type CandidateName = ForecastMethodName | typeof BUYER_FORECAST | 'median-of-best' | `${ForecastMethodName}-seasonally-adjusted`;

export interface MethodForecast {
  method: CandidateName;
  /** Expected demand of each of the next `horizon` periods. */
  forecast: number[];
  /** The parameters as fitted or set: smoothing constants, window, aggregation level. */
  parameters: Record<string, number>;
}

export interface SeriesSettings {
  /** Periods per season (12 for months, 52 for weeks); 1 for none. */
  seasonLength: number;
}

/** Parameters each method fitted earlier on a series, as the methods reported them (MethodForecast.parameters). */
export type FittedParameters = Partial<Record<CandidateName, Readonly<Record<string, number>>>>;

export interface ForecastMethod {
  name: CandidateName;
  /**
   * Whether the method can forecast from parameters fitted earlier instead of
   * searching them again: those whose search costs most (the ETS family).
   */
  reusesParameters?: boolean;
  /**
   * The forecast, or undefined when the history is too short or gives the
   * method nothing to work from. With `earlier` (parameters this method
   * reported for the same series before), a method that reusesParameters
   * keeps them instead of fitting its own; others ignore it.
   */
  forecast(
    history: readonly number[],
    horizon: number,
    settings: SeriesSettings,
    earlier?: Readonly<Record<string, number>>,
  ): MethodForecast | undefined;
}

/** The same value for every period of the horizon. */
export const flat = (value: number, horizon: number): number[] => Array.from({ length: horizon }, () => value);
