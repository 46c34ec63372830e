import { movingAverage } from './moving-average';

describe('7-day moving average of daily consumption', () => {
  it('averages the 7 days ending at the latest day with consumption, counting days without any as 0 (worked example)', () => {
    const history = [
      { day: '2026-03-01', quantity: 12 }, // 8 days before the latest: outside the window
      { day: '2026-03-03', quantity: 6 },
      { day: '2026-03-04', quantity: 9 },
      { day: '2026-03-08', quantity: 3 },
      { day: '2026-03-09', quantity: 5 },
    ];
    // Window 03-03..03-09: 6, 9, 0, 0, 0, 3, 5 -> sum 23, mean 23/7 = 3.285714
    // Squared deviations sum to 75.428571 (= 6^2+9^2+3^2+5^2 - 23^2/7); / 6 = 12.571429; sqrt = 3.545621
    expect(movingAverage(history)).toEqual({ demandPerPeriod: 3.285714, standardDeviationPerPeriod: 3.545621, periodsObserved: 7 });
  });

  it('averages only the days since the first consumption while fewer than 7 have passed, gaps counting as 0', () => {
    // 03-01: 10, 03-02: nothing, 03-03: 4 -> [10, 0, 4], mean 14/3
    // Deviations 5.333, -4.667, -0.667 -> squares sum 50.666667; / 2 = 25.333333; sqrt = 5.033223
    expect(movingAverage([{ day: '2026-03-01', quantity: 10 }, { day: '2026-03-03', quantity: 4 }])).toEqual({
      demandPerPeriod: 4.666667,
      standardDeviationPerPeriod: 5.033223,
      periodsObserved: 3,
    });
  });

  it('gives a standard deviation of 0 for a single day', () => {
    expect(movingAverage([{ day: '2026-03-01', quantity: 7.5 }])).toEqual({ demandPerPeriod: 7.5, standardDeviationPerPeriod: 0, periodsObserved: 1 });
  });

  it('gives a standard deviation of 0 for a steady consumption over a full window', () => {
    const history = ['01', '02', '03', '04', '05', '06', '07', '08'].map((d) => ({ day: `2026-03-${d}`, quantity: 4 }));
    expect(movingAverage(history)).toEqual({ demandPerPeriod: 4, standardDeviationPerPeriod: 0, periodsObserved: 7 });
  });

  it('ends the window at the latest day even when an older day arrives last, and adds up repeats of a day', () => {
    const history = [
      { day: '2026-03-10', quantity: 7 },
      { day: '2026-03-04', quantity: 2 },
      { day: '2026-03-04', quantity: 5 },
    ];
    // Window 03-04..03-10: 7, 0, 0, 0, 0, 0, 7 -> mean 2; squares 25+4*5+25 = 70; / 6 = 11.666667; sqrt = 3.415650
    expect(movingAverage(history)).toEqual({ demandPerPeriod: 2, standardDeviationPerPeriod: 3.41565, periodsObserved: 7 });
  });

  it('crosses month ends day by day', () => {
    // 02-27 .. 03-02 of 2026 is 4 days (2026 is not a leap year).
    expect(movingAverage([{ day: '2026-02-27', quantity: 8 }, { day: '2026-03-02', quantity: 8 }])?.periodsObserved).toBe(4);
  });

  it('has nothing to say without history', () => {
    expect(movingAverage([])).toBeUndefined();
  });
});
