/**
 * What each forecasting method gives the buyer on the shelf: the carparts
 * parts replayed through the what-if simulator and the replenishment engine
 * under the service-level study's protocol (demand-history-replay.ts: order-up-to,
 * review every 30 days, 30 days of lead time, backorders, nothing on hand at
 * the start, 24 months of warm-up, 27 measured), at a 95% target, once as a
 * cycle service level and once as a fill rate. Each row is one way for the
 * engine to see demand at each review, from the months before only:
 * - each method of @smi/forecasting, and selection among them by backtest:
 *   expected demand per day = the next month's forecast / 30; the uncertainty is
 *   the method's own backtest error of demand over the protection interval
 *   (review period + lead time, two months: 6 origins), handed to the engine as
 *   leadTimeError so normal theory takes its σ from it;
 * - the engine today, for comparison: the mean and deviation of all months
 *   before, with the item's own history for intermittent and lumpy parts
 *   (bootstrap), or normal theory for every part.
 * Until a method can be backtested (9 months of history; Holt-Winters additive
 * 33) the engine plans from the past months' mean and deviation; the
 * "decisions by the method" column says how many measured reviews the method
 * itself drove. Holt-Winters multiplicative has no row: every carparts part has
 * months without demand, so it never forecasts.
 *
 * Prints a markdown table per target. Every second part by default (about
 * four minutes on the project's machine); `all` for every part.
 *
 *   node_modules/.bin/node -r @swc-node/register bench/forecast-inventory-outcome.ts [all] [path/to/carparts.csv]
 */
import type { ServiceLevelTarget } from '@smi/agreements';
import { FORECASTING_METHODS, selectMethod, type ForecastMethod } from '@smi/forecasting';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  groupOutcome,
  MIN_DEMANDS_FOR_PROMISE,
  parseCarparts,
  pastDemandOutlook,
  replayItems,
  STUDY_WARM_UP_MONTHS,
  type DemandOutlook,
  type DemandOutlookSource,
  type ItemOutcome,
  type StudyItem,
} from '@smi/replenishment-planning';

const TARGETS: ServiceLevelTarget[] = [
  { measure: 'cycle-service-level', target: 0.95 },
  { measure: 'fill-rate', target: 0.95 },
];
/** Review period + lead time of the study line, in months: what the stock ordered at a review must cover. */
const PROTECTION_MONTHS = 2;
/** The backtest each outlook's error comes from: 6 origins, each forecasting the protection interval. */
const BACKTEST = { seasonLength: 12, horizon: PROTECTION_MONTHS, origins: 6, leadTimePeriods: PROTECTION_MONTHS };
const SELECTED = 'selected by backtest RMSSE';

const args = process.argv.slice(2);
const everyPart = args[0] === 'all';
const file = (everyPart ? args[1] : args[0]) ?? path.resolve(__dirname, '../../shared/data/carparts.csv');
const observed = parseCarparts(readFileSync(file, 'utf8')).filter((item) => item.demand.length === 51);
const parts = everyPart ? observed : observed.filter((_, i) => i % 2 === 0);
const started = Date.now();

// Multiplicative Holt-Winters needs demand in every month, which no carparts part has.
const methods = FORECASTING_METHODS.filter((method) => method.name !== 'holt-winters-multiplicative');
const ways: { name: string; methods: readonly ForecastMethod[] }[] = [
  ...methods.map((method) => ({ name: method.name, methods: [method] })),
  { name: SELECTED, methods: FORECASTING_METHODS },
];

/** Reviews in the measured months, how many of them the method's own forecast drove, and which method that was. */
const decisions = new Map<string, { measured: number; byMethod: number; chosen: Map<string, number> }>();

/**
 * The engine's outlook from a method's (or the selection's) forecast and
 * backtest error. Each part's outlooks are kept by month, since both targets
 * replay the same months and the forecast does not depend on the target.
 */
