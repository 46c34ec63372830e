/**
 * Issue 15: which forecast the forecasting service should run, above all on
 * intermittent and lumpy demand, where choosing a method per series by its own
 * backtest is noisy. Protocol (as the issue's table): each series' last 12
 * periods held out, one origin, horizon 12, RMSE per series, mean over series;
 * a method with nothing to work from (no demand yet) forecasts 0.
 *
 * Data: carparts (2,509 parts with 51 months), seeded synthetic series of
 * known process (1,000 per set, 84 months unless said): compound Bernoulli (a
 * demand in a period with probability p) and compound Poisson (a Poisson
 * number of orders per period) with lognormal or Pareto sizes; and 300 smooth
 * Poisson series each of a level, a trend and a season.
 *
 * Compared: every single method; combinations (mean or median of a few
 * robust methods); selection per series by backtest RMSSE (8 origins, as the
 * service did); the service's forecast (forecastSeries, with its level floor);
 * pooled choices made at a training origin a year before the held-out one and
 * scored on the held-out year only: per demand class the candidate with the
 * least mean RMSE over the class's series, and a least-squares factor on the
 * level per class (shrinkage toward zero); with --shrink also the factor per
 * class from a grid 0.5..1.5 that minimises the mean RMSE itself; with
 * --one-ahead (carparts only) selection backtested 1 period ahead, the old
 * horizon for a one-month lead time.
 *
 *   node -r @swc-node/register bench/forecast-combinations.ts [path/to/carparts.csv] [--no-selection] [--one-ahead] [--shrink] [--set=<name prefix>]
 */
import { FORECASTING_METHODS, classifyDemand, demandFloors, forecastSeries, selectMethod } from '@smi/forecasting';
import { SeededRandom, parseCarparts } from '@smi/replenishment-planning';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const HOLD_OUT = 12;
const args = process.argv.slice(2);
const file = args.find((a) => a.endsWith('.csv')) ?? path.resolve(__dirname, '../../shared/data/carparts.csv');
const withSelection = !args.includes('--no-selection');
const withOneAhead = args.includes('--one-ahead');
const onlySet = args.find((a) => a.startsWith('--set='))?.slice(6);
const settings = { seasonLength: 12 };

