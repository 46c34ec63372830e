import { projectStock } from './projected-stock';

const now = new Date('2026-03-09T08:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const situation = {
  now,
  onHand: 50,
  backorders: 5,
  openOrders: [{ orderId: 'o-1', quantity: 40, dueAt: days(3) }],
  demand: { perDay: 10, stdDevPerDay: 2 },
};

describe('projected stock', () => {
  it('is on-hand − backorders + receipts due − forecast, day by day', () => {
    const projection = projectStock(situation, { horizonDays: 5, low: 20, high: 60 });
    expect(projection.days.map((d) => [d.day, d.receipts, d.projected])).toEqual([
      [0, 0, 45],
      [1, 0, 35],
      [2, 0, 25],
      [3, 40, 55],
      [4, 0, 45],
      [5, 0, 35],
    ]);
  });

  it('finds the first day below the low level (the minimum or the reorder point), below zero and above the maximum', () => {
    const projection = projectStock(
      { ...situation, openOrders: [{ orderId: 'o-1', quantity: 90, dueAt: days(6) }] },
      { horizonDays: 8, low: 20, high: 60 },
    );
    expect([projection.firstBelowLow, projection.firstBelowZero, projection.firstAboveHigh]).toEqual([3, 5, 6]);
    // 5 left at the end of day 4, 10 a day: runs out half-way through day 5
    expect(projection.daysOfCover).toBe(4.5);
  });

  it('leaves the crossings undefined when the horizon sees none', () => {
    const projection = projectStock(situation, { horizonDays: 2, low: 0, high: 100 });
    expect([projection.firstBelowLow, projection.firstBelowZero, projection.firstAboveHigh, projection.daysOfCover]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
  });

  it('counts an overdue open order as arriving now: it is late, not lost', () => {
    const late = { ...situation, openOrders: [{ orderId: 'late', quantity: 40, dueAt: days(-2) }] };
    expect(projectStock(late, { horizonDays: 0, low: 0, high: 100 }).days[0]).toMatchObject({ receipts: 40, projected: 85 });
  });

  it('is out of stock at once when backorders exceed on-hand', () => {
    const owed = projectStock({ ...situation, backorders: 60, openOrders: [] }, { horizonDays: 1, low: 0, high: 100 });
    expect([owed.firstBelowZero, owed.daysOfCover]).toEqual([0, 0]);
  });
});
