import { flat, type ForecastMethod } from './forecast-method';

/** The last period's demand, for every period ahead. */
export const naive: ForecastMethod = {
  name: 'naive',
  forecast: (history, horizon) => (history.length === 0 ? undefined : { method: 'naive', forecast: flat(history[history.length - 1], horizon), parameters: {} }),
};

/** Each period ahead as the same period one season before. Needs a whole season of history. */
export const seasonalNaive: ForecastMethod = {
  name: 'seasonal-naive',
  forecast: (history, horizon, { seasonLength }) => {
    if (seasonLength < 2 || history.length < seasonLength) return undefined;
    const lastSeason = history.slice(history.length - seasonLength);
    return { method: 'seasonal-naive', forecast: Array.from({ length: horizon }, (_, h) => lastSeason[h % seasonLength]), parameters: { seasonLength } };
  },
};

/** Mean of the last MOVING_AVERAGE_WINDOW periods (statsforecast's WindowAverage). */
export const MOVING_AVERAGE_WINDOW = 6;
export const movingAverage: ForecastMethod = {
  name: 'moving-average',
  forecast: (history, horizon) => {
    if (history.length < MOVING_AVERAGE_WINDOW) return undefined;
    const window = history.slice(history.length - MOVING_AVERAGE_WINDOW);
    return { method: 'moving-average', forecast: flat(window.reduce((sum, q) => sum + q, 0) / MOVING_AVERAGE_WINDOW, horizon), parameters: { window: MOVING_AVERAGE_WINDOW } };
  },
};
