import { forecastSeries } from '@smi/forecasting';
import { syntheticIntermittentItems } from '../replay/synthetic-demand';
import { studyLine } from '../replay/demand-history-replay';
import { simulateWhatIf } from '../simulation/what-if-simulator';
import { leastLevel, sizesRelativeToItemMean } from './compound-demand';
import { leadTimeDemandQuantile, levelForFillRate } from './lead-time-demand';

// Two years of months: 6 demands, sizes 1 to 12.
const lumpy = [0, 0, 3, 0, 0, 0, 12, 0, 1, 0, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 8, 0, 0];
const monthly = (quantities: number[], extra = {}) => ({ bucketDays: 30, quantities, ...extra });

describe('compound demand: the forecast sets the level, the history the shape', () => {
  it('moves the stock with the forecast: a lower forecast plans less for the same history, a higher one more', () => {
    const at = (expectedPerBucket: number) => levelForFillRate(monthly(lumpy, { expectedPerBucket }), 60, 0.95, 30)!.level;
    const own = lumpy.reduce((sum, q) => sum + q, 0) / lumpy.length;
    expect(at(own / 2)).toBeLessThan(at(own));
    expect(at(own * 2)).toBeGreaterThan(at(own));
  });

  it('keeps the forecast’s level as the mean of what it draws', () => {
    // At the median the level is near the expected demand over the interval; with a heavy right tail, below it.
    const steady = Array.from({ length: 36 }, () => 10);
    expect(leadTimeDemandQuantile(monthly(steady, { expectedPerBucket: 10 }), 60, 0.5)!.level).toBe(20);
    expect(leadTimeDemandQuantile(monthly(steady, { expectedPerBucket: 5 }), 60, 0.5)!.level).toBeLessThanOrEqual(10);
  });

  it('plans more around the same rate for an item with few demands than for one with many: what it has seen may not be all', () => {
    const few = Array.from({ length: 24 }, (_, i) => (i % 12 === 5 ? 6 : 0)); // 2 demands of 6: 0.5 a month
    const many = Array.from({ length: 240 }, (_, i) => (i % 12 === 5 ? 6 : 0)); // 20 demands of 6, the same rate
    const level = (quantities: number[]) => leadTimeDemandQuantile(monthly(quantities), 60, 0.99)!.level;
    expect(level(few)).toBeGreaterThan(level(many));
  });

  it('draws sizes beyond the item’s own from similar items when it has seen few: a heavy-tailed class raises the high quantiles', () => {
    const few = Array.from({ length: 24 }, (_, i) => (i === 5 || i === 17 ? 4 : 0));
    const heavy = sizesRelativeToItemMean([
      [1, 1, 1, 1, 16],
      [2, 2, 2, 30],
    ]);
    const own = leadTimeDemandQuantile(monthly(few), 60, 0.99)!.level;
    const withClass = leadTimeDemandQuantile(monthly(few, { similarSizes: heavy }), 60, 0.99)!.level;
    expect(withClass).toBeGreaterThan(own);
  });

  it('needs less stock for a fill rate when unmet demand is lost than when it is owed', () => {
    const owed = levelForFillRate(monthly(lumpy), 60, 0.9, 30, undefined, 'backorder')!;
    const lost = levelForFillRate(monthly(lumpy), 60, 0.9, 30, undefined, 'lost')!;
    expect(lost.level).toBeLessThanOrEqual(owed.level);
    expect(lost.promised).toBeGreaterThanOrEqual(0.9);
  });

  it('still plans for an item whose forecast fell to nothing after a run without demand: it has demanded before', () => {
    expect(leastLevel(6, 24, 5)).toBeCloseTo(0.1, 9);
    expect(leastLevel(0, 24, 0)).toBe(0);
    const level = leadTimeDemandQuantile(monthly(lumpy, { expectedPerBucket: 0 }), 60, 0.995)!.level;
    expect(level).toBeGreaterThan(0);
  });

  it('sizes relative to the mean of their item’s other sizes leave out items with one demand', () => {
    // Each size over the mean of the item's other sizes: 2 / 6 and 6 / 2.
    expect(sizesRelativeToItemMean([[0, 2, 0, 6], [0, 5, 0], [3]])).toEqual([2 / 6, 3]);
  });
});

describe('the promise on series of known process (compound Bernoulli, lognormal sizes)', () => {
  // 120 items, 51 months, the last 12 measured: the bench's protocol (bench/planning-promise.ts) on a fixed sample.
  const items = syntheticIntermittentItems(120, 51, 11, { arrivals: 'bernoulli', sizes: 'lognormal' });
  // The level is the forecasting service's rule (@smi/forecasting forecastSeries), as the engine gets it in service.
  const nextMonth = (past: readonly number[]) => {
    if (past.length === 0) return 0;
    const { selection, unscored } = forecastSeries(past, {
      seasonLength: 12,
      horizon: 1,
      backtestHorizon: 12,
      origins: 8,
      leadTimePeriods: 1,
    });
    return Math.max(0, (selection?.forecast ?? unscored)?.forecast[0] ?? 0);
  };
  const replay = (target: number, unmetDemand: 'lost' | 'backorder') =>
    items.map((item) =>
      simulateWhatIf(
        {
          line: studyLine({ measure: 'fill-rate', target }),
          demand: item.demand,
          bucketDays: 30,
          warmUpBuckets: 39,
          initialOnHand: 0,
          unmetDemand,
        },
        (past, bucketDays) => ({
          perDay: nextMonth(past) / bucketDays,
          stdDevPerDay: 0,
          demandClass: 'lumpy',
          history: { bucketDays, quantities: past },
          similarSizes: sizesRelativeToItemMean(items.map((other) => other.demand.slice(0, past.length))),
        }),
      ),
    );

  it.each([
    [0.95, 'lost'],
    [0.95, 'backorder'],
  ] as const)(
    'at a %s fill rate with unmet demand %s, the share of all demand met from stock is within a point of the demand-weighted promise',
    (target, unmetDemand) => {
      const results = replay(target, unmetDemand);
      const promised = results.filter((r) => r.promisedServiceLevel !== null);
      const weighted =
        promised.reduce((sum, r) => sum + r.promisedServiceLevel! * r.demand, 0) / promised.reduce((sum, r) => sum + r.demand, 0);
      const pooled = results.reduce((sum, r) => sum + r.metFromStock, 0) / results.reduce((sum, r) => sum + r.demand, 0);
      expect(weighted).toBeGreaterThanOrEqual(target);
      // On this fixed sample; bench/README.md ("Planning that keeps its promise") has the whole sets, where it is not always so.
      expect(Math.abs(pooled - weighted)).toBeLessThan(0.01);
    },
    60_000,
  );
});
