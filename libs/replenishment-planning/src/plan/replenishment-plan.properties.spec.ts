import fc from 'fast-check';
import type { AgreementLine } from '@smi/agreements';
import type { PlanningTerms, ReplenishmentDecision, StockSituation } from './planning-types';
import { planReplenishment } from './replenishment-plan';

// Random agreement lines and stock situations, as the service meets them.
// Quantities carry up to three decimals, as sites report them; checks are in
// whole millionths, so they are exact.
const millionths = (q: number) => Math.round(q * 1e6);
const quantity = (min: number, max: number) => fc.integer({ min: min * 1000, max: max * 1000 }).map((q) => q / 1000);
const positive = (max: number) => quantity(0, max).filter((q) => q > 0);
const START = Date.parse('2026-01-05T00:00:00Z');

const lineArbitrary: fc.Arbitrary<AgreementLine> = fc
  .record({
    policy: fc.constantFrom('min-max', 'order-up-to', 'periodic-min-max', 'fixed-quantity' as const),
    levelsIn: fc.constantFrom('units', 'days-of-supply' as const),
    minimum: quantity(0, 500),
    band: quantity(0, 1000),
    packMultiple: positive(50),
    minimumOrderQuantity: fc.option(positive(300), { nil: undefined }),
    lotPacks: fc.option(fc.integer({ min: 0, max: 40 }), { nil: undefined }),
    fixedOrderQuantity: positive(400),
    reviewPeriodDays: fc.integer({ min: 1, max: 30 }),
    deliveryWeekdays: fc.option(fc.subarray(['MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT', 'SUN'] as const, { minLength: 1 }), {
      nil: undefined,
    }),
    leadTimeDays: fc.integer({ min: 1, max: 20 }),
    leadTimeStdDevDays: fc.option(quantity(0, 5), { nil: undefined }),
    serviceLevel: fc.option(
      fc.record({
        measure: fc.constantFrom('cycle-service-level', 'fill-rate' as const),
        target: fc.integer({ min: 500, max: 999 }).map((t) => t / 1000),
      }),
      { nil: undefined },
    ),
    safetyStock: fc.oneof(
      fc.constant(undefined),
      fc.constant({ method: 'service-level' as const }),
      fc.record({ method: fc.constant('fixed' as const), quantity: quantity(0, 200) }),
      fc.record({ method: fc.constant('days-of-cover' as const), days: quantity(0, 10) }),
    ),
    reorderPoint: fc.option(
      fc.integer({ min: 0, max: 100 }).map((share) => share / 100),
      { nil: undefined },
    ),
    emergencyLeadTime: fc.option(fc.integer({ min: 0, max: 19 }), { nil: undefined }),
    unitPrice: fc.option(quantity(0, 100), { nil: undefined }),
  })
  .map((r) => {
    const maximum = r.minimum + r.band;
    // A maximum lot that can carry the minimum order quantity in whole packs, as agreement validation demands.
    const smallestLot =
      Math.max(1, Math.ceil(millionths(r.minimumOrderQuantity ?? 0) / millionths(r.packMultiple))) * millionths(r.packMultiple);
    return {
      siteId: 'plant-lyon',
      itemId: 'brake-pad',
      unit: 'each',
      policy: r.policy,
      levelsIn: r.levelsIn,
      minimum: r.minimum,
      maximum,
      // an agreed reorder point lies between 0 and the maximum
      ...(r.reorderPoint !== undefined && { reorderPoint: Math.round(maximum * r.reorderPoint * 1000) / 1000 }),
      packMultiple: r.packMultiple,
      ...(r.minimumOrderQuantity !== undefined && { minimumOrderQuantity: r.minimumOrderQuantity }),
      ...(r.lotPacks !== undefined && { maximumLot: (smallestLot + r.lotPacks * millionths(r.packMultiple)) / 1e6 }),
      ...(r.policy === 'fixed-quantity' && { fixedOrderQuantity: r.fixedOrderQuantity }),
      reviewPeriodDays: r.reviewPeriodDays,
      ...(r.deliveryWeekdays && { deliveryWeekdays: [...r.deliveryWeekdays] }),
      leadTimeDays: r.leadTimeDays,
      ...(r.leadTimeStdDevDays !== undefined && { leadTimeStdDevDays: r.leadTimeStdDevDays }),
      ...(r.serviceLevel && { serviceLevel: r.serviceLevel }),
      // a service-level rule comes with its target, as agreement validation demands
      ...(r.safetyStock && (r.safetyStock.method !== 'service-level' || r.serviceLevel) && { safetyStock: r.safetyStock }),
      ...(r.emergencyLeadTime !== undefined && {
        emergency: { allowed: true, leadTimeDays: Math.min(r.emergencyLeadTime, r.leadTimeDays - 1) },
      }),
      ...(r.unitPrice !== undefined && { unitPrice: r.unitPrice }),
    };
  });

