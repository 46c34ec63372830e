/**
 * Does the engine keep the service level it promises, on all demand as well as
 * per item, and at what stock? Each item is replayed through the what-if
 * simulator and the replenishment engine: monthly review, a month of lead
 * time, order-up-to, nothing on hand at the start, the first 39 months to plan
 * from and the last 12 measured, once with unmet demand lost and once owed
 * (backorders), at fill-rate targets of 90, 95, 98 and 99.5%.
 *
 * At each review the engine sees what the services give it: the forecasting
 * service's forecast of the next month by its own rule (forecastSeries, from
 * the months before only) as the level, the item's own history,
 * and the sizes of the other items' demands so far, each over its item's mean
 * size (similarSizes). Prints per target: the promise (mean over items, and
 * weighted by each item's measured demand), the fill rate reached (mean over
 * items, and pooled: all met over all demand), the average on hand; then the
 * stock each way needs for a 95% pooled fill rate, beside a plain order-up-to
 * policy S = 2f + kσ√2 driven by the mean of ADIDA and SES (σ from SES's
 * in-sample one-step errors) over a range of k.
 *
 * Data: carparts (the 2,509 parts observed for all 51 months), and synthetic
 * intermittent series of known process (compound Bernoulli and Poisson, with
 * lognormal and Pareto sizes, 400 items each).
 *
 *   node_modules/.bin/node -r @swc-node/register bench/planning-promise.ts [every-nth] [path/to/carparts.csv] [set]
 *
 * every-nth (default 1) replays every nth item only, and set (a part of a set's
 * name, e.g. carparts) only the sets it names, for a quicker look.
 */
import { FORECASTING_METHODS } from '@smi/forecasting';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  parseCarparts,
  replayItems,
  serviceOutlooks,
  syntheticIntermittentItems,
  type StudyItem,
  type UnmetDemand,
  type WhatIfResult,
} from '@smi/replenishment-planning';

const MEASURED_MONTHS = 12;
const TARGETS = [0.9, 0.95, 0.98, 0.995];
const MODES: UnmetDemand[] = ['lost', 'backorder'];

const every = Number(process.argv[2] ?? 1);
const file = process.argv[3] ?? path.resolve(__dirname, '../../shared/data/carparts.csv');
const only = process.argv[4] ?? '';
const pick = (items: StudyItem[]) => items.filter((_, i) => i % every === 0);
const allSets: { name: string; items: StudyItem[] }[] = [
  { name: 'carparts', items: pick(parseCarparts(readFileSync(file, 'utf8')).filter((item) => item.demand.length === 51)) },
  {
    name: 'Bernoulli, lognormal sizes',
    items: pick(syntheticIntermittentItems(400, 51, 11, { arrivals: 'bernoulli', sizes: 'lognormal' })),
  },
  { name: 'Poisson, Pareto sizes', items: pick(syntheticIntermittentItems(400, 51, 12, { arrivals: 'poisson', sizes: 'pareto' })) },
];
const sets = allSets.filter((set) => set.name.includes(only));

const adida = FORECASTING_METHODS.find((m) => m.name === 'adida')!;
const ses = FORECASTING_METHODS.find((m) => m.name === 'simple-exponential-smoothing')!;
/** The plain policy's forecast: the mean of ADIDA and SES, and σ from SES's in-sample one-step errors. */
function adidaSesOf(past: readonly number[]): { level: number; sigma: number } {
  const settings = { seasonLength: 12 };
  const fromAdida = adida.forecast(past, 1, settings)?.forecast[0] ?? 0;
  const smoothed = ses.forecast(past, 1, settings);
  const alpha = smoothed?.parameters.alpha ?? 0.1;
  let level = past[0] ?? 0;
  let squares = 0;
  for (let i = 1; i < past.length; i++) {
    const error = past[i] - level;
    squares += error * error;
    level += alpha * error;
  }
  return { level: (fromAdida + (smoothed?.forecast[0] ?? 0)) / 2, sigma: Math.sqrt(squares / Math.max(1, past.length - 1)) };
}

interface Row {
  promisedPerItem: number;
  promisedWeighted: number;
  reachedPerItem: number;
  reachedPooled: number;
  onHand: number;
}

function summarize(results: readonly WhatIfResult[]): Row {
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / Math.max(1, values.length);
  const withDemand = results.filter((r) => r.fillRate !== null);
  const promised = results.filter((r) => r.promisedServiceLevel !== null);
  return {
    promisedPerItem: mean(promised.map((r) => r.promisedServiceLevel!)),
    promisedWeighted:
      promised.reduce((sum, r) => sum + r.promisedServiceLevel! * r.demand, 0) / promised.reduce((sum, r) => sum + r.demand, 0),
    reachedPerItem: mean(withDemand.map((r) => r.fillRate!)),
    reachedPooled: withDemand.reduce((sum, r) => sum + r.metFromStock, 0) / withDemand.reduce((sum, r) => sum + r.demand, 0),
    onHand: mean(results.map((r) => r.averageOnHand)),
  };
}

