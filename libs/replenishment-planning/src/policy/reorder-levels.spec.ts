import { brakePadLine } from '../plan/line-fixture';
import { reorderLevelsFor } from './reorder-levels';

const line = brakePadLine;
const demand = { perDay: 10, stdDevPerDay: 3 };

describe('reorder point and order-up-to level', () => {
  it('without a safety-stock rule or service level, the minimum is the reorder point and the maximum the order-up-to level', () => {
    const levels = reorderLevelsFor({ line: line(), demand, protectionDays: 4, reviewDays: 0 });
    expect(levels).toMatchObject({
      safetyStockMethod: 'minimum',
      reorderPoint: 40,
      orderUpTo: 120,
      serviceLevelTarget: null,
      expectedDemand: 40,
      safetyStock: 0,
    });
    expect(levels.basis).toEqual(['reorder point is the agreed minimum 40 (no safety stock or service level agreed)']);
  });

  it('with a service level: expected demand over the protection interval + safety stock (40 + 1.645 × 3 × √4 = 49.87)', () => {
    const levels = reorderLevelsFor({
      line: line({ serviceLevel: { measure: 'cycle-service-level', target: 0.95 } }),
      demand,
      protectionDays: 4,
      reviewDays: 0,
    });
    expect(levels.safetyStockMethod).toBe('normal');
    expect(levels.reorderPoint).toBeCloseTo(40 + 1.6448536 * 6, 5);
    expect(levels.orderUpTo).toBe(120);
    expect(levels.basis[0]).toBe(
      'reorder point 49.87 = expected demand 40 over 4 days + normal theory: z 1.64 for a 95% cycle service level × σ 6 over 4 days = 9.87',
    );
  });

  it('an explicit reorder point wins over the computed one, and the safety stock it carries is reported', () => {
    const levels = reorderLevelsFor({
      line: line({ reorderPoint: 55, safetyStock: { method: 'fixed', quantity: 5 } }),
      demand,
      protectionDays: 4,
      reviewDays: 0,
    });
    expect(levels).toMatchObject({ reorderPoint: 55, safetyStock: 15, safetyStockMethod: 'fixed' });
    expect(levels.basis[0]).toBe('reorder point 55 as agreed, overriding the computed 45 (fixed safety stock 5 as agreed)');
  });

  it('raises the order-up-to level to the reorder point + one pack when the reorder point exceeds the maximum, and says so', () => {
    const levels = reorderLevelsFor({
      line: line({ safetyStock: { method: 'days-of-cover', days: 10 } }),
      demand,
      protectionDays: 4,
      reviewDays: 0,
    });
    expect([levels.reorderPoint, levels.orderUpTo]).toEqual([140, 150]);
    expect(levels.basis[1]).toBe('order-up-to level raised from the maximum 120 to the reorder point + one pack = 150');
  });

  it('for order-up-to (R,S), raises it to the reorder point itself: demand over review period and lead time at the target is the textbook S', () => {
    const periodic = line({ policy: 'order-up-to', reviewPeriodDays: 7, safetyStock: { method: 'days-of-cover', days: 2 } });
    const levels = reorderLevelsFor({ line: periodic, demand, protectionDays: 11, reviewDays: 7 });
    // 10 a day over 11 days + 2 days of cover = 130, above the maximum 120
    expect([levels.reorderPoint, levels.orderUpTo]).toEqual([130, 130]);
    expect(levels.basis[1]).toBe(
      'order-up-to level raised from the maximum 120 to the reorder point 130, which covers the review period and the lead time',
    );
  });

  it('raises it too when the minimum equals the maximum, so an order lifts the position above the reorder point', () => {
    expect(
      reorderLevelsFor({ line: line({ minimum: 50, maximum: 50, packMultiple: 12 }), demand, protectionDays: 4, reviewDays: 0 }).orderUpTo,
    ).toBe(62);
  });

  it('converts levels in days of supply with the forecast (4 and 12 days at 10 a day -> 40 and 120)', () => {
    const levels = reorderLevelsFor({
      line: line({ levelsIn: 'days-of-supply', minimum: 4, maximum: 12 }),
      demand,
      protectionDays: 4,
      reviewDays: 0,
    });
    expect(levels).toMatchObject({ minimum: 40, maximum: 120, reorderPoint: 40, orderUpTo: 120 });
    expect(levels.basis[0]).toBe('minimum 4 days and maximum 12 days of supply at 10 a day are 40 and 120');
  });

  it('measures a periodic policy’s fill rate against the review period’s demand', () => {
    const periodic = line({ policy: 'order-up-to', reviewPeriodDays: 7, serviceLevel: { measure: 'fill-rate', target: 0.98 } });
    const levels = reorderLevelsFor({ line: periodic, demand, protectionDays: 11, reviewDays: 7 });
    // shortage per cycle = 2% of 70 = 1.4; σ over 11 days = 3·√11
    expect(levels.basis[0]).toContain('expected shortage 1.4 (2% of 70 a cycle) / σ 9.95 over 11 days');
  });

  it('measures the fixed-quantity policy’s fill rate against its fixed quantity', () => {
    const fixed = line({ policy: 'fixed-quantity', fixedOrderQuantity: 200, serviceLevel: { measure: 'fill-rate', target: 0.98 } });
    expect(reorderLevelsFor({ line: fixed, demand, protectionDays: 4, reviewDays: 0 }).basis[0]).toContain('(2% of 200 a cycle)');
  });
});

