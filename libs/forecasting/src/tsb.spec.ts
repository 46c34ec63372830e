import { tsbLevel } from './tsb';

describe('TSB level (Teunter, Syntetos & Babai 2011)', () => {
  it('smooths the size in periods with demand and the chance of demand every period, from the first period', () => {
    // Chance: 0 → 0.1·(1−0)=0.1 → 0.09 → 0.09+0.1·0.91=0.181; size: 4, then 4+0.1·(6−4)=4.2.
    const level = tsbLevel([0, 4, 0, 6])!;
    expect(level.probability).toBeCloseTo(0.181, 12);
    expect(level.size).toBeCloseTo(4.2, 12);
    expect(level.perPeriod).toBeCloseTo(0.181 * 4.2, 12);
  });

  it('lets the level fall while no demand comes, unlike Croston', () => {
    const before = tsbLevel([3, 0, 3, 0, 3])!.perPeriod;
    const after = tsbLevel([3, 0, 3, 0, 3, 0, 0, 0, 0, 0, 0])!.perPeriod;
    expect(after).toBeLessThan(before * 0.6);
  });

  it('has no level without demand, and names a bad smoothing constant', () => {
    expect(tsbLevel([])).toBeUndefined();
    expect(tsbLevel([0, 0, 0])).toBeUndefined();
    expect(() => tsbLevel([1, 2], { size: 0, probability: 0.1 })).toThrow('smoothing.size must be above 0 and at most 1 (got 0)');
  });
});
