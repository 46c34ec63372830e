import { flat, type ForecastMethod } from './forecast-method';

/** The last period's demand, for every period ahead. */
export const naive: ForecastMethod = {
  name: 'naive',
  forecast: (history, horizon) =>
    history.length === 0 ? undefined : { method: 'naive', forecast: flat(history[history.length - 1], horizon), parameters: {} },
};

/** Each period ahead as the same period one season before. Needs a whole season of history. */
export const seasonalNaive: ForecastMethod = {
  name: 'seasonal-naive',
  forecast: (history, horizon, { seasonLength }) => {
    if (seasonLength < 2 || history.length < seasonLength) return undefined;
    const lastSeason = history.slice(history.length - seasonLength);
    return {
      method: 'seasonal-naive',
      forecast: Array.from({ length: horizon }, (_, h) => lastSeason[h % seasonLength]),
      parameters: { seasonLength },
    };
  },
};

/** Windows the moving average chooses from: 1 would be naive, beyond a year of months is not moving. */
export const MOVING_AVERAGE_WINDOWS = { shortest: 2, longest: 12 } as const;

/**
 * The window whose one-step forecasts fit the history best: each candidate
 * forecasts every period from the longest candidate window on (so all are
 * judged on the same periods) and the lowest squared error wins, ties to the
 * shorter window. Undefined on a history of fewer than 3 periods.
 */
export function fittedWindow(history: readonly number[]): number | undefined {
  const longest = Math.min(MOVING_AVERAGE_WINDOWS.longest, history.length - 1);
  if (longest < MOVING_AVERAGE_WINDOWS.shortest) return undefined;
  let best: { window: number; error: number } | undefined;
  for (let window = MOVING_AVERAGE_WINDOWS.shortest; window <= longest; window++) {
    let error = 0;
    let sum = history.slice(longest - window, longest).reduce((total, q) => total + q, 0);
    for (let t = longest; t < history.length; t++) {
      error += (history[t] - sum / window) ** 2;
      sum += history[t] - history[t - window];
    }
    if (!best || error < best.error) best = { window, error };
  }
  return best!.window;
}

/** Mean of the last periods, over the window fitted to the history (statsforecast's WindowAverage at that window). */
export const movingAverage: ForecastMethod = {
  name: 'moving-average',
  forecast: (history, horizon) => {
    const window = fittedWindow(history);
    if (window === undefined) return undefined;
    const mean = history.slice(history.length - window).reduce((sum, q) => sum + q, 0) / window;
    return { method: 'moving-average', forecast: flat(mean, horizon), parameters: { window } };
  },
};
