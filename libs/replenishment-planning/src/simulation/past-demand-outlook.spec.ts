import { pastDemandOutlook } from './past-demand-outlook';

describe('the demand outlook of a replay: the past only', () => {
  const weeks = [14, 0, 0, 21, 0, 0, 7, 0, 99, 99];

  it('gives the mean and deviation per day of the buckets before, with their class and the history itself', () => {
    const outlook = pastDemandOutlook(weeks, 8, 7, 'by-demand-class');
    // 8 weeks: mean 42/8 = 5.25 a week, sample variance 465.5/7 a week, a seventh of that a day.
    expect(outlook.perDay).toBeCloseTo(5.25 / 7, 12);
    expect(outlook.stdDevPerDay).toBeCloseTo(Math.sqrt(465.5 / 7 / 7), 12);
    expect(outlook.demandClass).toBe('intermittent');
    expect(outlook.history).toEqual({ bucketDays: 7, quantities: weeks.slice(0, 8) });
  });

  it('knows nothing at the first bucket', () => {
    expect(pastDemandOutlook(weeks, 0, 7, 'by-demand-class')).toEqual({
      perDay: 0,
      stdDevPerDay: 0,
      history: { bucketDays: 7, quantities: [] },
    });
  });

  it('gives only the mean and deviation for normal theory', () => {
    expect(pastDemandOutlook(weeks, 8, 7, 'normal')).toEqual({ perDay: expect.any(Number), stdDevPerDay: expect.any(Number) });
  });
});
