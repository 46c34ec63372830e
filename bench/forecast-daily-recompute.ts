/**
 * What one event-driven recomputation costs the forecasting service: selection
 * over all twelve methods on a daily series of a year (its history window),
 * 8 backtest origins, horizons of 2, 7 and 14 days (lead times). Seeded
 * weekly-seasonal series; one core.
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-daily-recompute.ts
 */
import { FORECASTING_METHODS, selectMethod } from '@smi/forecasting';

const SERIES = 200;
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const series = Array.from({ length: SERIES }, () =>
  Array.from({ length: 365 }, (_, day) => Math.max(0, Math.round(10 + 4 * Math.sin((day / 7) * 2 * Math.PI) + 6 * (random() - 0.5)))),
);
for (const horizon of [2, 7, 14]) {
  const started = process.hrtime.bigint();
  for (const history of series) selectMethod(history, FORECASTING_METHODS, { seasonLength: 7, horizon, origins: 8, leadTimePeriods: horizon });
  const msPerSeries = Number(process.hrtime.bigint() - started) / 1e6 / SERIES;
  console.log(`daily series of 365 days, horizon ${horizon}: ${msPerSeries.toFixed(1)} ms per recomputation (${Math.round(1000 / msPerSeries)} series/s)`);
}
