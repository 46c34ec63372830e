/**
 * Does continuous review reach its target in a daily what-if? Ten years of
 * seeded daily demand (a lumpy compound Bernoulli series, planned from the
 * item's own history, and a steady compound Poisson one, planned by normal
 * theory), each replayed day by day through the what-if simulator under
 * min-max (s,S) and fixed-quantity (s,Q), at cycle service level and fill rate
 * targets, demand owed when not met from stock, the first year warm-up.
 * Prints one markdown table: per series, policy and target the level reached,
 * the level promised and the average on hand.
 *
 *   node_modules/.bin/node -r @swc-node/register bench/continuous-review-undershoot.ts [--seeds=N]
 */
import type { AgreementLine, ServiceLevelTarget } from '@smi/agreements';
import { lumpyDailyDemand, simulateWhatIf, steadyDailyDemand } from '@smi/replenishment-planning';

const DAYS = 3650;
const WARM_UP_DAYS = 365;
const TARGETS = [0.9, 0.95, 0.98, 0.99];
const MEASURES: ServiceLevelTarget['measure'][] = ['cycle-service-level', 'fill-rate'];
const seedsArg = process.argv.find((arg) => arg.startsWith('--seeds='));
const SEEDS = Array.from({ length: seedsArg ? Number(seedsArg.slice(8)) : 3 }, (_, i) => i + 1);

const SERIES = [
  { name: 'lumpy (p 0.3, size 1+Poisson(4))', demand: (seed: number) => lumpyDailyDemand(DAYS, seed) },
  { name: 'steady (Poisson(2) orders, geometric size 3)', demand: (seed: number) => steadyDailyDemand(DAYS, seed) },
];
/** (s,S): S is 30 days of supply, or one unit above s (maximum 0: S = s + one pack); (s,Q): Q is two weeks of demand. */
const POLICIES: { name: string; line: (perDay: number) => Partial<AgreementLine> }[] = [
  { name: 'min-max (s,S)', line: (perDay) => ({ policy: 'min-max', maximum: Math.round(30 * perDay) }) },
  { name: 'min-max (s,S), S = s + 1', line: () => ({ policy: 'min-max', maximum: 0 }) },
  {
    name: 'fixed-quantity (s,Q)',
    line: (perDay) => ({ policy: 'fixed-quantity', maximum: 0, fixedOrderQuantity: Math.round(14 * perDay) }),
  },
];

const percent = (share: number) => (100 * share).toFixed(1);
console.log(
  `${DAYS} days of daily demand, ${WARM_UP_DAYS} of them warm-up, lead time 7 days, backorders, seeds ${SEEDS.join(', ')} (mean over seeds)\n`,
);
console.log('| series | policy | target | reached % | reached − target, points | promised % | average on hand |');
console.log('|---|---|---|---|---|---|---|');
const started = Date.now();
for (const series of SERIES) {
  for (const policy of POLICIES) {
    for (const measure of MEASURES) {
      for (const target of TARGETS) {
        const runs = SEEDS.map((seed) => {
          const demand = series.demand(seed);
          const perDay = demand.reduce((sum, q) => sum + q, 0) / demand.length;
          const line: AgreementLine = {
            siteId: 'bench-site',
            itemId: 'bench-item',
            unit: 'each',
            minimum: 0,
            maximum: 0,
            leadTimeDays: 7,
            packMultiple: 1,
            serviceLevel: { measure, target },
            safetyStock: { method: 'service-level' },
            ...policy.line(perDay),
          };
          const result = simulateWhatIf({ line, demand, bucketDays: 1, warmUpBuckets: WARM_UP_DAYS });
          const reached = measure === 'fill-rate' ? result.fillRate : result.cycleServiceLevel;
          return { reached: reached ?? NaN, promised: result.promisedServiceLevel ?? NaN, onHand: result.averageOnHand };
        });
        const mean = (pick: (run: (typeof runs)[number]) => number) => runs.reduce((sum, run) => sum + pick(run), 0) / runs.length;
        const reached = mean((run) => run.reached);
        console.log(
          `| ${series.name} | ${policy.name} | ${measure === 'fill-rate' ? 'fill rate' : 'CSL'} ${percent(target)}% | ${percent(reached)} | ` +
            `${(100 * (reached - target)).toFixed(1)} | ${percent(mean((run) => run.promised))} | ${mean((run) => run.onHand).toFixed(1)} |`,
        );
      }
    }
  }
}
console.log(`\n${((Date.now() - started) / 1000).toFixed(0)} s`);
