import { daysOf, isPeriod, periodOf } from './sla-period';

describe('SLA period', () => {
  it('is the calendar month in UTC', () => {
    expect(periodOf(new Date('2026-01-31T23:59:59.999Z'))).toBe('2026-01');
    expect(periodOf(new Date('2026-02-01T00:00:00.000Z'))).toBe('2026-02');
    // 00:30 on 1 March in Paris is still February in UTC.
    expect(periodOf(new Date('2026-03-01T00:30:00+01:00'))).toBe('2026-02');
    expect(periodOf(new Date('2026-12-31T23:00:00Z'))).toBe('2026-12');
  });

  it('knows its first and last day, leap years included', () => {
    expect(daysOf('2026-02')).toEqual({ firstDay: '2026-02-01', lastDay: '2026-02-28' });
    expect(daysOf('2028-02')).toEqual({ firstDay: '2028-02-01', lastDay: '2028-02-29' });
    expect(daysOf('2026-12')).toEqual({ firstDay: '2026-12-01', lastDay: '2026-12-31' });
  });

  it('is written YYYY-MM', () => {
    expect(isPeriod('2026-03')).toBe(true);
    expect(isPeriod('2026-13')).toBe(false);
    expect(isPeriod('2026-3')).toBe(false);
    expect(isPeriod('March')).toBe(false);
    expect(isPeriod('2026-03-01')).toBe(false);
  });
});
