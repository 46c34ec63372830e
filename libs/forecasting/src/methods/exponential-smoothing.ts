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

/**
 * Bounds of a fitted smoothing constant: narrow for the sizes and intervals
 * of intermittent methods (statsforecast's, after Syntetos & Boylan's advice
 * of 0.05 to 0.2), wide for simple exponential smoothing itself.
 */
export const SMOOTHING_BOUNDS = { low: 0.1, high: 0.3 } as const;
export const SES_SMOOTHING_BOUNDS = { low: 0.01, high: 0.99 } as const;

/**
 * The smoothing constant within bounds that minimises the in-sample squared
 * one-step error, by golden-section search as statsforecast's
 * golden_section_ses does: the interval narrows until it is 1e-12 wide, or
 * stops at the first exact tie (a flat error, as for sizes all equal), and
 * the answer is the middle of what is left.
 */
export function fittedSmoothing(values: readonly number[], bounds: { low: number; high: number } = SMOOTHING_BOUNDS): number {
  const ratio = (Math.sqrt(5) + 1) / 2;
  let [a, b] = [bounds.low, bounds.high];
  let c = b - (b - a) / ratio;
  let d = a + (b - a) / ratio;
  let fc = oneStepSquaredError(values, c);
  let fd = oneStepSquaredError(values, d);
  while (Math.abs(b - a) >= 1e-12) {
    if (fc < fd) {
      [b, d, fd] = [d, c, fc];
      c = b - (b - a) / ratio;
      fc = oneStepSquaredError(values, c);
    } else if (fd < fc) {
      [a, c, fc] = [c, d, fd];
      d = a + (b - a) / ratio;
      fd = oneStepSquaredError(values, d);
    } else {
      break;
    }
  }
  return (a + b) / 2;
}

/** Simple exponential smoothing with its constant fitted to the history. */
export const simpleExponentialSmoothing: ForecastMethod = {
  name: 'simple-exponential-smoothing',
  forecast: (history, horizon) => {
    if (history.length < 2) return undefined;
    const alpha = fittedSmoothing(history, SES_SMOOTHING_BOUNDS);
    return { method: 'simple-exponential-smoothing', forecast: flat(smoothedLevel(history, alpha), horizon), parameters: { alpha } };
  },
};
