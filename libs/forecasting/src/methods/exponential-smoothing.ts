import { flat, type ForecastMethod } from './forecast-method';

/**
 * Simple exponential smoothing, started at the first value: the level after
 * period t is α·y(t) + (1 − α)·level(t − 1), and the forecast of every period
 * ahead is the last level. As statsforecast's ses.
 */
export function smoothedLevel(values: readonly number[], alpha: number): number {
  let level = values[0];
  for (let t = 1; t < values.length; t++) level = alpha * values[t] + (1 - alpha) * level;
  return level;
}

/** Sum of squared one-step-ahead errors of simple exponential smoothing over values[1..]. */
export function oneStepSquaredError(values: readonly number[], alpha: number): number {
  let level = values[0];
  let sum = 0;
  for (let t = 1; t < values.length; t++) {
    const error = values[t] - level;
    sum += error * error;
    level += alpha * error;
  }
  return sum;
}

/** Bounds of the smoothing constant when it is fitted. */
export const SMOOTHING_BOUNDS = { low: 0.1, high: 0.3 } as const;

/**
 * The smoothing constant within bounds that minimises the in-sample squared
 * one-step error, by golden-section search (the error is smooth in α and in
 * practice has one minimum over so narrow a range).
 */
export function fittedSmoothing(values: readonly number[], bounds: { low: number; high: number } = SMOOTHING_BOUNDS): number {
  if (values.length < 2) return bounds.low;
  const ratio = (Math.sqrt(5) - 1) / 2;
  let [a, b] = [bounds.low, bounds.high];
  let c = b - ratio * (b - a);
  let d = a + ratio * (b - a);
  let fc = oneStepSquaredError(values, c);
  let fd = oneStepSquaredError(values, d);
  while (b - a > 1e-10) {
    if (fc <= fd) {
      [b, d, fd] = [d, c, fc];
      c = b - ratio * (b - a);
      fc = oneStepSquaredError(values, c);
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + ratio * (b - a);
      fd = oneStepSquaredError(values, d);
    }
  }
  const best = (a + b) / 2;
  // The ends are candidates too: the minimum may sit on a bound.
  return [bounds.low, best, bounds.high].reduce((x, y) => (oneStepSquaredError(values, y) < oneStepSquaredError(values, x) ? y : x));
}

/** Simple exponential smoothing with its constant fitted to the history. */
export const simpleExponentialSmoothing: ForecastMethod = {
  name: 'simple-exponential-smoothing',
  forecast: (history, horizon) => {
    if (history.length < 2) return undefined;
    const alpha = fittedSmoothing(history);
    return { method: 'simple-exponential-smoothing', forecast: flat(smoothedLevel(history, alpha), horizon), parameters: { alpha } };
  },
};
