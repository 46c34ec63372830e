/**
 * How fast @smi/forecasting forecasts a batch: 100,000 series of two years of
 * weekly history (half intermittent, half smooth, seeded), each through
 * method selection (every method, rolling-origin backtest on 6 origins, 4
 * weeks ahead) and its final forecast. Prints series per second and the
 * memory taken (resident set and heap, sampled after every 1,000 series).
 *
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-speed.ts [series]
 *
 * With `monthly`: milliseconds per monthly series of 84 periods (seeded, half
 * intermittent, half smooth, 2,000 by default), for selection among every
 * method as the service ran it before issue 15 (8 origins x 12 months) and for
 * the service's forecast now (the combination backtested on 8 origins x 12
 * months, then fitted on the whole history). The same series for both.
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-speed.ts monthly [series]
 */
import { FORECASTING_METHODS, combination, forecastSeries, selectMethod } from '@smi/forecasting';
import { SeededRandom } from '@smi/replenishment-planning';

const monthly = process.argv[2] === 'monthly';
const SERIES = Number(process.argv[monthly ? 3 : 2] ?? (monthly ? 2_000 : 100_000));
const WEEKS = monthly ? 84 : 104;
const settings = monthly
  ? { seasonLength: 12, horizon: 12, origins: 8, leadTimePeriods: 1 }
  : { seasonLength: 52, horizon: 4, origins: 6, leadTimePeriods: 2 };

const random = new SeededRandom(5);
const poisson = (mean: number) => {
  let count = 0;
  for (let p = random.next(); p > Math.exp(-mean); p *= random.next()) count++;
  return count;
};
const batch = Array.from({ length: SERIES }, (_, i) => {
  const series = new Array<number>(WEEKS);
  const intermittent = i % 2 === 0;
  const level = intermittent ? 1 + 4 * random.next() : 20 + 200 * random.next();
  for (let t = 0; t < WEEKS; t++)
    series[t] = intermittent
      ? random.next() < 0.3
        ? 1 + poisson(level)
        : 0
      : Math.max(0, Math.round(level + level * 0.3 * random.normal()));
  return series;
});

if (monthly) {
  const timed = (label: string, forecast: (series: number[]) => unknown, which: (i: number) => boolean = () => true) => {
    const series = batch.filter((_, i) => which(i));
    const started = process.hrtime.bigint();
    let made = 0;
    for (const s of series) if (forecast(s)) made++;
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(
      `${label}: ${(ms / series.length).toFixed(2)} ms per series (${series.length} series of ${WEEKS} months, ${made} forecast)`,
    );
  };
  const service = (s: number[]) => forecastSeries(s, { ...settings, backtestHorizon: 12 }).selection;
  timed("the service's forecast (forecastSeries), all series", service);
  timed("the service's forecast, the intermittent half", service, (i) => i % 2 === 0);
  timed("the service's forecast, the smooth half", service, (i) => i % 2 === 1);
  // The costliest case: smooth with a season, where Holt-Winters additive is compared too.
  const seasonal = batch
    .filter((_, i) => i % 2 === 1)
    .map((s) => s.map((q, t) => Math.round(q * (1 + 0.4 * Math.sin((2 * Math.PI * t) / 12)))));
  {
    const started = process.hrtime.bigint();
    for (const s of seasonal) service(s);
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    console.log(
      `the service's forecast, the smooth half with a season of 12 months (x 1 + 0.4 sin): ${(ms / seasonal.length).toFixed(2)} ms per series`,
    );
  }
  timed('the combination alone, 8 origins x 12', (s) => selectMethod(s, [combination], settings));
  timed(`selection among ${FORECASTING_METHODS.length} methods (the service before issue 15), 8 origins x 12`, (s) =>
    selectMethod(s, FORECASTING_METHODS, settings),
  );
  process.exit(0);
}

const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
const before = process.memoryUsage();
let peakRss = before.rss;
let peakHeap = before.heapUsed;
let chosen = 0;
const started = process.hrtime.bigint();
for (let i = 0; i < SERIES; i++) {
  if (selectMethod(batch[i], FORECASTING_METHODS, settings)) chosen++;
  if (i % 1000 === 999) {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(
  `${SERIES} series of ${WEEKS} weeks, ${FORECASTING_METHODS.length} methods, ${settings.origins} origins x ${settings.horizon} weeks: ${chosen} forecast`,
);
console.log(`${seconds.toFixed(1)} s, ${(SERIES / seconds).toFixed(0)} series/s`);
console.log(
  `memory: resident ${mb(before.rss)} MB before (series held), peak ${mb(peakRss)} MB; heap ${mb(before.heapUsed)} MB before, peak ${mb(peakHeap)} MB`,
);
