import { tsbLevel } from '../tsb';
import { fittedSmoothing, smoothedLevel } from './exponential-smoothing';
import { flat, type ForecastMethod, type MethodForecast } from './forecast-method';

/**
 * Methods for intermittent demand: many periods without demand, then an
 * order. They smooth the size of a demand apart from how often one comes.
 * Conventions as statsforecast's (tools/reference-forecasts/README.md), whose
 * outputs the tests compare with.
 */

/** The non-zero demands, and the periods from each to the one before (the first counts from before the history). */
export function demandsAndIntervals(history: readonly number[]): { sizes: number[]; intervals: number[] } {
  const sizes: number[] = [];
  const intervals: number[] = [];
  let previous = -1;
  history.forEach((quantity, period) => {
    if (quantity === 0) return;
    sizes.push(quantity);
    intervals.push(period - previous);
    previous = period;
  });
  return { sizes, intervals };
}

/**
 * Croston (1972): the size and the interval each smoothed, forecast = size ÷
 * interval. The constants are fitted to each part's in-sample error within
 * the usual bounds (statsforecast's CrostonOptimized).
 */
export function crostonRate(history: readonly number[]): { rate: number; sizeSmoothing: number; intervalSmoothing: number } | undefined {
  const { sizes, intervals } = demandsAndIntervals(history);
  if (sizes.length === 0) return undefined;
  const sizeSmoothing = fittedSmoothing(sizes);
  const intervalSmoothing = fittedSmoothing(intervals);
  const size = smoothedLevel(sizes, sizeSmoothing);
  const interval = smoothedLevel(intervals, intervalSmoothing);
  return { rate: interval !== 0 ? size / interval : size, sizeSmoothing, intervalSmoothing };
}

/** Croston's rate, times a correction of the interval's smoothing constant α. */
const crostonVariant = (name: 'croston' | 'sba', correction: (alpha: number) => number): ForecastMethod => ({
  name,
  forecast: (history, horizon) => {
    const fitted = crostonRate(history);
    if (!fitted) return undefined;
    const { rate, ...parameters } = fitted;
    return { method: name, forecast: flat(rate * correction(fitted.intervalSmoothing), horizon), parameters };
  },
});

export const croston = crostonVariant('croston', () => 1);

/**
 * Syntetos-Boylan approximation (2005): Croston's rate × (1 − α/2), which
 * removes most of its upward bias. With fitted constants α is the interval's;
 * statsforecast's CrostonSBA uses α = 0.1 for both, hence 0.95.
 */
export const sba = crostonVariant('sba', (alpha) => 1 - alpha / 2);

/**
 * Teunter-Syntetos-Babai (../tsb.ts). Each smoothing constant is fitted to its
 * own series, as Croston's are: the size's to the demands, the chance's to
 * whether each period had demand (1 or 0), within the same bounds.
 */
export const tsb: ForecastMethod = {
  name: 'tsb',
  forecast: (history, horizon) => {
    const { sizes } = demandsAndIntervals(history);
    if (sizes.length === 0) return undefined;
    const smoothing = { size: fittedSmoothing(sizes), probability: fittedSmoothing(history.map((q) => (q > 0 ? 1 : 0))) };
    const level = tsbLevel(history, smoothing)!;
    return {
      method: 'tsb',
      forecast: flat(level.perPeriod, horizon),
      parameters: { sizeSmoothing: smoothing.size, probabilitySmoothing: smoothing.probability },
    };
  },
};

/** The mean interval between demands rounded half to even (Python's round, as statsforecast), at least 1; undefined without demand. */
function meanIntervalRounded(history: readonly number[]): number | undefined {
  const { intervals } = demandsAndIntervals(history);
  if (intervals.length === 0) return undefined;
  return Math.max(1, roundHalfToEven(intervals.reduce((sum, i) => sum + i, 0) / intervals.length));
}

/** Sums of consecutive buckets of `level` periods, aligned to the end: the oldest periods that do not fill a bucket are left out. */
function bucketSums(history: readonly number[], level: number): number[] {
  const sums: number[] = [];
  for (let at = history.length % level; at + level <= history.length; at += level) {
    let sum = 0;
    for (let t = at; t < at + level; t++) sum += history[t];
    sums.push(sum);
  }
  return sums;
}

/** The smoothed bucket sum per period at one aggregation level (SES fitted in [0.1, 0.3]), with its constant. */
function aggregatedRate(history: readonly number[], level: number): { rate: number; alpha: number } | undefined {
  const sums = bucketSums(history, level);
  if (sums.length === 0) return undefined;
  const alpha = fittedSmoothing(sums);
  return { rate: smoothedLevel(sums, alpha) / level, alpha };
}

/**
 * ADIDA (Nikolopoulos et al. 2011): sum the history into buckets as long as the
 * mean interval between demands (rounded half to even), so most buckets
 * hold a demand; smooth the sums; spread the bucket forecast evenly over its
 * periods. The oldest periods that do not fill a bucket are left out.
 */
export const adida: ForecastMethod = {
  name: 'adida',
  forecast: (history, horizon): MethodForecast | undefined => {
    const level = meanIntervalRounded(history);
    if (level === undefined) return undefined;
    const aggregated = aggregatedRate(history, level);
    // Shorter than one bucket: the last period's demand, as statsforecast.
    if (!aggregated)
      return { method: 'adida', forecast: flat(history[history.length - 1], horizon), parameters: { aggregationLevel: level } };
    return { method: 'adida', forecast: flat(aggregated.rate, horizon), parameters: { aggregationLevel: level, alpha: aggregated.alpha } };
  },
};

/**
 * IMAPA (Petropoulos & Kourentzes 2015, "Forecast combinations for
 * intermittent demand"): ADIDA at every aggregation level from 1 period to
 * the mean interval between demands (rounded half to even), the per-period
 * rates averaged. No single bucket length has to be right, and the levels'
 * errors partly cancel. As statsforecast's IMAPA: each level drops its own
 * oldest remainder and fits its own SES constant in [0.1, 0.3]; a level with
 * no full bucket is left out of the mean.
 */
export const imapa: ForecastMethod = {
  name: 'imapa',
  forecast: (history, horizon): MethodForecast | undefined => {
    const levels = meanIntervalRounded(history);
    if (levels === undefined) return undefined;
    let sum = 0;
    let counted = 0;
    for (let level = 1; level <= levels; level++) {
      const aggregated = aggregatedRate(history, level);
      if (!aggregated) continue;
      sum += aggregated.rate;
      counted++;
    }
    return { method: 'imapa', forecast: flat(sum / counted, horizon), parameters: { aggregationLevels: levels } };
  },
};

/** Python's round(): halves go to the even neighbour, so a mean interval of 6.5 buckets by 6 (statsforecast's ADIDA). */
function roundHalfToEven(value: number): number {
  const floor = Math.floor(value);
  const fraction = value - floor;
  if (fraction !== 0.5) return Math.round(value);
  return floor % 2 === 0 ? floor : floor + 1;
}