function replayEngine(
  items: StudyItem[],
  target: number,
  unmetDemand: UnmetDemand,
  outlooks: ReturnType<typeof serviceOutlooks>,
): WhatIfResult[] {
  const outcomes = replayItems(items, { measure: 'fill-rate', target }, 'by-demand-class', outlooks, {
    measuredMonths: MEASURED_MONTHS,
    unmetDemand,
  });
  return outcomes.map((outcome) => outcome.result);
}

/** The plain policy: order up to S = 2f + kσ√2 each month, the same protocol. */
function replayPlain(items: StudyItem[], k: number, unmetDemand: UnmetDemand): Row {
  let demand = 0;
  let met = 0;
  let onHandSum = 0;
  let fillSum = 0;
  let withDemand = 0;
  for (const item of items) {
    const d = item.demand;
    const from = d.length - MEASURED_MONTHS;
    let onHand = 0;
    let owed = 0;
    let due = 0;
    let itemDemand = 0;
    let itemMet = 0;
    for (let t = 0; t < d.length; t++) {
      onHand += due;
      const served = Math.min(owed, onHand);
      owed -= served;
      onHand -= served;
      const { level, sigma } = t >= 2 ? adidaSesOf(d.slice(0, t)) : { level: 0, sigma: 0 };
      due = Math.max(0, Math.ceil(2 * level + k * sigma * Math.SQRT2 - 1e-9) - (onHand - owed));
      const fromStock = Math.min(d[t], onHand);
      onHand -= fromStock;
      if (unmetDemand === 'backorder') owed += d[t] - fromStock;
      if (t >= from) {
        itemDemand += d[t];
        itemMet += fromStock;
        onHandSum += onHand / MEASURED_MONTHS;
      }
    }
    demand += itemDemand;
    met += itemMet;
    if (itemDemand > 0) {
      fillSum += itemMet / itemDemand;
      withDemand++;
    }
  }
  return {
    promisedPerItem: NaN,
    promisedWeighted: NaN,
    reachedPerItem: fillSum / withDemand,
    reachedPooled: met / demand,
    onHand: onHandSum / items.length,
  };
}

/** Average on hand where pooled fill reaches 95%, by straight lines between the rows around it. */
function stockFor95(rows: readonly Row[]): string {
  const sorted = [...rows].sort((a, b) => a.reachedPooled - b.reachedPooled);
  for (let i = 1; i < sorted.length; i++) {
    const [a, b] = [sorted[i - 1], sorted[i]];
    if (a.reachedPooled <= 0.95 && b.reachedPooled >= 0.95) {
      const share = (0.95 - a.reachedPooled) / (b.reachedPooled - a.reachedPooled || 1);
      return (a.onHand + share * (b.onHand - a.onHand)).toFixed(2);
    }
  }
  return 'not reached';
}

const percent = (share: number) => (Number.isNaN(share) ? '-' : (100 * share).toFixed(1));
const started = Date.now();
for (const set of sets) {
  const outlooks = serviceOutlooks(set.items);
  console.log(`\n### ${set.name}: ${set.items.length} items, ${set.items[0].demand.length} months, last ${MEASURED_MONTHS} measured\n`);
  for (const unmetDemand of MODES) {
    console.log(`\nUnmet demand ${unmetDemand === 'lost' ? 'lost' : 'owed (backorders)'}:\n`);
    console.log(
      '| fill-rate target | promised, mean over items % | promised, demand-weighted % | reached, mean over items % | reached, pooled % | pooled − promised | average on hand |',
    );
    console.log('|---|---|---|---|---|---|---|');
    const engineRows = TARGETS.map((target) => {
      const row = summarize(replayEngine(set.items, target, unmetDemand, outlooks));
      const cells = [row.promisedPerItem, row.promisedWeighted, row.reachedPerItem, row.reachedPooled].map(percent);
      const gap = (100 * (row.reachedPooled - row.promisedWeighted)).toFixed(1);
      console.log(`| ${percent(target)} | ${cells.join(' | ')} | ${gap} | ${row.onHand.toFixed(2)} |`);
      return row;
    });
    const plainRows = [1, 1.5, 2, 2.5, 3, 3.5, 4].map((k) => ({ k, row: replayPlain(set.items, k, unmetDemand) }));
    console.log(
      `\nplain order-up-to (ADIDA+SES), k: ${plainRows.map(({ k, row }) => `${k} → ${percent(row.reachedPooled)}% pooled at ${row.onHand.toFixed(2)}`).join('; ')}`,
    );
    console.log(
      `stock for 95% pooled fill: engine ${stockFor95(engineRows)}, plain order-up-to ${stockFor95(plainRows.map((p) => p.row))} (${((Date.now() - started) / 1000).toFixed(0)} s so far)`,
    );
  }
}
