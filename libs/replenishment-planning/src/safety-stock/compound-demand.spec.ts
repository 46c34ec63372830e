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
