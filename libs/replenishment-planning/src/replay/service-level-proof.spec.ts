import type { ServiceLevelTarget } from '@smi/agreements';
import { classifyDemand } from '@smi/forecasting';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseCarparts } from './carparts';
import { groupOutcome, outcomesByGroup, promisedThroughout, replayItems, roseAfterWarmUp } from './demand-history-replay';
import type { GroupOutcome, ItemOutcome, StudyGroup, StudyItem } from './demand-history-replay';
import type { DemandDistribution } from '../simulation/what-if-input';
import { syntheticSmoothItems } from './synthetic-demand';

/**
 * The acceptance criterion: simulation over long demand histories,
 * including the real intermittent data in ../shared/data, reaches the targeted
 * service level within two points, for smooth and for intermittent items
 * alike; and the engine's promise must be the one reached.
 *
 * How it is read here. Every decision states the service level the engine
 * promises for its stock (explanation.promisedServiceLevel): the target under
 * normal theory; at least the target from the item's own distribution, where
 * whole units overshoot it (the smallest whole level meeting 95% on a slow
 * mover often meets 97%); none where the history holds fewer than two demands.
 * Where it promised, the level reached must be at least the target less two
 * points, and within two points of the promise. It cannot be within two points
 * of the target from above on slow movers: no whole level gives 95%.
 *
 * Protocol (demand-history-replay.ts): monthly review, a month of lead time,
 * order-up-to, backorders; 24 months of warm-up, then 27 months measured on
 * each of the 2,509 carparts parts observed for all 51 months (all of them
 * intermittent or lumpy by Syntetos-Boylan). carparts has no smooth part
 * observed that long (its 3 smooth parts have 14 months), so the smooth group
 * is 100 synthetic gamma series of 20 years. A group's level is the mean over
 * its items. bench/service-level-carparts.ts prints the full table.
 */

const CARPARTS = path.resolve(__dirname, '../../../../../shared/data/carparts.csv');
const haveCarparts = existsSync(CARPARTS);
if (!haveCarparts)
  console.warn(`Service-level proof on real data skipped: ${CARPARTS} (../shared/data/carparts.csv beside the repo) not found.`);

const TOLERANCE = 0.02;
const CSL_95: ServiceLevelTarget = { measure: 'cycle-service-level', target: 0.95 };
const FILL_RATE_95: ServiceLevelTarget = { measure: 'fill-rate', target: 0.95 };
const MINUTE = 60_000;

