import { arrivalOf, daysToNextDeliveryDay } from './delivery-calendar';

// 2026-03-09 is a Monday.
const at = (iso: string) => new Date(iso);

describe('delivery calendar', () => {
  it('without delivery weekdays, goods arrive after the lead time', () => {
    expect(arrivalOf(at('2026-03-09T10:00:00Z'), { leadTimeDays: 2.5 })).toEqual({
      dueAt: at('2026-03-11T22:00:00Z'),
      days: 2.5,
      waitDays: 0,
    });
  });

  it('with MON/THU deliveries, an order on Monday with 2 days lead time waits a day for Thursday', () => {
    expect(arrivalOf(at('2026-03-09T10:00:00Z'), { leadTimeDays: 2, deliveryWeekdays: ['MON', 'THU'] })).toEqual({
      dueAt: at('2026-03-12T10:00:00Z'),
      days: 3,
      waitDays: 1,
    });
  });

  it('an order arriving on a delivery weekday does not wait', () => {
    expect(arrivalOf(at('2026-03-09T10:00:00Z'), { leadTimeDays: 3, deliveryWeekdays: ['MON', 'THU'] }).waitDays).toBe(0);
  });

  it('an order on Friday with 1 day lead time waits from Saturday to Monday', () => {
    expect(arrivalOf(at('2026-03-13T08:00:00Z'), { leadTimeDays: 1, deliveryWeekdays: ['MON', 'THU'] })).toMatchObject({
      dueAt: at('2026-03-16T08:00:00Z'),
      days: 3,
    });
  });

  it('counts the days from one delivery day to the next (MON -> THU 3, THU -> MON 4, a single weekday 7)', () => {
    expect(daysToNextDeliveryDay(at('2026-03-09T10:00:00Z'), ['MON', 'THU'])).toBe(3);
    expect(daysToNextDeliveryDay(at('2026-03-12T10:00:00Z'), ['MON', 'THU'])).toBe(4);
    expect(daysToNextDeliveryDay(at('2026-03-12T10:00:00Z'), ['THU'])).toBe(7);
  });
});
