import { reviewStatusAt } from './review-moments';

// 2026-03-09 is a Monday.
const at = (iso: string) => new Date(iso);

describe('review moments of the periodic policies', () => {
  describe('every reviewPeriodDays from validFrom', () => {
    const terms = { leadTimeDays: 3, reviewPeriodDays: 7 };

    it('reviews at the first call after a review moment, then waits for the next one', () => {
      const first = reviewStatusAt(at('2026-03-09T08:30:00Z'), undefined, terms, '2026-03-02');
      expect(first).toEqual({ due: true, latest: at('2026-03-09T00:00:00Z'), next: at('2026-03-16T00:00:00Z') });
      expect(reviewStatusAt(at('2026-03-11T12:00:00Z'), at('2026-03-09T08:30:00Z'), terms, '2026-03-02').due).toBe(false);
      expect(reviewStatusAt(at('2026-03-16T00:00:00Z'), at('2026-03-09T08:30:00Z'), terms, '2026-03-02').due).toBe(true);
    });

    it('catches up a review moment nobody called at', () => {
      expect(reviewStatusAt(at('2026-03-18T09:00:00Z'), at('2026-03-09T08:30:00Z'), terms, '2026-03-02').due).toBe(true);
    });

    it('refuses a periodic line with neither a calendar nor a review period, naming the field', () => {
      expect(() => reviewStatusAt(at('2026-03-09T00:00:00Z'), undefined, { leadTimeDays: 3 }, '2026-03-02')).toThrow(
        'reviewPeriodDays must be above 0 for a periodic policy without deliveryWeekdays (got undefined)',
      );
    });
  });

  describe('on a MON/THU delivery calendar with 2 days lead time', () => {
    const terms = { leadTimeDays: 2, deliveryWeekdays: ['MON' as const, 'THU' as const] };

    it('reviews on Tuesday (arriving Thursday) and Saturday (arriving Monday)', () => {
      expect(reviewStatusAt(at('2026-03-10T09:00:00Z'), at('2026-03-07T09:00:00Z'), terms, '2026-01-01')).toEqual({
        due: true,
        latest: at('2026-03-10T00:00:00Z'),
        next: at('2026-03-14T00:00:00Z'),
      });
    });

    it('does not review again on Wednesday: an order then still arrives the Thursday already reviewed for', () => {
      expect(reviewStatusAt(at('2026-03-11T09:00:00Z'), at('2026-03-10T09:00:00Z'), terms, '2026-01-01').due).toBe(false);
    });

    it('catches up a missed Tuesday on Wednesday (for Monday’s delivery), and does not review Monday’s delivery again on Saturday', () => {
      const wednesday = at('2026-03-11T09:00:00Z');
      expect(reviewStatusAt(wednesday, at('2026-03-09T09:00:00Z'), terms, '2026-01-01').due).toBe(true);
      expect(reviewStatusAt(at('2026-03-14T09:00:00Z'), wednesday, terms, '2026-01-01').due).toBe(false);
      expect(reviewStatusAt(at('2026-03-17T09:00:00Z'), wednesday, terms, '2026-01-01').due).toBe(true);
    });

    it('never reviewed before: reviews now', () => {
      expect(reviewStatusAt(at('2026-03-11T09:00:00Z'), undefined, terms, '2026-01-01').due).toBe(true);
    });
  });
});
