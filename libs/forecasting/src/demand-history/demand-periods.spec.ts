import { demandEstimate, demandPeriods } from './demand-periods';

// 2026-01-05 is a Monday: day index 20458.
const MONDAY = 20458;

describe('demand history in periods, stockouts marked', () => {
  it('sums days into Monday-to-Sunday weeks, zero for a week without consumption, censored when out of stock on any day', () => {
    const periods = demandPeriods(
      [
        { day: MONDAY + 1, quantity: 4, stockedOut: false },
        { day: MONDAY + 6, quantity: 2, stockedOut: false },
        { day: MONDAY + 15, quantity: 1, stockedOut: true },
        { day: MONDAY + 16, quantity: 3, stockedOut: false },
      ],
      7,
    );
    expect(periods).toEqual([
      { start: MONDAY, consumed: 6, censored: false },
      { start: MONDAY + 7, consumed: 0, censored: false },
      { start: MONDAY + 14, consumed: 4, censored: true },
    ]);
  });

  it('does not take a censored period at face value: at least the usual demand of the uncensored periods before it', () => {
    const periods = [6, 4, 5, 1, 5].map((consumed, i) => ({ start: i * 7, consumed, censored: i === 3 }));
    expect(demandEstimate(periods)).toEqual([6, 4, 5, 5, 5]);
    // A censored period that still consumed more than usual keeps what it consumed.
    expect(
      demandEstimate([
        { start: 0, consumed: 2, censored: false },
        { start: 7, consumed: 9, censored: true },
      ]),
    ).toEqual([2, 9]);
    expect(demandEstimate([{ start: 0, consumed: 2, censored: true }])).toEqual([2]);
  });

  it('names a bad period length', () => {
    expect(() => demandPeriods([], 0)).toThrow('periodDays must be a whole number >= 1 (got 0)');
  });
});