const situationArbitrary: fc.Arbitrary<StockSituation> = fc
  .record({
    minutes: fc.integer({ min: 0, max: 60 * 24 * 60 }),
    onHand: quantity(-100, 2000),
    backorders: quantity(0, 100),
    openOrders: fc.array(fc.record({ quantity: positive(500), dueInHours: fc.integer({ min: -48, max: 24 * 25 }) }), { maxLength: 3 }),
    perDay: quantity(0, 50),
    stdDevPerDay: quantity(0, 30),
    demandClass: fc.option(fc.constantFrom('smooth', 'erratic', 'intermittent', 'lumpy' as const), { nil: undefined }),
    // Mostly zeros, as intermittent histories are; short ones make the engine fall back to normal theory.
    history: fc.option(
      fc.record({
        bucketDays: fc.constantFrom(1, 7, 30),
        quantities: fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 40 })), { minLength: 6, maxLength: 200 }),
      }),
      { nil: undefined },
    ),
    lastReviewHoursAgo: fc.option(fc.integer({ min: 0, max: 24 * 30 }), { nil: undefined }),
    // What each past review saw, when the caller reviews at a fixed grain (a replay): continuous policies then cover the undershoot.
    demandPerReview: fc.option(fc.array(fc.oneof(fc.constant(0), quantity(0, 60)), { maxLength: 120 }), { nil: undefined }),
  })
  .map((r) => {
    const now = new Date(START + r.minutes * 60_000);
    return {
      now,
      onHand: r.onHand,
      backorders: r.backorders,
      openOrders: r.openOrders.map((o, i) => ({
        orderId: `o-${i}`,
        quantity: o.quantity,
        dueAt: new Date(now.getTime() + o.dueInHours * 3_600_000),
      })),
      demand: {
        perDay: r.perDay,
        stdDevPerDay: r.stdDevPerDay,
        ...(r.demandClass && { demandClass: r.demandClass }),
        ...(r.history && { history: r.history }),
        ...(r.demandPerReview && { demandPerReview: r.demandPerReview }),
      },
      ...(r.lastReviewHoursAgo !== undefined && { lastReviewAt: new Date(now.getTime() - r.lastReviewHoursAgo * 3_600_000) }),
    };
  });

const termsOf = (line: AgreementLine): PlanningTerms => ({ line, agreementVersion: 1, validFrom: '2025-12-01' });
type Order = Extract<ReplenishmentDecision, { kind: 'order' }>;

/** Checks every decision over random lines and situations. */
const everyDecision = (check: (decision: ReplenishmentDecision, line: AgreementLine, situation: StockSituation) => void, numRuns = 500) =>
  fc.assert(
    fc.property(lineArbitrary, situationArbitrary, (line, situation) =>
      check(planReplenishment(termsOf(line), situation), line, situation),
    ),
    { numRuns },
  );
