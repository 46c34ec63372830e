/**
 * How far a forecast was from what happened, scaled by how much the series
 * moves from one period to the next, so series of any size compare:
 * - RMSSE (root mean squared scaled error, the M5 competition's measure):
 *   √(mean squared error ÷ mean squared one-period change of the history).
 *   Squared error is minimised by the mean, so a method that forecasts zero on
 *   intermittent demand scores badly, as it should: it would starve the buyer.
 * - MASE (mean absolute scaled error, Hyndman & Koehler 2006): mean absolute
 *   error ÷ mean absolute change of the history (seasonal change with a
 *   season). Absolute error is minimised by the median, which on intermittent
 *   demand is zero: report it, never choose by it alone.
 * - bias: mean of forecast − actual, in units (positive: over-forecast).
 *
 * The scale is taken from the history before the forecast origin, from its
 * first demand on (as M5 does: leading zeros are before the item was sold).
 */

export interface ForecastError {
  rmsse: number;
  mase: number;
  bias: number;
}

/** The measures of a forecast against actuals, scaled by the history it was made from; undefined when the history never moves (no scale). */
export function forecastError(
  history: readonly number[],
  forecast: readonly number[],
  actual: readonly number[],
  seasonLength = 1,
): ForecastError | undefined {
  if (forecast.length !== actual.length || actual.length === 0) {
    throw new RangeError(`forecast and actual must be of the same length above 0 (got ${forecast.length} and ${actual.length})`);
  }
  const scale = errorScale(history, seasonLength);
  if (!scale) return undefined;
  let squared = 0;
  let absolute = 0;
  let signed = 0;
  for (let i = 0; i < actual.length; i++) {
    const error = forecast[i] - actual[i];
    squared += error * error;
    absolute += Math.abs(error);
    signed += error;
  }
  const n = actual.length;
  return { rmsse: Math.sqrt(squared / n / scale.squared), mase: absolute / n / scale.absolute, bias: signed / n };
}

/**
 * Mean squared and mean absolute change of a history from its first demand on
 * (one period, or one season with seasonLength > 1); undefined when it has
 * fewer than two such periods or never changes.
 */
export function errorScale(history: readonly number[], seasonLength = 1): { squared: number; absolute: number } | undefined {
  const first = history.findIndex((q) => q !== 0);
  if (first < 0) return undefined;
  let squared = 0;
  let absolute = 0;
  let count = 0;
  for (let t = first + seasonLength; t < history.length; t++) {
    const change = history[t] - history[t - seasonLength];
    squared += change * change;
    absolute += Math.abs(change);
    count++;
  }
  if (count === 0 || squared === 0) return undefined;
  return { squared: squared / count, absolute: absolute / count };
}