function forecastOutlook(name: string, candidates: readonly ForecastMethod[]): (item: StudyItem) => DemandOutlookSource {
  const kept = new Map<string, DemandOutlook>();
  const counts = { measured: 0, byMethod: 0, chosen: new Map<string, number>() };
  decisions.set(name, counts);
  return (item) => (past, bucketDays) => {
    const key = `${item.id}@${past.length}`;
    const known = kept.get(key);
    if (known) return known;
    const selection = selectMethod(past, candidates, BACKTEST);
    // Counted once per part and month, on the first target's replay.
    if (past.length >= STUDY_WARM_UP_MONTHS) {
      counts.measured++;
      if (selection) {
        counts.byMethod++;
        counts.chosen.set(selection.chosen.method, (counts.chosen.get(selection.chosen.method) ?? 0) + 1);
      }
    }
    let outlook: DemandOutlook;
    if (!selection) {
      // Too short a history to backtest, or no demand yet to scale its errors: the months so far, as the engine has today.
      outlook = pastDemandOutlook(past, past.length, bucketDays, 'normal');
    } else {
      const overDays = BACKTEST.leadTimePeriods * bucketDays;
      const variance = selection.leadTimeErrorVariance;
      // A trend can forecast below zero; no demand is the least there can be.
      const nextMonth = Math.max(0, selection.forecast.forecast[0]);
      // stdDevPerDay is the same error per day, for any reader of the outlook that does not know leadTimeError.
      outlook = { perDay: nextMonth / bucketDays, stdDevPerDay: Math.sqrt(variance / overDays), leadTimeError: { variance, overDays } };
    }
    kept.set(key, outlook);
    return outlook;
  };
}

const outlooks = ways.map((way) => ({ name: way.name, outlookFor: forecastOutlook(way.name, way.methods) }));
/**
 * Parts with the demand history the engine needs to promise a level (safety-stock.ts): at least two months with
 * demand in the warm-up. Without it no method has anything to forecast from, and every row loses the same demand.
 */
const withHistory = (item: StudyItem) => item.demand.slice(0, STUDY_WARM_UP_MONTHS).filter((q) => q > 0).length >= MIN_DEMANDS_FOR_PROMISE;
const percent = (share: number) => (100 * share).toFixed(1);
console.log(
  `carparts: ${parts.length} of the ${observed.length} parts observed for all 51 months${everyPart ? '' : ' (every second one)'}, ${parts.filter(withHistory).length} of them ` +
    `with demand in at least ${MIN_DEMANDS_FOR_PROMISE} warm-up months; order-up-to, review and lead time 30 days, ${STUDY_WARM_UP_MONTHS} months of warm-up, ` +
    `${51 - STUDY_WARM_UP_MONTHS} measured; mean over parts (pooled fill rate: all met / all demand)`,
);
for (const target of TARGETS) {
  console.log(`\n## Target: ${target.measure === 'fill-rate' ? 'fill rate' : 'cycle service level'} ${percent(target.target)}%\n`);
  console.log(
    `| demand seen by the engine | measured reviews the method drove | CSL % | fill rate % | pooled fill rate % | average on hand | with history: CSL % | fill rate % | average on hand |`,
  );
  console.log('|---|---|---|---|---|---|---|---|---|');
  const row = (name: string, drove: string, outcomes: ItemOutcome[]) => {
    const all = groupOutcome(
      'intermittent + lumpy',
      outcomes.map((o) => o.result),
    );
    const some = groupOutcome(
      'intermittent + lumpy',
      outcomes.filter((o) => withHistory(o.item)).map((o) => o.result),
    );
    const cells = [
      percent(all.cycleServiceLevel),
      percent(all.fillRate),
      percent(all.pooledFillRate),
      all.averageOnHand.toFixed(3),
      percent(some.cycleServiceLevel),
      percent(some.fillRate),
      some.averageOnHand.toFixed(3),
    ];
    console.log(`| ${name} | ${drove} | ${cells.join(' | ')} |`);
  };
  row('engine today: past months, bootstrap for intermittent and lumpy', '-', replayItems(parts, target, 'by-demand-class'));
  row('past months, normal theory for every part', '-', replayItems(parts, target, 'normal'));
  for (const { name, outlookFor } of outlooks) {
    const outcomes = replayItems(parts, target, 'normal', outlookFor);
    const counts = decisions.get(name)!;
    row(name, `${percent(counts.byMethod / counts.measured)}%`, outcomes);
  }
}
const choices = [...decisions.get(SELECTED)!.chosen].sort((a, b) => b[1] - a[1]);
console.log(
  `\nselection's choice at the measured reviews: ${choices.map(([method, n]) => `${method} ${n}`).join(', ')}. ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);
