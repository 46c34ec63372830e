import { arrivalOf } from '../calendar/delivery-calendar';
import { assessEmergency, type EmergencyQuestion } from './emergency-order';

// Monday 08:00; 20 on hand, 10 a day: the end of day 3 (Thursday) is the first below zero.
const now = new Date('2026-03-09T08:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const situation = { now, onHand: 20, backorders: 0, openOrders: [], demand: { perDay: 10, stdDevPerDay: 2 } };
const question = (overrides: Partial<EmergencyQuestion> = {}): EmergencyQuestion => ({
  situation,
  terms: { emergency: { allowed: true, leadTimeDays: 1 } },
  regularArrival: arrivalOf(now, { leadTimeDays: 5 }),
  position: 20,
  orderUpTo: 120,
  ...overrides,
});

describe('emergency orders', () => {
  it('expedites up to the order-up-to level when stock runs out before a regular order could arrive', () => {
    expect(assessEmergency(question())).toEqual({
      kind: 'emergency',
      needed: 100,
      leadTimeDays: 1,
      dueAt: days(1),
      stockoutDay: 3,
      stockoutAt: days(3),
      words: 'projected stock runs out by Thu 2026-03-12 (day 3), before a regular order placed now could arrive Sat 2026-03-14',
    });
  });

  it('counts the wait for a delivery weekday: with MON deliveries a 2-day lead time arrives only next Monday', () => {
    const regularArrival = arrivalOf(now, { leadTimeDays: 2, deliveryWeekdays: ['MON'] });
    expect(assessEmergency(question({ regularArrival, situation: { ...situation, onHand: 45 } }))).toMatchObject({
      kind: 'emergency',
      stockoutDay: 5,
    });
    expect(
      assessEmergency(question({ regularArrival: arrivalOf(now, { leadTimeDays: 2 }), situation: { ...situation, onHand: 45 } })).kind,
    ).toBe('no-stockout');
  });

  it('reports the projected stockout without an order when emergency orders are not agreed', () => {
    expect(assessEmergency(question({ terms: { emergency: { allowed: false, leadTimeDays: 1 } } }))).toMatchObject({
      kind: 'stockout',
      stockoutDay: 3,
      why: 'emergency orders are not agreed',
    });
    expect(assessEmergency(question({ terms: {} })).kind).toBe('stockout');
  });

  it('does not expedite when the emergency lead time is no faster than the regular arrival', () => {
    expect(assessEmergency(question({ terms: { emergency: { allowed: true, leadTimeDays: 5 } } }))).toMatchObject({
      kind: 'stockout',
      why: 'the emergency lead time 5 days is no faster than a regular order',
    });
  });

  it('sees no stockout when an open order arrives in time', () => {
    const openOrders = [{ orderId: 'o-1', quantity: 30, dueAt: days(2) }];
    expect(assessEmergency(question({ situation: { ...situation, openOrders }, position: 50 })).kind).toBe('no-stockout');
  });

  it('asks to expedite an open order when it already brings the position to the order-up-to level but arrives too late', () => {
    const openOrders = [{ orderId: 'late', quantity: 100, dueAt: days(6) }];
    expect(assessEmergency(question({ situation: { ...situation, openOrders }, position: 120 }))).toMatchObject({
      kind: 'stockout',
      why: 'inventory position 120 with open orders already reaches the order-up-to level 120: an open order must be expedited instead',
    });
  });
});
