import type { CandidateName, ForecastMethod, ForecastMethodName } from './forecast-method';

/**
 * Seasonal adjustment as in the M4 competition's benchmarks (Makridakis et
 * al. 2020): classical multiplicative decomposition of the history, a method
 * forecasts the adjusted series, the forecast is multiplied back by the
 * season's index. Lets the level and trend methods (and the combination)
 * forecast a seasonal series, at their own cost.
 */

/**
 * The seasonal indices of a history, one per position in the season counted
 * from its first period (index i applies to periods t with t mod
 * seasonLength = i): the mean ratio of each period to the centred moving
 * average of one season around it, scaled to a mean of 1. Undefined without
 * two full seasons inside the moving average's reach, or a moving average at
 * or below 0 (a ratio needs a positive level).
 */
export function seasonalIndices(history: readonly number[], seasonLength: number): number[] | undefined {
  const n = history.length;
  const half = Math.floor(seasonLength / 2);
  if (seasonLength < 2 || n < 2 * seasonLength + 2 * half) return undefined;
  const sums = Array.from({ length: seasonLength }, () => 0);
  const counts = Array.from({ length: seasonLength }, () => 0);
  for (let t = half; t < n - half; t++) {
    let average: number;
    if (seasonLength % 2 === 1) {
      let sum = 0;
      for (let k = t - half; k <= t + half; k++) sum += history[k];
      average = sum / seasonLength;
    } else {
      // 2 x m moving average: the two ends count half.
      let sum = (history[t - half] + history[t + half]) / 2;
      for (let k = t - half + 1; k < t + half; k++) sum += history[k];
      average = sum / seasonLength;
    }
    if (!(average > 0)) return undefined;
    sums[t % seasonLength] += history[t] / average;
    counts[t % seasonLength]++;
  }
  const raw = sums.map((s, i) => s / counts[i]);
  const mean = raw.reduce((s, x) => s + x, 0) / seasonLength;
  if (!(mean > 0) || raw.some((x) => !(x > 0))) return undefined;
  return raw.map((x) => x / mean);
}

export type SeasonallyAdjustedName = `${ForecastMethodName}-seasonally-adjusted`;

/** `method` on the seasonally adjusted history, its forecast seasonalised again; none where the history gives no indices. */
export function seasonallyAdjusted(method: ForecastMethod & { name: ForecastMethodName }): ForecastMethod {
  const name: CandidateName = `${method.name}-seasonally-adjusted`;
  return {
    name,
    ...(method.reusesParameters && { reusesParameters: true }),
    forecast: (history, horizon, settings, earlier) => {
      const indices = seasonalIndices(history, settings.seasonLength);
      if (!indices) return undefined;
      const m = settings.seasonLength;
      const made = method.forecast(
        history.map((q, t) => q / indices[t % m]),
        horizon,
        settings,
        earlier,
      );
      if (!made) return undefined;
      return {
        method: name,
        forecast: made.forecast.map((q, h) => q * indices[(history.length + h) % m]),
        parameters: made.parameters,
      };
    },
  };
}
