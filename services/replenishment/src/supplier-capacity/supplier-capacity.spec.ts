import type { OrderToPlace } from '../orders/replenishment-order';
import {
  admitToCapacity,
  capacityPeriodOf,
  capacityProblems,
  daysOfCoverOf,
  orderWithAllotment,
  unlimitedAllotment,
  type SupplierCapacity,
} from './supplier-capacity';

const weekly: SupplierCapacity = { supplierId: 'northwind', itemId: 'brake-pad', periodDays: 7, quantityPerPeriod: 150 };

describe('supplier capacity', () => {
  it('counts weekly periods Monday to Sunday (UTC)', () => {
    expect(capacityPeriodOf(new Date('2026-12-03T15:00:00Z'), 7)).toEqual({
      start: new Date('2026-11-30T00:00:00Z'),
      end: new Date('2026-12-07T00:00:00Z'),
    });
    expect(capacityPeriodOf(new Date('2026-12-07T00:00:00Z'), 7).start).toEqual(new Date('2026-12-07T00:00:00Z'));
    expect(capacityPeriodOf(new Date('2026-12-06T23:59:59Z'), 7).start).toEqual(new Date('2026-11-30T00:00:00Z'));
  });

  it('names each field of a bad declaration with the value it got', () => {
    expect(capacityProblems({ periodDays: 7, quantityPerPeriod: 150 })).toEqual([]);
    expect(capacityProblems({ periodDays: 1.5, quantityPerPeriod: 'lots' })).toEqual([
      { field: 'periodDays', problem: 'must be a whole number of days from 1 to 366 (got 1.5)' },
      { field: 'quantityPerPeriod', problem: 'must be a number >= 0 (got "lots")' },
    ]);
    expect(capacityProblems({ periodDays: 7, quantityPerPeriod: 0.0000001 })).toEqual([
      { field: 'quantityPerPeriod', problem: 'must have at most 6 decimals (got 1e-7)' },
    ]);
    expect(capacityProblems({ periodDays: 7, quantityPerPeriod: 1e12 })).toEqual([
      { field: 'quantityPerPeriod', problem: 'must be at most 1,000,000,000 (got 1000000000000)' },
    ]);
    expect(capacityProblems([])).toEqual([{ field: 'body', problem: 'must be a JSON object' }]);
  });

  it('refuses a capacity beyond the quantity bound (found by fuzzing: 1e12 answered 500), the largest within it passes', () => {
    expect(capacityProblems({ periodDays: 7, quantityPerPeriod: 1e12 })).toEqual([
      { field: 'quantityPerPeriod', problem: 'must be at most 1,000,000,000 (got 1000000000000)' },
    ]);
    expect(capacityProblems({ periodDays: 7, quantityPerPeriod: 1e308 })).toHaveLength(1);
    expect(capacityProblems({ periodDays: 7, quantityPerPeriod: 1e9 })).toEqual([]);
  });

  describe('admission of a new order', () => {
    it('serves it at once while it fits in what the period has left and nothing waits', () => {
      expect(admitToCapacity('ORD-1', 90, weekly, { allocated: 60, waiting: 0 })).toEqual({
        kind: 'served',
        allotment: {
          requestId: 'ORD-1',
          requested: 90,
          allocated: 90,
          shortfall: 0,
          reason: 'got 90 of 90: capacity 150 per 7 days, 90 of it left in the period sufficed',
          buyerReason: 'got 90 of 90: capacity 150 per 7 days, 90 of it left in the period sufficed',
        },
      });
    });

    it('lets it wait when it does not fit', () => {
      expect(admitToCapacity('ORD-1', 100, weekly, { allocated: 60, waiting: 0 })).toEqual({
        kind: 'waits',
        reason: 'waits for the capacity allocation: capacity 150 per 7 days, only 90 of it is left in the period',
      });
    });

    it('lets it wait when others of the period already wait, even if it fits: one of them may be more urgent', () => {
      expect(admitToCapacity('ORD-1', 10, weekly, { allocated: 0, waiting: 2 })).toMatchObject({
        kind: 'waits',
        reason: expect.stringMatching(/2 other request\(s\) of the period already wait$/),
      });
    });

    it('counts capacity spent beyond a lowered capacity as nothing left, not as negative', () => {
      expect(admitToCapacity('ORD-1', 10, { ...weekly, quantityPerPeriod: 50 }, { allocated: 60, waiting: 0 })).toMatchObject({
        kind: 'waits',
        reason: expect.stringMatching(/only 0 of it is left/),
      });
    });
  });

  it('cuts an order to its allotment: value at the same unit price, the capacity step last, the buyer’s reason in the summary', () => {
    const decision: OrderToPlace = {
      quantity: 90,
      emergency: false,
      leadTimeDays: 3,
      orderValue: 2250,
      explanation: {
        policy: 'min-max',
        backorders: 0,
        inventoryPosition: 35,
        forecastPerDay: 10,
        forecastStdDevPerDay: 0,
        demandClass: '',
        protectionDays: 3,
        safetyStockMethod: 'minimum',
        serviceLevelTarget: null,
        promisedServiceLevel: null,
        safetyStock: 40,
        reorderPoint: 40,
        orderUpTo: 120,
        leadTimeDays: 3,
        neededQuantity: 85,
        steps: [{ rule: 'pack-multiple', before: 85, after: 90, note: 'rounded up to 9 whole packs of 10' }],
        summary: 'Order 90 EA.',
      },
    };
    const cut = orderWithAllotment(decision, {
      requestId: 'ORD-1',
      requested: 90,
      allocated: 60,
      shortfall: 30,
      reason: 'got 60 of 90: capacity 60 went first to globex graz',
      buyerReason: 'got 60 of 90: capacity 60 went first to another buyer',
    });
    expect(cut.quantity).toBe(60);
    expect(cut.orderValue).toBe(1500);
    expect(cut.explanation.steps.map((s) => s.rule)).toEqual(['pack-multiple', 'supplier-capacity']);
    expect(cut.explanation.steps[1]).toEqual({
      rule: 'supplier-capacity',
      before: 90,
      after: 60,
      note: 'got 60 of 90: capacity 60 went first to another buyer',
    });
    expect(cut.explanation.summary).toBe('Order 90 EA. Supplier capacity: got 60 of 90: capacity 60 went first to another buyer.');
  });

  it('measures urgency as the days projected stock lasts, counting open orders that arrive in time', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    const demand = { perDay: 10, stdDevPerDay: 0 };
    expect(daysOfCoverOf({ now, onHand: 30, backorders: 0, openOrders: [], demand })).toBe(3);
    expect(
      daysOfCoverOf({
        now,
        onHand: 30,
        backorders: 0,
        openOrders: [{ orderId: 'o', quantity: 50, dueAt: new Date('2026-12-03T00:00:00Z') }],
        demand,
      }),
    ).toBe(8);
    expect(daysOfCoverOf({ now, onHand: 30, backorders: 0, openOrders: [], demand: { perDay: 0, stdDevPerDay: 0 } })).toBe(366);
  });
});

describe('a withdrawn capacity', () => {
  it('gives a waiting request all it asked for, and says why', () => {
    const request = {
      requestId: 'ORD-1',
      buyerId: 'acme',
      siteId: 'lyon',
      itemId: 'brake-pad',
      quantity: 90,
      packMultiple: 10,
      daysOfCover: 3,
      penaltyPerStockoutDay: 0,
    };
    expect(unlimitedAllotment(request)).toEqual({
      requestId: 'ORD-1',
      requested: 90,
      allocated: 90,
      shortfall: 0,
      reason: 'got 90 of 90: the supplier no longer limits its capacity for brake-pad',
      buyerReason: 'got 90 of 90: the supplier no longer limits its capacity for brake-pad',
    });
  });
});
