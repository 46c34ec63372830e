/**
 * Which service level the replenishment engine reaches on real intermittent
 * demand: the 2,509 carparts parts observed for all 51 months, replayed through
 * the what-if simulator under the study protocol (monthly review, a month of
 * lead time, order-up-to, backorders, 24 months of warm-up; see
 * libs/replenishment-planning/src/replay/demand-history-replay.ts), plus 100
 * synthetic smooth series of 20 years. Prints markdown tables:
 *
 * 1. per target and group: the engine by demand class (bootstrap for
 *    intermittent and lumpy, normal theory for smooth) against normal theory
 *    for every item: cycle service level, fill rate (mean over items and
 *    pooled), average on hand, and the level the engine promised; the
 *    engine's rows again over the items it promised a level for throughout;
 * 2. the fill-rate shortfall split by whether a part's demand rose after the
 *    warm-up;
 * 3. the ways to resample the history (lead-time-demand.ts, Resampling), each
 *    replayed as textbook (R,S): S at review t is the level from months 0..t-1,
 *    the order arrives at t+1, the cycle of month t+1 runs short when net stock
 *    ends it below zero. It differs from the simulator's replay of the engine
 *    only in the first year, where the engine falls back to normal theory and
 *    this replay orders nothing; both are printed for the engine's way.
 *
 *   node_modules/.bin/node -r @swc-node/register bench/service-level-carparts.ts [path/to/carparts.csv]
 */
import type { ServiceLevelTarget } from '@smi/agreements';
import { classifyDemand } from '@smi/forecasting';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  ENGINE_RESAMPLING,
  groupOutcome,
  leadTimeDemandQuantile,
  levelForFillRate,
  outcomesByGroup,
  parseCarparts,
  promisedThroughout,
  replayItems,
  RESAMPLINGS,
  roseAfterWarmUp,
  STUDY_WARM_UP_MONTHS,
  syntheticSmoothItems,
  type GroupOutcome,
  type ItemOutcome,
  type Resampling,
} from '@smi/replenishment-planning';

const TARGETS: ServiceLevelTarget[] = [
  { measure: 'cycle-service-level', target: 0.9 },
  { measure: 'cycle-service-level', target: 0.95 },
  { measure: 'cycle-service-level', target: 0.977 },
  { measure: 'cycle-service-level', target: 0.99 },
  { measure: 'fill-rate', target: 0.9 },
  { measure: 'fill-rate', target: 0.95 },
];
const GROUPS = ['smooth', 'intermittent', 'lumpy', 'intermittent + lumpy'];

const file = process.argv[2] ?? path.resolve(__dirname, '../../shared/data/carparts.csv');
const parts = parseCarparts(readFileSync(file, 'utf8')).filter((item) => item.demand.length === 51);
const smooth = syntheticSmoothItems(100, 240, 1);
const started = Date.now();

const percent = (share: number) => (100 * share).toFixed(1);
const label = (target: ServiceLevelTarget) => `${target.measure === 'fill-rate' ? 'fill rate' : 'CSL'} ${percent(target.target)}%`;
const reachedOf = (g: GroupOutcome, target: ServiceLevelTarget) => (target.measure === 'fill-rate' ? g.fillRate : g.cycleServiceLevel);

// Runs of demand: how often a month with demand follows one with demand, and one without (all parts' months pooled).
const follows = { afterDemand: [0, 0], afterNone: [0, 0] };
for (const { demand } of parts) {
  for (let t = 1; t < demand.length; t++) (demand[t - 1] > 0 ? follows.afterDemand : follows.afterNone)[demand[t] > 0 ? 1 : 0]++;
}
const share = ([none, some]: number[]) => percent(some / (none + some));
console.log(
  `carparts: ${parts.length} parts with 51 months (${path.relative(process.cwd(), file)}); smooth: ${smooth.length} synthetic series of 240 months`,
);
console.log(
  `a month with demand follows a month with demand ${share(follows.afterDemand)}% of the time, one without ${share(follows.afterNone)}%\n`,
);
console.log('## Engine by demand class vs normal theory for every item (mean over items; pooled = all met / all demand)\n');
console.log(
  '| target | group | items | method | CSL % | fill rate % | pooled fill rate % | average on hand | reached − target, points | promised % | reached − promised, points |',
);
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
const fillRate95: Record<string, ItemOutcome[]> = {};
let engineCsl95: GroupOutcome[] = [];
for (const target of TARGETS) {
  for (const distribution of ['by-demand-class', 'normal'] as const) {
    const outcomes = [...replayItems(parts, target, distribution), ...replayItems(smooth, target, distribution)];
    if (target.measure === 'fill-rate' && target.target === 0.95) fillRate95[distribution] = outcomes;
    const groups = outcomesByGroup(outcomes);
    if (target.measure === 'cycle-service-level' && target.target === 0.95 && distribution === 'by-demand-class') engineCsl95 = groups;
    // The engine's own way also over the items it promised a level for at every measured review.
    const subsets =
      distribution === 'normal'
        ? ([['', groups]] as const)
        : ([
            ['', groups],
            [', promised', outcomesByGroup(outcomes.filter(promisedThroughout))],
          ] as const);
    for (const name of GROUPS) {
      for (const [subset, of] of subsets) {
        const g = of.find((candidate) => candidate.group === name);
        if (!g) continue;
        const method = (distribution === 'normal' ? 'normal' : name === 'smooth' ? 'normal (smooth)' : 'bootstrap') + subset;
        const points = (share: number) => (100 * share).toFixed(1);
        const promised =
          g.promisedServiceLevel === null
            ? ['-', '-']
            : [percent(g.promisedServiceLevel), points(reachedOf(g, target) - g.promisedServiceLevel)];
        console.log(
          `| ${label(target)} | ${name} | ${g.items} | ${method} | ${percent(g.cycleServiceLevel)} | ${percent(g.fillRate)} | ${percent(g.pooledFillRate)} | ${g.averageOnHand.toFixed(2)} | ${points(reachedOf(g, target) - target.target)} | ${promised.join(' | ')} |`,
        );
      }
    }
  }
}

