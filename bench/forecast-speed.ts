/**
 * How fast @smi/forecasting forecasts a batch: 100,000 series of two years of
 * weekly history (half intermittent, half smooth, seeded), each through
 * method selection (every method, rolling-origin backtest on 6 origins, 4
 * weeks ahead) and its final forecast. Prints series per second and the
 * memory taken (resident set and heap, sampled after every 1,000 series).
 *
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-speed.ts [series]
 */
import { FORECASTING_METHODS, selectMethod } from '@smi/forecasting';
import { SeededRandom } from '@smi/replenishment-planning';

const SERIES = Number(process.argv[2] ?? 100_000);
const WEEKS = 104;
const settings = { seasonLength: 52, horizon: 4, origins: 6, leadTimePeriods: 2 };

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
