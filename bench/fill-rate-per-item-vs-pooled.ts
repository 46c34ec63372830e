/**
 * Can one promise hold both as a mean over items and over all demand? A check
 * with nothing estimated: 1,500 items of known compound-Bernoulli demand
 * (chance of a demand 5 to 50% a month, lognormal sizes), each stocked at the
 * smallest order-up-to level whose fill rate, computed from 4,000 draws of its
 * true two-month demand, meets the target (monthly review, a month of lead
 * time, unmet demand lost). Each item is then run for 12 and for 120 months.
 *
 * The promise is a share of demand (expected met over expected demand). The
 * pooled fill rate (all met over all demand) measures exactly that; the mean
 * over items of each item's own fill rate does not: an item's rate over a year
 * is a ratio of small numbers, high when little came and low when a lump came,
 * and the mean of such ratios sits above the share. Prints both beside the
 * promise.
 *
 *   node_modules/.bin/node -r @swc-node/register bench/fill-rate-per-item-vs-pooled.ts
 */
import { SeededRandom } from '@smi/replenishment-planning';

const random = new SeededRandom(7);
const DRAWS = 4000;
const ITEMS = 1500;

/** Fill rate of the second month at level S, with unmet demand lost: the first month's demand is taken from S first. */
function fillRate(first: Float64Array, second: Float64Array, level: number): number {
  let short = 0;
  let demand = 0;
  for (let i = 0; i < first.length; i++) {
    demand += second[i];
    short += Math.max(0, second[i] - Math.max(0, level - first[i]));
  }
  return 1 - short / demand;
}

console.log(
  '| target | months | promised, mean over items % | promised, demand-weighted % | reached, mean over items % | reached, pooled % |',
);
console.log('|---|---|---|---|---|---|');
for (const target of [0.9, 0.95, 0.98, 0.995]) {
  for (const months of [12, 120]) {
    let fillSum = 0;
    let withDemand = 0;
    let demand = 0;
    let met = 0;
    let promisedSum = 0;
    let promisedWeighted = 0;
    for (let item = 0; item < ITEMS; item++) {
      const chance = 0.05 + 0.45 * random.next();
      const logMedian = 2 * random.next();
      const logSpread = 0.3 + random.next();
      const draw = () => (random.next() < chance ? Math.max(1, Math.round(Math.exp(logMedian + logSpread * random.normal()))) : 0);
      const first = Float64Array.from({ length: DRAWS }, draw);
      const second = Float64Array.from({ length: DRAWS }, draw);
      let level = 0;
      while (fillRate(first, second, level) < target) level++;
      const promised = fillRate(first, second, level);
      let onHand = level;
      let due = 0;
      let itemDemand = 0;
      let itemMet = 0;
      for (let month = 0; month <= months; month++) {
        onHand += due;
        due = Math.max(0, level - onHand);
        const asked = draw();
        const served = Math.min(asked, onHand);
        onHand -= served;
        // The first month starts from the level itself; it is not measured.
        if (month === 0) continue;
        itemDemand += asked;
        itemMet += served;
      }
      promisedSum += promised;
      promisedWeighted += promised * itemDemand;
      if (itemDemand > 0) {
        fillSum += itemMet / itemDemand;
        withDemand++;
        demand += itemDemand;
        met += itemMet;
      }
    }
    const percent = (share: number) => (100 * share).toFixed(1);
    console.log(
      `| ${percent(target)} | ${months} | ${percent(promisedSum / ITEMS)} | ${percent(promisedWeighted / demand)} | ${percent(fillSum / withDemand)} | ${percent(met / demand)} |`,
    );
  }
}