console.log(
  '\n## Fill rate 95%, intermittent + lumpy parts, by whether demand rose after the warm-up (mean of months 25-51 above months 1-24)\n',
);
console.log('| method | parts | demand | fill rate % | pooled fill rate % | CSL % | average on hand |');
console.log('|---|---|---|---|---|---|---|');
const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
for (const [distribution, outcomes] of Object.entries(fillRate95)) {
  const intermittent = outcomes.filter((o) => o.demandClass === 'intermittent' || o.demandClass === 'lumpy');
  for (const [name, members] of [
    ['rose', intermittent.filter((o) => roseAfterWarmUp(o.item))],
    ['held or fell', intermittent.filter((o) => !roseAfterWarmUp(o.item))],
  ] as const) {
    const g = groupOutcome(
      'intermittent + lumpy',
      members.map((o) => o.result),
    );
    console.log(
      `| ${distribution === 'normal' ? 'normal' : 'bootstrap'} | ${g.items} | ${name} | ${percent(g.fillRate)} | ${percent(g.pooledFillRate)} | ${percent(g.cycleServiceLevel)} | ${g.averageOnHand.toFixed(2)} |`,
    );
  }
}

console.log('\n## Ways to resample the history, textbook (R,S) replay of the carparts parts (mean over parts)\n');
console.log('| target | resampling | intermittent % | lumpy % | intermittent + lumpy % | average on hand |');
console.log('|---|---|---|---|---|---|');
const classes = parts.map((item) => classifyDemand(item.demand)?.demandClass);
for (const target of TARGETS.filter((t) => [0.95, 0.977].includes(t.target) || t.measure === 'fill-rate')) {
  for (const resampling of RESAMPLINGS) {
    const replays = parts.map((item) => textbookReplay(item.demand, target, resampling));
    // As the study: a part without demand in the measured months has no fill rate.
    const reached = (keep: (i: number) => boolean) =>
      mean(
        replays
          .filter((r, i) => keep(i) && (target.measure === 'cycle-service-level' || r.fillRate !== undefined))
          .map((r) => (target.measure === 'fill-rate' ? r.fillRate! : r.cycleServiceLevel)),
      );
    const row = [reached((i) => classes[i] === 'intermittent'), reached((i) => classes[i] === 'lumpy'), reached(() => true)].map(percent);
    console.log(
      `| ${label(target)} | ${resampling}${resampling === ENGINE_RESAMPLING ? ' (engine)' : ''} | ${row.join(' | ')} | ${mean(replays.map((r) => r.averageOnHand)).toFixed(2)} |`,
    );
  }
}

const textbookCsl = mean(
  parts.map((item) => textbookReplay(item.demand, { measure: 'cycle-service-level', target: 0.95 }, ENGINE_RESAMPLING).cycleServiceLevel),
);
const simulatorCsl = engineCsl95.find((g) => g.group === 'intermittent + lumpy')!.cycleServiceLevel;
console.log(
  `\nCSL 95%, intermittent + lumpy, engine's way: textbook replay ${percent(textbookCsl)}%, simulator ${percent(simulatorCsl)}%. ${((Date.now() - started) / 1000).toFixed(0)} s.`,
);

/**
 * (R,S) with R = L = one month, from nothing on hand: at review t the level S
 * from months 0..t-1 (too short a history: nothing ordered), the order up to S
 * arrives at review t+1 before that month's demand. Measured as the study
 * does: months 25..51 (the cycle of a month ends with its net stock).
 */
function textbookReplay(demand: number[], target: ServiceLevelTarget, resampling: Resampling) {
  let net = 0;
  let arriving = 0;
  let cycles = 0;
  let short = 0;
  let met = 0;
  let asked = 0;
  let onHand = 0;
  for (let t = 0; t < demand.length; t++) {
    net += arriving;
    const history = { bucketDays: 30, quantities: demand.slice(0, t) };
    const level =
      (target.measure === 'fill-rate'
        ? levelForFillRate(history, 60, target.target, 30, resampling)?.level
        : leadTimeDemandQuantile(history, 60, target.target, resampling)?.level) ?? 0;
    // The last order arrived at this review (L = R): the inventory position is the net stock.
    arriving = Math.max(0, level - net);
    const before = net;
    net -= demand[t];
    if (t >= STUDY_WARM_UP_MONTHS) {
      cycles++;
      if (net < 0) short++;
      asked += demand[t];
      met += Math.min(demand[t], Math.max(0, before));
      onHand += Math.max(0, net) * 30;
    }
  }
  return {
    cycleServiceLevel: 1 - short / cycles,
    fillRate: asked > 0 ? met / asked : undefined,
    averageOnHand: onHand / (30 * (demand.length - STUDY_WARM_UP_MONTHS)),
  };
}