describe('fixed-quantity levels', () => {
  it('has the reorder point + Q as its order-up-to level: the most an order can lift the position to', () => {
    const levels = reorderLevelsFor({
      line: line({ policy: 'fixed-quantity', fixedOrderQuantity: 200 }),
      demand,
      protectionDays: 4,
      reviewDays: 0,
    });
    expect([levels.reorderPoint, levels.orderUpTo]).toEqual([40, 240]);
    expect(levels.basis[1]).toBe('an order lifts the position to at most the reorder point + the fixed quantity 200 = 240');
  });
});

describe('the safety stock the levels state', () => {
  it('is never negative: the agreed minimum below expected demand is a reorder point that covers less, said in words', () => {
    const levels = reorderLevelsFor({ line: line({ minimum: 25 }), demand, protectionDays: 4, reviewDays: 0 });
    expect(levels).toMatchObject({ safetyStockMethod: 'minimum', reorderPoint: 25, expectedDemand: 40, safetyStock: 0 });
    expect(levels.basis).toEqual([
      'reorder point is the agreed minimum 25 (no safety stock or service level agreed)',
      'no safety stock: the reorder point 25 covers less than the expected demand 40 over 4 days, because the reorder point is the agreed minimum 25 and no safety stock or service level is agreed',
    ]);
  });

  it('an agreed reorder point below expected demand names the computed level it overrides', () => {
    const levels = reorderLevelsFor({
      line: line({ reorderPoint: 30, serviceLevel: { measure: 'cycle-service-level', target: 0.95 } }),
      demand,
      protectionDays: 4,
      reviewDays: 0,
    });
    expect(levels.safetyStock).toBe(0);
    expect(levels.basis[0]).toMatch(/^reorder point 30 as agreed, overriding the computed 49\.87 \(normal theory: z 1\.64 /);
    expect(levels.basis[1]).toBe(
      'no safety stock: the reorder point 30 covers less than the expected demand 40 over 4 days, because the reorder point is agreed, not computed',
    );
  });

  it("a level from an intermittent item's own history below expected demand: most intervals see less than the average", () => {
    // A part demanded in 4 of 24 months, 30 at a time: 5 a month expected; 30 days are covered by 0 with 83% probability.
    const quantities = [0, 0, 30, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0, 0, 30, 0, 0, 0, 0, 0, 30, 0];
    const levels = reorderLevelsFor({
      line: line({
        policy: 'order-up-to',
        reviewPeriodDays: 30,
        minimum: 0,
        maximum: 0,
        serviceLevel: { measure: 'cycle-service-level', target: 0.8 },
      }),
      demand: { perDay: 5 / 30, stdDevPerDay: 2, history: { bucketDays: 30, quantities } },
      demandClass: 'lumpy',
      protectionDays: 30,
      reviewDays: 30,
    });
    expect(levels.safetyStockMethod).toBe('bootstrap');
    expect(levels.reorderPoint).toBeLessThan(levels.expectedDemand);
    expect(levels.safetyStock).toBe(0);
    expect(levels.basis.at(-1)).toMatch(
      /^no safety stock: the reorder point \d+ covers less than the expected demand 5 over 30 days, because the 80% target is met with less than the expected demand: by the item's own history most protection intervals see less demand than the average/,
    );
  });
});
