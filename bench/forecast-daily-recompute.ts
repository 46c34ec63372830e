/**
 * What one event-driven recomputation costs the forecasting service: selection
 * over all twelve methods on a daily series of a year (its history window),
 * 8 backtest origins, horizons of 2, 7 and 14 days (lead times). Seeded
 * weekly-seasonal series; one core.
 *
 * Two kinds of recomputation, as the service makes them for daily lines
 * (forecast-settings.ts, refitEveryPeriods):
 * - a full fit: every method fitted at every origin (the ETS family exactly
 *   as statsforecast; all recomputations were this before constants were
 *   kept), then the reusing methods' constants on the whole year, to keep;
 * - between full fits, the next days: the same selection with those
 *   constants kept (selectMethod's `earlier`), on the window moved on by one
 *   to six days.
 * The mean over a cycle is one full fit and the recomputations after it.
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-daily-recompute.ts [refitEveryDays, default 7]
 *
 * With `service`: the forecast the service makes since issue 15 instead
 * (forecastSeries: on these smooth seasonal series the median of the 3 best of
 * the seasonally adjusted level and trend methods, seasonal naive and
 * Holt-Winters additive, backtested 12 days ahead at least), a full fit and
 * the recomputations with its constants kept.
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-daily-recompute.ts service [refitEveryDays]
 */
import { FORECASTING_METHODS, fittedParameters, forecastSeries, selectMethod, type FittedParameters } from '@smi/forecasting';

const SERIES = 200;
const WINDOW = 365;
const ofService = process.argv[2] === 'service';
const REFIT_EVERY = Number(process.argv[ofService ? 3 : 2] ?? 7);
let seed = 7;
const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const series = Array.from({ length: SERIES }, () =>
  Array.from({ length: WINDOW + REFIT_EVERY - 1 }, (_, day) =>
    Math.max(0, Math.round(10 + 4 * Math.sin((day / 7) * 2 * Math.PI) + 6 * (random() - 0.5))),
  ),
);
const elapsedMs = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

for (const horizon of ofService ? [] : [2, 7, 14]) {
  const settings = { seasonLength: 7, horizon, origins: 8, leadTimePeriods: horizon };
  const kept: FittedParameters[] = [];
  let started = process.hrtime.bigint();
  const selections = series.map((days) => selectMethod(days.slice(0, WINDOW), FORECASTING_METHODS, settings));
  const fullMs = elapsedMs(started) / SERIES;
  started = process.hrtime.bigint();
  for (const [i, days] of series.entries())
    kept.push(fittedParameters(days.slice(0, WINDOW), FORECASTING_METHODS, settings, selections[i]?.forecast));
  const keepingMs = elapsedMs(started) / SERIES;
  started = process.hrtime.bigint();
  for (const [i, days] of series.entries()) {
    for (let shift = 1; shift < REFIT_EVERY; shift++)
      selectMethod(days.slice(shift, shift + WINDOW), FORECASTING_METHODS, { ...settings, earlier: kept[i] });
  }
  const reuseMs = REFIT_EVERY > 1 ? elapsedMs(started) / SERIES / (REFIT_EVERY - 1) : NaN;
  const meanMs = (fullMs + keepingMs + reuseMs * (REFIT_EVERY - 1)) / REFIT_EVERY;
  console.log(
    `daily series of 365 days, horizon ${horizon}: ${reuseMs.toFixed(1)} ms per recomputation with kept constants (${Math.round(1000 / reuseMs)} series/s); ` +
      `full fit ${fullMs.toFixed(1)} ms + ${keepingMs.toFixed(1)} ms to fit the constants kept; mean over a full fit every ${REFIT_EVERY} days ${meanMs.toFixed(1)} ms`,
  );
}

for (const horizon of ofService ? [2, 7, 14] : []) {
  const settings = { seasonLength: 7, horizon, backtestHorizon: Math.max(12, horizon), origins: 8, leadTimePeriods: horizon };
  let started = process.hrtime.bigint();
  const full = series.map((days) => forecastSeries(days.slice(0, WINDOW), settings));
  const fullMs = elapsedMs(started) / SERIES;
  started = process.hrtime.bigint();
  for (const [i, days] of series.entries())
    for (let shift = 1; shift < REFIT_EVERY; shift++)
      forecastSeries(days.slice(shift, shift + WINDOW), { ...settings, earlier: full[i].fitted });
  const reuseMs = REFIT_EVERY > 1 ? elapsedMs(started) / SERIES / (REFIT_EVERY - 1) : NaN;
  const methods = new Set(full.map((f) => f.selection?.chosen.method));
  console.log(
    `daily series of 365 days, lead time ${horizon}, the service's forecast (${[...methods].join(', ')}): full fit ${fullMs.toFixed(1)} ms; ` +
      `${reuseMs.toFixed(1)} ms with the constants kept; mean over a full fit every ${REFIT_EVERY} days ${((fullMs + reuseMs * (REFIT_EVERY - 1)) / REFIT_EVERY).toFixed(1)} ms`,
  );
}
