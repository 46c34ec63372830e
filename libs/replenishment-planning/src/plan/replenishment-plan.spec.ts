import type { AgreementLine } from '@smi/agreements';
import { leadTimeDemandQuantile } from '../safety-stock/lead-time-demand';
import { brakePadLine } from './line-fixture';
import type { StockSituation } from './planning-types';
import { planReplenishment } from './replenishment-plan';

// Monday 2026-03-09, 08:00 UTC.
const now = new Date('2026-03-09T08:00:00Z');
const days = (n: number) => new Date(now.getTime() + n * 86_400_000);
const line = brakePadLine;
const situation = (overrides: Partial<StockSituation> = {}): StockSituation => ({
  now,
  onHand: 35,
  backorders: 0,
  openOrders: [],
  demand: { perDay: 5, stdDevPerDay: 2 },
  ...overrides,
});
const plan = (terms: Partial<AgreementLine>, stock: Partial<StockSituation> = {}) =>
  planReplenishment({ line: line(terms), agreementVersion: 3, validFrom: '2026-03-02' }, situation(stock));

describe('replenishment plan', () => {
  describe('min-max with the agreement minimum as reorder point (today’s behaviour)', () => {
    it('orders up to the maximum in whole packs, due after the lead time, valued at the unit price, and explains it all', () => {
      expect(plan({ unitPrice: 2.5 })).toEqual({
        kind: 'order',
        quantity: 90,
        emergency: false,
        leadTimeDays: 4,
        dueAt: days(4),
        orderValue: 225,
        explanation: {
          policy: 'min-max',
          backorders: 0,
          inventoryPosition: 35,
          forecastPerDay: 5,
          forecastStdDevPerDay: 2,
          demandClass: '',
          leadTimeDays: 4,
          protectionDays: 4,
          safetyStockMethod: 'minimum',
          serviceLevelTarget: null,
          promisedServiceLevel: null,
          // the minimum 40 less the 20 expected over the 4 days' lead time
          safetyStock: 20,
          reorderPoint: 40,
          orderUpTo: 120,
          neededQuantity: 85,
          steps: [{ rule: 'pack-multiple', before: 85, after: 90, note: 'rounded up to 9 whole packs of 10' }],
          summary:
            'Order 90 each, due Fri 2026-03-13: inventory position 35 is at or below the reorder point 40: ordering up to 120 needs 85; ' +
            'position = on hand 35 + on order 0 − backorders 0; rounded up to 9 whole packs of 10; ' +
            'reorder point is the agreed minimum 40 (no safety stock or service level agreed).',
        },
      });
    });

    it('orders nothing while open orders keep the position above the reorder point, and says why', () => {
      const decision = plan({}, { openOrders: [{ orderId: 'o-1', quantity: 90, dueAt: days(2) }] });
      expect(decision.kind).toBe('none');
      expect(decision.explanation).toMatchObject({ inventoryPosition: 125, neededQuantity: 0, steps: [] });
      expect(decision.explanation.summary).toMatch(
        /^No order: inventory position 125 is above the reorder point 40; position = on hand 35 \+ on order 90 − backorders 0;/,
      );
    });

    it('counts backorders against the position (60 on hand − 25 owed = 35)', () => {
      const decision = plan({}, { onHand: 60, backorders: 25 });
      expect(decision).toMatchObject({ kind: 'order', quantity: 90, explanation: { backorders: 25, inventoryPosition: 35 } });
    });

    it('has no order value without a unit price', () => {
      expect(plan({})).toMatchObject({ kind: 'order', orderValue: 0 });
    });
  });

  describe('reorder point from a service level', () => {
    it('cycle service level: reorder point = expected demand over the lead time + z·σ (20 + 1.645 × 2 × √4 = 26.58)', () => {
      const decision = plan({ serviceLevel: { measure: 'cycle-service-level', target: 0.95 } }, { onHand: 26 });
      expect(decision.kind).toBe('order');
      expect(decision.explanation).toMatchObject({ safetyStockMethod: 'normal', serviceLevelTarget: 0.95, protectionDays: 4 });
      expect(decision.explanation.reorderPoint).toBeCloseTo(26.579415, 6);
      expect(plan({ serviceLevel: { measure: 'cycle-service-level', target: 0.95 } }, { onHand: 27 }).kind).toBe('none');
    });

    it('includes lead-time variability: σ = √(4 × 2² + 5² × 1²) = √41', () => {
      const decision = plan({ serviceLevel: { measure: 'cycle-service-level', target: 0.95 }, leadTimeStdDevDays: 1 });
      expect(decision.explanation.safetyStock).toBeCloseTo(1.6448536 * Math.sqrt(41), 5);
    });

    it('fill rate: k from the loss function against the typical order (the 80 between minimum and maximum)', () => {
      const decision = plan({ serviceLevel: { measure: 'fill-rate', target: 0.99 }, safetyStock: { method: 'service-level' } });
      expect(decision.explanation.safetyStockMethod).toBe('normal');
      expect(decision.explanation.summary).toContain('expected shortage 0.8 (1% of 80 a cycle) / σ 4 over 4 days, for a 99% fill rate');
    });

    describe('intermittent demand, from the item’s own history', () => {
      // Two years of months: demand in 6 of 24, sizes 1 to 12 (ADI 4, CV² 0.54: lumpy).
      const history = { bucketDays: 30, quantities: [0, 0, 3, 0, 0, 0, 12, 0, 1, 0, 0, 0, 0, 5, 0, 0, 0, 2, 0, 0, 0, 8, 0, 0] };
      const perDay = 31 / (24 * 30);
      const monthly = { leadTimeDays: 30, serviceLevel: { measure: 'cycle-service-level' as const, target: 0.95 } };

      it('sets the reorder point at the 95% quantile of its own 30-day demand (bootstrap)', () => {
        const decision = plan(monthly, { onHand: 2, demand: { perDay, stdDevPerDay: 0.4, demandClass: 'lumpy', history } });
        expect(decision.explanation).toMatchObject({ safetyStockMethod: 'bootstrap', demandClass: 'lumpy', serviceLevelTarget: 0.95 });
        const quantile = leadTimeDemandQuantile(history, 30, 0.95)!;
        expect(decision.explanation.reorderPoint).toBe(quantile.level);
        expect(decision.explanation.promisedServiceLevel).toBe(quantile.promised);
        expect(decision.explanation.summary).toContain('lumpy demand, compound: level 1.29 a bucket of 30 days from the forecast');
      });

      it('classifies the history itself when the forecast carries no class', () => {
        const decision = plan(monthly, { onHand: 2, demand: { perDay, stdDevPerDay: 0.4, history } });
        expect(decision.explanation).toMatchObject({ safetyStockMethod: 'bootstrap', demandClass: 'lumpy' });
      });

      it('falls back to normal theory when the history is shorter than a year, and says so', () => {
        const decision = plan(monthly, {
          demand: {
            perDay,
            stdDevPerDay: 0.4,
            demandClass: 'lumpy',
            history: { bucketDays: 30, quantities: history.quantities.slice(0, 6) },
          },
        });
        expect(decision.explanation.safetyStockMethod).toBe('normal');
        expect(decision.explanation.summary).toContain('because its history (6 buckets of 30 days) is too short for its own distribution');
      });
    });

    it('falls back to normal theory for an intermittent item without history, and says so', () => {
      const decision = plan(
        { serviceLevel: { measure: 'cycle-service-level', target: 0.95 } },
        { demand: { perDay: 0.2, stdDevPerDay: 1, demandClass: 'intermittent' } },
      );
      expect(decision.explanation).toMatchObject({ demandClass: 'intermittent', safetyStockMethod: 'normal' });
      expect(decision.explanation.summary).toContain(
        'normal theory although demand is intermittent, because it has no demand history for its own distribution',
      );
    });
  });

  it('converts levels in days of supply with the forecast (8 and 24 days at 5 a day are 40 and 120)', () => {
    const decision = plan({ levelsIn: 'days-of-supply', minimum: 8, maximum: 24 });
    expect(decision).toMatchObject({ kind: 'order', quantity: 90, explanation: { reorderPoint: 40, orderUpTo: 120 } });
  });

  it('fixed quantity: orders n × Q rounded to packs (position 35, s 40, Q 25 -> 25 -> 3 packs of 10)', () => {
    const decision = plan({ policy: 'fixed-quantity', fixedOrderQuantity: 25 });
    expect(decision).toMatchObject({ kind: 'order', quantity: 30, explanation: { neededQuantity: 25, policy: 'fixed-quantity' } });
  });

  describe('order-up-to on a MON/THU delivery calendar', () => {
    const periodic = { policy: 'order-up-to' as const, deliveryWeekdays: ['MON' as const, 'THU' as const], leadTimeDays: 2 };

    it('at a review, orders up to S for delivery on the delivery day, protecting until the next delivery after it', () => {
      // Monday + 2 days = Wednesday, waits for Thursday; the next delivery is Monday: P = 3 + 4 = 7.
      const decision = plan(periodic, { onHand: 90 });
      expect(decision).toMatchObject({
        kind: 'order',
        quantity: 30,
        dueAt: days(3),
        reviewedAt: now,
        explanation: { protectionDays: 7, leadTimeDays: 2 },
      });
      expect(decision.explanation.summary).toMatch(
        /^Order 30 each, due Thu 2026-03-12 \(lead time, then 1 day to the next delivery day\): at the review, inventory position 90 is below the order-up-to level/,
      );
    });

    it('after that review, orders nothing until the next review moment, and names it', () => {
      const decision = plan(periodic, { onHand: 20, lastReviewAt: now, now: days(0.5) });
      expect(decision.kind).toBe('none');
      expect(decision.reviewedAt).toBeUndefined();
      expect(decision.explanation.summary).toMatch(/^No order: not a review moment: the next review is Tue 2026-03-10;/);
    });
  });

  describe('emergency orders', () => {
    // 12 on hand at 5 a day runs out on day 3; a regular order arrives on day 4.
    it('expedites up to the order-up-to level when stock runs out before a regular order could arrive', () => {
      const decision = plan({ emergency: { allowed: true, leadTimeDays: 1 } }, { onHand: 12 });
      expect(decision).toMatchObject({
        kind: 'order',
        emergency: true,
        leadTimeDays: 1,
        dueAt: days(1),
        quantity: 110,
        explanation: { leadTimeDays: 1, neededQuantity: 108 },
      });
      expect(decision.explanation.summary).toMatch(
        /^Emergency order of 110 each, due Tue 2026-03-10 \(emergency lead time 1 day\): projected stock runs out by Thu 2026-03-12 \(day 3\), before a regular order placed now could arrive Fri 2026-03-13;/,
      );
    });

    it('without emergency terms, orders as usual and warns of the projected stockout', () => {
      const decision = plan({}, { onHand: 12 });
      expect(decision).toMatchObject({ kind: 'order', emergency: false, quantity: 110 });
      expect(decision.explanation.summary).toContain(
        'warning: projected stock runs out by Thu 2026-03-12 (day 3), before a regular order placed now could arrive Fri 2026-03-13 (no emergency order: emergency orders are not agreed)',
      );
    });
  });

  it('refuses a situation with an impossible number, naming the field and the value', () => {
    expect(() => plan({}, { onHand: Number.NaN })).toThrow('onHand must be a finite number (got NaN)');
    expect(() => plan({}, { backorders: -1 })).toThrow('backorders must be >= 0 (got -1)');
    expect(() => plan({}, { demand: { perDay: 1, stdDevPerDay: -2 } })).toThrow('demand.stdDevPerDay must be >= 0 (got -2)');
  });
});