(haveCarparts ? describe : describe.skip)('service level reached over long demand histories: carparts and long smooth series', () => {
  const carparts = haveCarparts ? parseCarparts(readFileSync(CARPARTS, 'utf8')) : [];
  const wholeSeries = carparts.filter((item) => item.demand.length === 51);
  const smooth = syntheticSmoothItems(100, 240, 1);
  const replays = new Map<string, ItemOutcome[]>();
  const replay = (items: StudyItem[], target: ServiceLevelTarget, distribution: DemandDistribution = 'by-demand-class') => {
    const key = `${items === smooth ? 'smooth' : 'carparts'} ${target.measure} ${target.target} ${distribution}`;
    if (!replays.has(key)) replays.set(key, replayItems(items, target, distribution));
    return replays.get(key)!;
  };
  const group = (outcomes: ItemOutcome[], name: StudyGroup): GroupOutcome => outcomesByGroup(outcomes).find((g) => g.group === name)!;
  const promised = (outcomes: ItemOutcome[], name: StudyGroup) => group(outcomes.filter(promisedThroughout), name);
  const measureOf = (target: ServiceLevelTarget) => (target.measure === 'fill-rate' ? 'fillRate' : 'cycleServiceLevel');
  /** Reached at least the target less two points, and within two points of the promise. */
  const promiseKept = (g: GroupOutcome, target: ServiceLevelTarget) => {
    const reached = g[measureOf(target)];
    return {
      reached,
      promised: g.promisedServiceLevel,
      kept: reached >= target.target - TOLERANCE && Math.abs(reached - g.promisedServiceLevel!) <= TOLERANCE,
    };
  };

  afterAll(() => {
    const line = (key: string, kind: string, g: GroupOutcome) =>
      `${key.padEnd(44)} ${kind.padEnd(12)} ${g.group.padEnd(20)} ${String(g.items).padStart(5)} items  CSL ${g.cycleServiceLevel.toFixed(4)}  fill rate ${g.fillRate.toFixed(4)}  promised ${g.promisedServiceLevel?.toFixed(4) ?? '-'}`;
    const rows = [...replays].flatMap(([key, outcomes]) => [
      ...outcomesByGroup(outcomes).map((g) => line(key, 'all', g)),
      ...outcomesByGroup(outcomes.filter(promisedThroughout)).map((g) => line(key, 'promised', g)),
    ]);
    console.log(`Service levels reached (mean over items):\n${rows.join('\n')}`);
  });

  it('classifies the carparts parts as the data README does (observed months)', () => {
    const counts: Record<string, number> = {};
    for (const { demand } of carparts) {
      const pattern = classifyDemand(demand);
      const label = !pattern || pattern.demandPeriods < 2 ? 'fewer than 2 demands' : pattern.demandClass;
      counts[label] = (counts[label] ?? 0) + 1;
    }
    expect(counts).toEqual({ intermittent: 2294, lumpy: 347, smooth: 3, 'fewer than 2 demands': 30 });
    expect(wholeSeries).toHaveLength(2509);
  });

  it(
    'promises a service level wherever the history holds two demands: every smooth series, 1,849 of 2,509 carparts parts',
    () => {
      const fewerThanTwo = wholeSeries.filter((item) => item.demand.slice(0, 24).filter((q) => q > 0).length < 2);
      expect([smooth, wholeSeries].map((items) => replay(items, CSL_95).filter(promisedThroughout).length)).toEqual([100, 1849]);
      expect(fewerThanTwo).toHaveLength(2509 - 1849);
    },
    MINUTE,
  );

  it.each([
    ['cycle service level', CSL_95],
    ['fill rate', FILL_RATE_95],
  ])(
    'keeps its promise of a 95%% %s within two points, for smooth and for intermittent + lumpy items',
    (_, target) => {
      const kept = {
        smooth: promiseKept(promised(replay(smooth, target), 'smooth'), target),
        intermittentAndLumpy: promiseKept(promised(replay(wholeSeries, target), 'intermittent + lumpy'), target),
      };
      expect([kept, kept.smooth.kept, kept.intermittentAndLumpy.kept]).toEqual([kept, true, true]);
    },
    MINUTE,
  );

  it(
    'promises intermittent items more than the 95% target, since stock comes in whole units, and normal theory exactly the target',
    () => {
      const intermittent = promised(replay(wholeSeries, CSL_95), 'intermittent + lumpy');
      expect(intermittent.promisedServiceLevel).toBeGreaterThan(0.95 + 0.015);
      expect(promised(replay(smooth, CSL_95), 'smooth').promisedServiceLevel).toBeCloseTo(0.95, 12);
    },
    MINUTE,
  );

  it(
    'falls well short on the parts it made no promise for: no demand or one demand in the two warm-up years',
    () => {
      const unpromised = groupOutcome(
        'intermittent + lumpy',
        replay(wholeSeries, FILL_RATE_95)
          .filter((o) => !promisedThroughout(o))
          .map((o) => o.result),
      );
      expect(unpromised.items).toBe(660);
      expect(unpromised.fillRate).toBeLessThan(0.8);
    },
    MINUTE,
  );

  it(
    'keeps the fill-rate promise on average only: short on the promised parts whose demand rose after the warm-up (less so since the model draws the uncertainty of the rate), long on the others',
    () => {
      const outcomes = replay(wholeSeries, FILL_RATE_95).filter(promisedThroughout);
      const rising = groupOutcome(
        'intermittent + lumpy',
        outcomes.filter((o) => roseAfterWarmUp(o.item)).map((o) => o.result),
      );
      const steady = groupOutcome(
        'intermittent + lumpy',
        outcomes.filter((o) => !roseAfterWarmUp(o.item)).map((o) => o.result),
      );
      expect(rising.items).toBeGreaterThan(300);
      // Under 0.9 when the engine resampled the history alone; the compound model's rate uncertainty lifts it.
      expect(rising.fillRate).toBeGreaterThan(0.9);
      expect(rising.fillRate).toBeLessThan(0.95);
      expect(steady.fillRate).toBeGreaterThan(0.97);
    },
    MINUTE,
  );

  it(
    'normal theory on the same intermittent items misses the fill rate by more, with less stock',
    () => {
      const bootstrap = group(replay(wholeSeries, FILL_RATE_95), 'intermittent + lumpy');
      const normal = group(replay(wholeSeries, FILL_RATE_95, 'normal'), 'intermittent + lumpy');
      expect(normal.fillRate).toBeLessThan(0.95 - 0.07);
      expect(normal.pooledFillRate).toBeLessThan(0.95 - 0.1);
      expect(bootstrap.fillRate - normal.fillRate).toBeGreaterThan(0.02);
      expect(bootstrap.pooledFillRate - normal.pooledFillRate).toBeGreaterThan(0.05);
      expect(normal.averageOnHand).toBeLessThan(bootstrap.averageOnHand);
    },
    MINUTE,
  );
});