const mean = (v: readonly number[]) => v.reduce((s, x) => s + x, 0) / v.length;
const median = (v: readonly number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const rmse = (f: readonly number[], a: readonly number[]) => Math.sqrt(mean(a.map((x, i) => (x - f[i]) ** 2)));
const zeros = () => Array.from({ length: HOLD_OUT }, () => 0);

// ---- synthetic series of known process ----
interface DataSet {
  name: string;
  series: number[][];
}
function synthetic(name: string, seed: number, periods: number, count: number, demandIn: (r: SeededRandom) => number): DataSet {
  const random = new SeededRandom(seed);
  return { name, series: Array.from({ length: count }, () => Array.from({ length: periods }, () => demandIn(random))) };
}
const lognormal = (mu: number, sigma: number) => (r: SeededRandom) => Math.max(1, Math.round(Math.exp(mu + sigma * r.normal())));
/** Pareto of minimum 1 and tail index `shape`, rounded to whole units. */
const pareto = (shape: number) => (r: SeededRandom) => Math.round((1 - r.next()) ** (-1 / shape));
const bernoulli = (p: number, size: (r: SeededRandom) => number) => (r: SeededRandom) => (r.next() < p ? size(r) : 0);
const poisson = (rate: number, size: (r: SeededRandom) => number) => (r: SeededRandom) => {
  let orders = 0;
  for (let u = r.next(); u > Math.exp(-rate); u *= r.next()) orders++;
  let demand = 0;
  for (let i = 0; i < orders; i++) demand += size(r);
  return demand;
};
const SYNTHETIC: DataSet[] = [
  synthetic('Bernoulli p=0.3, lognormal(1, 0.7)', 101, 84, 1000, bernoulli(0.3, lognormal(1, 0.7))),
  synthetic('Bernoulli p=0.1, lognormal(1, 1.0)', 102, 84, 1000, bernoulli(0.1, lognormal(1, 1.0))),
  synthetic('Bernoulli p=0.2, Pareto 2.0', 103, 84, 1000, bernoulli(0.2, pareto(2.0))),
  synthetic('Bernoulli p=0.05, Pareto 1.5', 104, 84, 1000, bernoulli(0.05, pareto(1.5))),
  synthetic('Poisson 0.5, lognormal(1, 0.7)', 105, 84, 1000, poisson(0.5, lognormal(1, 0.7))),
  synthetic('Poisson 0.15, Pareto 1.5', 106, 84, 1000, poisson(0.15, pareto(1.5))),
  synthetic('Poisson 1.5, lognormal(0.5, 0.5)', 107, 51, 1000, poisson(1.5, lognormal(0.5, 0.5))),
  // Smooth series, where a method per series might still earn its place: level, trend, season.
  seasonal('smooth: Poisson mean 20', 108, () => 20),
  seasonal('smooth: Poisson mean 10 + 0.2 a month', 109, (t) => 10 + 0.2 * t),
  seasonal('smooth: Poisson mean 20 x (1 + 0.4 sin), season 12', 110, (t) => 20 * (1 + 0.4 * Math.sin((2 * Math.PI * t) / 12))),
];
function seasonal(name: string, seed: number, meanAt: (t: number) => number): DataSet {
  const random = new SeededRandom(seed);
  const count = (m: number) => {
    let k = 0;
    for (let u = random.next(); u > Math.exp(-m); u *= random.next()) k++;
    return k;
  };
  return { name, series: Array.from({ length: 300 }, () => Array.from({ length: 84 }, (_, t) => count(meanAt(t)))) };
}

// ---- what is compared ----
const byName = new Map(FORECASTING_METHODS.map((m) => [m.name as string, m] as const));
const SINGLES = [...byName.keys()].filter((n) => n !== 'holt-winters-multiplicative');
const COMBINATIONS: { name: string; members: string[]; how: (v: number[]) => number }[] = [
  { name: 'median(ses, adida, tsb)', members: ['simple-exponential-smoothing', 'adida', 'tsb'], how: median },
  { name: 'mean(ses, adida, tsb)', members: ['simple-exponential-smoothing', 'adida', 'tsb'], how: mean },
  { name: 'mean(adida, imapa)', members: ['adida', 'imapa'], how: mean },
  { name: 'mean(ses, adida, tsb, imapa)', members: ['simple-exponential-smoothing', 'adida', 'tsb', 'imapa'], how: mean },
  { name: 'median(ses, adida, tsb, imapa)', members: ['simple-exponential-smoothing', 'adida', 'tsb', 'imapa'], how: median },
  { name: 'median(ses, adida, tsb, imapa, sba)', members: ['simple-exponential-smoothing', 'adida', 'tsb', 'imapa', 'sba'], how: median },
  { name: 'mean(ses, tsb, imapa)', members: ['simple-exponential-smoothing', 'tsb', 'imapa'], how: mean },
  { name: 'median(ses, tsb, imapa)', members: ['simple-exponential-smoothing', 'tsb', 'imapa'], how: median },
  { name: 'mean(tsb, imapa)', members: ['tsb', 'imapa'], how: mean },
  { name: 'mean(ses, sba, adida, tsb, imapa)', members: ['simple-exponential-smoothing', 'sba', 'adida', 'tsb', 'imapa'], how: mean },
  { name: 'median(ses, sba, adida)', members: ['simple-exponential-smoothing', 'sba', 'adida'], how: median },
  { name: 'mean(sba, adida, imapa)', members: ['sba', 'adida', 'imapa'], how: mean },
  { name: 'mean(ses, sba, imapa)', members: ['simple-exponential-smoothing', 'sba', 'imapa'], how: mean },
];

type Forecasts = Record<string, number[]>;
function forecastsFrom(history: number[]): Forecasts {
  const f: Forecasts = { zero: zeros() };
  for (const name of SINGLES) f[name] = byName.get(name)!.forecast(history, HOLD_OUT, settings)?.forecast ?? zeros();
  for (const c of COMBINATIONS) f[c.name] = Array.from({ length: HOLD_OUT }, (_, i) => c.how(c.members.map((m) => f[m][i])));
  return f;
}
const classOf = (history: readonly number[]) => classifyDemand(history)?.demandClass ?? 'no demand';

interface Scored {
  cls: string;
  trainClass: string;
  train: Record<string, number>; // RMSE at the training origin per candidate
  test: Record<string, number>; // RMSE on the held-out year
  trainForecasts: Forecasts;
  trainActual: number[];
  testForecasts: Forecasts;
  actual: number[];
}

function evaluate(set: DataSet) {
  const started = Date.now();
  const rows: Scored[] = [];
  const picks = new Map<string, number>();
  const selectionRmse: number[] = [];
  const serviceRmse: number[] = [];
  const zeroDeviation = { backtest: 0, floored: 0, floorDecides: 0 };
  const deviations = { backtest: 0, published: 0, realised: 0, n: 0 };

  const servicePicks = new Map<string, number>();
  const oneAheadRmse: number[] = [];
  for (const series of set.series) {
    const n = series.length;
    const trainHistory = series.slice(0, n - 2 * HOLD_OUT);
    const trainActual = series.slice(n - 2 * HOLD_OUT, n - HOLD_OUT);
    const history = series.slice(0, n - HOLD_OUT);
    const actual = series.slice(n - HOLD_OUT);
    const trainF = forecastsFrom(trainHistory);
    const testF = forecastsFrom(history);
    const score = (f: Forecasts, a: number[]) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, rmse(v, a)]));
    rows.push({
      cls: classOf(history),
      trainClass: classOf(trainHistory),
      train: score(trainF, trainActual),
      test: score(testF, actual),
      trainForecasts: trainF,
      trainActual,
      testForecasts: testF,
      actual,
    });
    // What the forecasting service publishes (demand-forecast.ts): the rule's forecast, unscored without a backtest, never below the level floor.
    const service = forecastSeries(history, {
      seasonLength: 12,
      horizon: HOLD_OUT,
      backtestHorizon: HOLD_OUT,
      origins: 8,
      leadTimePeriods: 1,
    });
    const made = service.selection?.forecast ?? service.unscored;
    const servicePick = service.selection?.chosen.method ?? (made ? `${made.method} (unscored)` : 'none (0)');
    servicePicks.set(servicePick, (servicePicks.get(servicePick) ?? 0) + 1);
    const floors = demandFloors(history);
    const floor = floors?.level ?? 0;
    // A deviation of 0 published (1-month lead time): from the backtest alone, as before, and with the floor.
    const backtestDeviation = service.selection ? Math.sqrt(service.selection.leadTimeErrorVariance) : undefined;
    if (backtestDeviation !== undefined && backtestDeviation < 1e-9) zeroDeviation.backtest++;
    if (backtestDeviation !== undefined && Math.max(backtestDeviation, floors?.deviation ?? 0) < 1e-9) zeroDeviation.floored++;
    if (backtestDeviation !== undefined && backtestDeviation < (floors?.deviation ?? 0)) zeroDeviation.floorDecides++;
    if (backtestDeviation !== undefined && made) {
      // Calibration: the deviation published against the RMSE the held-out year gave (root of the pooled mean square).
      deviations.backtest += backtestDeviation ** 2;
      deviations.published += Math.max(backtestDeviation, floors?.deviation ?? 0) ** 2;
      deviations.realised +=
        rmse(
          made.forecast.map((q) => Math.max(floor, q)),
          actual,
        ) ** 2;
      deviations.n++;
    }
    serviceRmse.push(rmse(made ? made.forecast.map((q) => Math.max(floor, q)) : zeros(), actual));
    if (withOneAhead && set.name === 'carparts') {
      // The service's old horizon rule for a one-month lead time: every method backtested 1 period ahead.
      const oneAhead = selectMethod(history, FORECASTING_METHODS, { seasonLength: 12, horizon: 1, origins: 8, leadTimePeriods: 1 });
      oneAheadRmse.push(
        rmse(oneAhead ? Array.from({ length: HOLD_OUT }, () => Math.max(0, oneAhead.forecast.forecast[0])) : zeros(), actual),
      );
    }
    if (withSelection) {
      const selection = selectMethod(history, FORECASTING_METHODS, { seasonLength: 12, horizon: HOLD_OUT, origins: 8, leadTimePeriods: 1 });
      const pick = selection?.chosen.method ?? 'none (0)';
      picks.set(pick, (picks.get(pick) ?? 0) + 1);
      selectionRmse.push(rmse(selection?.forecast.forecast ?? zeros(), actual));
    }
  }
  const candidates = Object.keys(rows[0].test);
  const table = new Map<string, number>();
  for (const c of candidates) table.set(c, mean(rows.map((r) => r.test[c])));
  if (withSelection) table.set('selection per series (backtest RMSSE, 8 origins)', mean(selectionRmse));
  table.set("the service's forecast (forecastRule: combination; smooth: median of the 3 best)", mean(serviceRmse));
  if (withOneAhead && set.name === 'carparts')
    table.set('selection per series, backtest 1 period ahead (the old horizon for a one-month lead time)', mean(oneAheadRmse));

  // Pooled per class: the candidate with the least mean RMSE over the class's series at the training origin.
  const classes = [...new Set(rows.map((r) => r.trainClass))];
  const pooledPick = new Map<string, string>();
  for (const cls of classes) {
    const members = rows.filter((r) => r.trainClass === cls);
    const best = candidates
      .filter((c) => c !== 'zero')
      .map((c) => [c, mean(members.map((r) => r.train[c]))] as const)
      .sort((a, b) => a[1] - b[1])[0];
    pooledPick.set(cls, best[0]);
  }
  const fallback = 'median(ses, adida, tsb, imapa)';
  table.set('pooled per class (chosen at the training origin)', mean(rows.map((r) => r.test[pooledPick.get(r.cls) ?? fallback])));
  // Shrinkage of the level toward zero: one factor per class, chosen at the training origin, applied to a base combination.
  const shrink = (base: string) => {
    const factors = new Map<string, number>();
    const grid = Array.from({ length: 21 }, (_, i) => 0.5 + i * 0.05);
    for (const cls of classes) {
      const members = rows.filter((r) => r.trainClass === cls);
      let bestFactor = 1;
      let bestScore = Infinity;
      for (const lambda of grid) {
        const score = mean(
          members.map((r) =>
            rmse(
              r.trainForecasts[base].map((v) => lambda * v),
              r.trainActual,
            ),
          ),
        );
        if (score < bestScore) [bestScore, bestFactor] = [score, lambda];
      }
      factors.set(cls, bestFactor);
    }
    table.set(
      `${base} x factor per class (chosen at the training origin: ${[...factors].map(([c, f]) => `${c} ${f.toFixed(2)}`).join(', ')})`,
      mean(
        rows.map((r) =>
          rmse(
            r.testForecasts[base].map((v) => (factors.get(r.cls) ?? 1) * v),
            r.actual,
          ),
        ),
      ),
    );
  };
  if (args.includes('--shrink')) shrink(fallback);
  // Least-squares calibration of the level per class at the training origin: λ = Σ a·f / Σ f² (the best factor for squared error pooled over the class).
  const calibrate = (base: string) => {
    const factors = new Map<string, number>();
    for (const cls of classes) {
      let af = 0;
      let ff = 0;
      for (const r of rows.filter((x) => x.trainClass === cls))
        r.trainForecasts[base].forEach((f, i) => ((af += r.trainActual[i] * f), (ff += f * f)));
      factors.set(cls, ff > 0 ? Math.min(1, af / ff) : 1);
    }
    table.set(
      `${base} x least-squares factor per class (training origin: ${[...factors].map(([c, f]) => `${c} ${f.toFixed(2)}`).join(', ')})`,
      mean(
        rows.map((r) =>
          rmse(
            r.testForecasts[base].map((v) => (factors.get(r.cls) ?? 1) * v),
            r.actual,
          ),
        ),
      ),
    );
  };
  calibrate(fallback);
  calibrate('median(ses, adida, tsb, imapa, sba)');

  const seconds = (Date.now() - started) / 1000;
  const classCounts = Object.entries(rows.reduce<Record<string, number>>((c, r) => ({ ...c, [r.cls]: (c[r.cls] ?? 0) + 1 }), {}));
  console.log(`\n### ${set.name}: ${set.series.length} series of ${set.series[0].length} periods (${seconds.toFixed(0)} s)`);
  console.log(`classes at the held-out origin: ${classCounts.map(([c, k]) => `${c} ${k}`).join(', ')}`);
  console.log(`pooled per class picks: ${[...pooledPick].map(([c, p]) => `${c} → ${p}`).join('; ')}`);
  console.log(
    `the service's deviation (1-month lead time) at 0: ${zeroDeviation.backtest} series from the backtest alone, ${zeroDeviation.floored} with the floor; the floor above the backtest's for ${zeroDeviation.floorDecides}; root mean square over series: backtest's ${Math.sqrt(deviations.backtest / deviations.n).toFixed(3)}, published ${Math.sqrt(deviations.published / deviations.n).toFixed(3)}, the held-out year's error ${Math.sqrt(deviations.realised / deviations.n).toFixed(3)}`,
  );
  console.log(
    `the service's forecast: ${[...servicePicks]
      .sort((a, b) => b[1] - a[1])
      .map(([p, k]) => `${p} ${k}`)
      .join(', ')}`,
  );
  if (withSelection)
    console.log(
      `selection picks: ${[...picks]
        .sort((a, b) => b[1] - a[1])
        .map(([p, k]) => `${p} ${k}`)
        .join(', ')}`,
    );
  console.log('\n| forecast | mean RMSE |\n|---|---|');
  for (const [name, value] of [...table].sort((a, b) => a[1] - b[1])) console.log(`| ${name} | ${value.toFixed(4)} |`);
  const bestSingle = SINGLES.map((s) => [s, table.get(s)!] as const).sort((a, b) => a[1] - b[1])[0];
  console.log(`best single method: ${bestSingle[0]} ${bestSingle[1].toFixed(4)}`);
}

const carparts: DataSet = {
  name: 'carparts',
  series: parseCarparts(readFileSync(file, 'utf8'))
    .filter((i) => i.demand.length === 51)
    .map((i) => i.demand),
};
for (const set of [carparts, ...SYNTHETIC]) if (!onlySet || set.name.startsWith(onlySet)) evaluate(set);
