import type { ForecastMethod } from './forecast-method';
import { simpleExponentialSmoothing } from './exponential-smoothing';
import { adida, croston, imapa, sba, tsb } from './intermittent-methods';
import { movingAverage, naive, seasonalNaive } from './simple-methods';
import { holt, holtDamped, holtWintersAdditive, holtWintersMultiplicative } from './trend-and-season';

/** Every method the selection compares, simplest first (ties go to the earlier). */
export const FORECASTING_METHODS: readonly ForecastMethod[] = [
  naive,
  seasonalNaive,
  movingAverage,
  simpleExponentialSmoothing,
  holt,
  holtDamped,
  holtWintersAdditive,
  holtWintersMultiplicative,
  croston,
  sba,
  tsb,
  adida,
  imapa,
];
