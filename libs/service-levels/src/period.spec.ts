import { daysOfPeriod, isoWeekOf, monthOf, parsePeriod, periodContaining, periodProblem } from './period';

describe('periods: a day, an ISO week or a month', () => {
  it('reads a day, a week and a month with their first and last days', () => {
    expect(parsePeriod('2026-03-05')).toEqual({ kind: 'day', id: '2026-03-05', firstDay: '2026-03-05', lastDay: '2026-03-05' });
    // 2026-01-01 is a Thursday, so week 1 runs Monday 2025-12-29 to Sunday 2026-01-04.
    expect(parsePeriod('2026-W01')).toEqual({ kind: 'week', id: '2026-W01', firstDay: '2025-12-29', lastDay: '2026-01-04' });
    expect(parsePeriod('2026-W10')).toEqual({ kind: 'week', id: '2026-W10', firstDay: '2026-03-02', lastDay: '2026-03-08' });
    expect(parsePeriod('2024-02')).toEqual({ kind: 'month', id: '2024-02', firstDay: '2024-02-01', lastDay: '2024-02-29' });
    expect(parsePeriod('2026-02')?.lastDay).toBe('2026-02-28');
  });

  it('refuses what is none of them, naming the field', () => {
    for (const text of ['2026-02-30', '2026-13', '2026-W00', '2025-W53', '2026-3', 'March', '2026-W1', '']) {
      expect(parsePeriod(text)).toBeUndefined();
    }
    // 2026 ends on a Thursday: it has a week 53.
    expect(parsePeriod('2026-W53')).toEqual({ kind: 'week', id: '2026-W53', firstDay: '2026-12-28', lastDay: '2027-01-03' });
    expect(periodProblem('2026-13')).toBe('period must be a day YYYY-MM-DD, an ISO week YYYY-Www or a month YYYY-MM (got 2026-13)');
    expect(periodProblem('2026-03')).toBeUndefined();
  });

  it('puts a day in its ISO week and month, and lists a period’s days', () => {
    expect(isoWeekOf('2027-01-01')).toBe('2026-W53');
    expect(isoWeekOf('2024-12-30')).toBe('2025-W01');
    expect(isoWeekOf('2026-03-08')).toBe('2026-W10');
    expect(isoWeekOf('2026-03-09')).toBe('2026-W11');
    expect(monthOf('2026-03-31')).toBe('2026-03');
    expect(periodContaining('week', '2026-03-05').id).toBe('2026-W10');
    expect(daysOfPeriod(parsePeriod('2026-W10')!)).toEqual([
      '2026-03-02',
      '2026-03-03',
      '2026-03-04',
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-03-08',
    ]);
    expect(daysOfPeriod(parsePeriod('2026-02')!)).toHaveLength(28);
  });
});