/** Checks every order over random lines and situations. */
const everyOrder = (check: (order: Order, line: AgreementLine, situation: StockSituation) => void) =>
  everyDecision((decision, line, situation) => {
    if (decision.kind === 'order') check(decision, line, situation);
  });

describe('replenishment plan over many random lines and situations', () => {
  it('orders quantities that respect the minimum order quantity, whole packs and the maximum lot', () => {
    everyOrder((order, line) => {
      const q = millionths(order.quantity);
      expect(q % millionths(line.packMultiple)).toBe(0);
      expect(q).toBeGreaterThanOrEqual(Math.max(millionths(line.minimumOrderQuantity ?? 0), millionths(line.packMultiple)));
      if (line.maximumLot !== undefined) expect(q).toBeLessThanOrEqual(millionths(line.maximumLot));
    });
  });

  it('places no regular order while the inventory position is above the reorder point (for order-up-to: at or above S), nor between reviews', () => {
    everyOrder((order, line, situation) => {
      if (order.emergency) return;
      const { inventoryPosition, reorderPoint, orderUpTo } = order.explanation;
      if (line.policy === 'order-up-to') expect(millionths(inventoryPosition)).toBeLessThan(millionths(orderUpTo));
      else expect(millionths(inventoryPosition)).toBeLessThanOrEqual(millionths(reorderPoint));
      if (line.policy === 'order-up-to' || line.policy === 'periodic-min-max') expect(order.reviewedAt).toEqual(situation.now);
    });
  });

  it('expedites only on the emergency terms and only for a projected stockout', () => {
    everyOrder((order, line) => {
      if (!order.emergency) return;
      expect(order.leadTimeDays).toBe(line.emergency?.leadTimeDays);
      expect(order.explanation.summary).toMatch(/^Emergency order of .*: projected stock runs out /);
    });
  });

  it('gives the same decision for the same inputs', () => {
    everyDecision((decision, line, situation) => {
      expect(planReplenishment(termsOf(structuredClone(line)), structuredClone(situation))).toEqual(decision);
    }, 300);
  });

  it('never lifts the position above the order-up-to level + one pack, unless the minimum order quantity makes it', () => {
    everyOrder((order, line) => {
      const pack = millionths(line.packMultiple);
      const smallestLot = Math.max(1, Math.ceil(millionths(line.minimumOrderQuantity ?? 0) / pack)) * pack;
      const after = millionths(order.explanation.inventoryPosition) + millionths(order.quantity);
      expect(after <= millionths(order.explanation.orderUpTo) + pack || millionths(order.quantity) === smallestLot).toBe(true);
    });
  });

  it('counts open orders: once the needed quantity is on order, nothing more is ordered', () => {
    everyOrder((order, line, situation) => {
      const placed = { orderId: 'placed', quantity: order.explanation.neededQuantity, dueAt: order.dueAt };
      expect(planReplenishment(termsOf(line), { ...situation, openOrders: [...situation.openOrders, placed] }).kind).toBe('none');
    });
  });

  it('never states a negative safety stock, and says so in words when the reorder point covers less than the expected demand', () => {
    let below = 0;
    everyDecision((decision) => {
      const { safetyStock, reorderPoint, forecastPerDay, protectionDays, summary } = decision.explanation;
      expect(safetyStock).toBeGreaterThanOrEqual(0);
      if (millionths(reorderPoint) < millionths(forecastPerDay * protectionDays) - 1) {
        below++;
        expect(summary).toContain('no safety stock: the reorder point');
        expect(summary).toContain('covers less than the expected demand');
      }
    });
    // A guard against generators that never put the reorder point below expected demand.
    expect(below).toBeGreaterThan(0);
  });

  it('meets every kind of decision (a guard against generators that never order)', () => {
    const kinds = new Set<string>();
    everyDecision((decision) => {
      kinds.add(decision.kind === 'order' ? (decision.emergency ? 'emergency' : 'order') : 'none');
    });
    expect([...kinds].sort()).toEqual(['emergency', 'none', 'order']);
  });
});
