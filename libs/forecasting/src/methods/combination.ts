import { simpleExponentialSmoothing } from './exponential-smoothing';
import type { ForecastMethod, MethodForecast } from './forecast-method';
import { adida, imapa, sba, tsb } from './intermittent-methods';

/**
 * The forecast the service runs: per period, the median of five methods that
 * hold up on intermittent and lumpy demand (simple exponential smoothing,
 * ADIDA, TSB, IMAPA and SBA), each fitted to the series as alone. Choosing one
 * method per series by its own backtest is noisy on such demand and lost to
 * every one of these on carparts and on synthetic compound Bernoulli and
 * Poisson series; the median of a few good forecasts is never far from the
 * best of them and is not pulled by one that goes astray (bench/README.md,
 * "Combinations against selection"). A member with nothing to work from (no
 * demand yet) is left out; with none left there is no forecast.
 */
export const COMBINED_METHODS: readonly ForecastMethod[] = [simpleExponentialSmoothing, adida, tsb, imapa, sba];

export function medianOf(values: number[]): number {
  values.sort((a, b) => a - b);
  const middle = values.length >> 1;
  return values.length % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

export const combination: ForecastMethod = {
  name: 'combination',
  forecast: (history, horizon, settings): MethodForecast | undefined => {
    const made: MethodForecast[] = [];
    for (const method of COMBINED_METHODS) {
      const forecast = method.forecast(history, horizon, settings);
      if (forecast) made.push(forecast);
    }
    if (made.length === 0) return undefined;
    const parameters: Record<string, number> = {};
    for (const m of made) for (const [name, value] of Object.entries(m.parameters)) parameters[`${m.method}.${name}`] = value;
    return {
      method: 'combination',
      forecast: Array.from({ length: horizon }, (_, h) => medianOf(made.map((m) => m.forecast[h]))),
      parameters,
    };
  },
};
