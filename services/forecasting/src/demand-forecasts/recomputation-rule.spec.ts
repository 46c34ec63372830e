import { dayNumberOfText as day, dayText } from '../consumption-history/calendar-days';
import { recomputationOn } from './recomputation-rule';

describe('when a forecast is recomputed', () => {
  const weekly = (firstPeriodStart: string) => ({ periodDays: 7, firstPeriodStart });

  it('makes a series its first forecast from its open period, once', () => {
    expect(recomputationOn(day('2026-03-04'), 7, undefined, false)).toEqual({ throughDay: day('2026-03-04'), openPeriod: true });
    // That forecast is of the week of 03-02: more consumption in the same week changes nothing.
    expect(recomputationOn(day('2026-03-06'), 7, weekly('2026-03-02'), false)).toBeUndefined();
  });

  it('recomputes when a new period begins, from the periods closed before it', () => {
    const next = recomputationOn(day('2026-03-10'), 7, weekly('2026-03-02'), true)!;
    expect([dayText(next.throughDay), next.openPeriod]).toEqual(['2026-03-08', false]);
    expect(recomputationOn(day('2026-03-12'), 7, weekly('2026-03-09'), true)).toBeUndefined();
  });

  it('starts afresh from the closed periods when the line changes its period length, or the forecast is from before v3', () => {
    expect(dayText(recomputationOn(day('2026-03-12'), 1, weekly('2026-03-09'), true)!.throughDay)).toBe('2026-03-11');
    expect(dayText(recomputationOn(day('2026-03-12'), 7, { periodDays: 1, firstPeriodStart: null }, true)!.throughDay)).toBe('2026-03-08');
  });
});
