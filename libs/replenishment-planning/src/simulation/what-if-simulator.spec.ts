import type { AgreementLine } from '@smi/agreements';
import { simulateWhatIf, WhatIfTimeBudgetExceeded } from './what-if-simulator';
import { MAX_WHAT_IF_WORK, whatIfProblems, whatIfWork, type WhatIfInput } from './what-if-input';

const line = (overrides: Partial<AgreementLine> = {}): AgreementLine => ({
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  unit: 'each',
  minimum: 0,
  maximum: 200,
  leadTimeDays: 5,
  packMultiple: 10,
  ...overrides,
});

/** A car part sold a few times a year, monthly: zero most months, now and then a handful. */
const lumpyMonths = [0, 0, 3, 0, 0, 0, 1, 0, 0, 7, 0, 0, 2, 0, 0, 0, 0, 4, 0, 1, 0, 0, 0, 6, 0, 0, 2, 0, 0, 0, 1, 0, 0, 5, 0, 0];
const monthlyServiceLevel = (target: number): AgreementLine =>
  line({
    policy: 'order-up-to',
    reviewPeriodDays: 30,
    leadTimeDays: 30,
    maximum: 0,
    packMultiple: 1,
    serviceLevel: { measure: 'cycle-service-level', target },
    safetyStock: { method: 'service-level' },
  });

describe('what-if simulator', () => {
  it('with steady demand and lead time, stock never falls below the safety stock and nothing runs out', () => {
    const result = simulateWhatIf({
      line: line({ safetyStock: { method: 'fixed', quantity: 20 } }),
      demand: Array(90).fill(10),
      bucketDays: 1,
      warmUpBuckets: 10,
    });
    const measured = result.buckets.slice(10);
    expect(Math.min(...measured.map((bucket) => bucket.lowestOnHand))).toBe(20);
    expect([result.stockoutDays, result.cyclesWithStockout, result.fillRate, result.cycleServiceLevel]).toEqual([0, 0, 1, 1]);
    expect(result.orders).toBeGreaterThan(0);
  });

  it('replaying the same history places the same orders', () => {
    const input: WhatIfInput = { line: monthlyServiceLevel(0.95), demand: lumpyMonths, bucketDays: 30, warmUpBuckets: 12 };
    const first = simulateWhatIf(input);
    expect(first.orderLog.length).toBeGreaterThan(5);
    expect(simulateWhatIf(structuredClone(input))).toEqual(first);
  });

  it('decides each bucket on the past only: a different future leaves earlier orders alone', () => {
    const input: WhatIfInput = { line: monthlyServiceLevel(0.95), demand: lumpyMonths, bucketDays: 30 };
    const spiked = [...lumpyMonths.slice(0, 20), 40, 40, ...lumpyMonths.slice(22)];
    const before = (orders: { orderedAt: string }[]) => orders.filter((order) => order.orderedAt < '2001-08-01');
    const plain = simulateWhatIf(input).orderLog;
    const withSpike = simulateWhatIf({ ...input, demand: spiked }).orderLog;
    // Bucket 20 starts on 2001-08-23: orders before it cannot know of the spike.
    expect(before(withSpike)).toEqual(before(plain));
    expect(withSpike).not.toEqual(plain);
  });

  it('plans from a supplied outlook when given one, which sees only the buckets before', () => {
    const input: WhatIfInput = { line: monthlyServiceLevel(0.95), demand: lumpyMonths, bucketDays: 30 };
    const seen: number[][] = [];
    // A forecast of 3 a month, certain: order-up-to 6 for the two months of review and lead time.
    const steady = simulateWhatIf(input, (past, bucketDays) => {
      seen.push([...past]);
      return { perDay: 3 / bucketDays, stdDevPerDay: 0 };
    });
    expect(seen).toEqual(lumpyMonths.map((_, bucket) => lumpyMonths.slice(0, bucket)));
    expect(steady.orderLog[0].quantity).toBe(6);
    expect(steady.orderLog).not.toEqual(simulateWhatIf(input).orderLog);
  });

  it('accounts for every unit of demand: met from stock, backordered, or lost', () => {
    const input: WhatIfInput = {
      line: line({ maximum: 30, leadTimeDays: 10 }),
      demand: [0, 8, 25, 3, 0, 12, 30, 1, 0, 9, 14, 2, 40, 0, 5],
      bucketDays: 7,
      initialOnHand: 10,
    };
    const backorders = simulateWhatIf(input);
    const lostSales = simulateWhatIf({ ...input, unmetDemand: 'lost' });
    for (const result of [backorders, lostSales]) {
      expect(result.metFromStock + result.backordered + result.lost).toBeCloseTo(result.demand, 9);
      expect(result.fillRate).toBeCloseTo(result.metFromStock / result.demand, 12);
    }
    expect(backorders.lost).toBe(0);
    expect(backorders.backordered).toBeGreaterThan(0);
    expect(lostSales.backordered).toBe(0);
    expect(lostSales.lost).toBeGreaterThan(0);
  });

  it('counts a review cycle as out of stock when the order-up-to level does not cover review period and lead time', () => {
    // S = 20, R = L = 30 days: the review of month t-1 orders up to 20, its order arrives as month t starts,
    // and month t's cycle ends short when demand of months t-1 and t exceeds 20.
    const demand = [5, 5, 5, 5, 15, 5, 5, 12, 12, 5, 5, 5, 5, 25, 0, 5];
    const result = simulateWhatIf({
      line: line({ policy: 'order-up-to', reviewPeriodDays: 30, leadTimeDays: 30, minimum: 0, maximum: 20, packMultiple: 1 }),
      demand,
      bucketDays: 30,
      initialOnHand: 20,
      warmUpBuckets: 1,
    });
    // Measured cycles: months 1..15 (month 0 is warm-up). Short: 8 (12 + 12), 13 (5 + 25), 14 (25 + 0); 5 + 15 = 20 is not short.
    expect([result.cycles, result.cyclesWithStockout]).toEqual([15, 3]);
    expect(result.cycleServiceLevel).toBeCloseTo(12 / 15, 12);
  });

  it('leaves the warm-up out of the measures', () => {
    const input: WhatIfInput = { line: monthlyServiceLevel(0.9), demand: lumpyMonths, bucketDays: 30, warmUpBuckets: 12, initialOnHand: 0 };
    const result = simulateWhatIf(input);
    expect([result.measuredFrom, result.measuredTo, result.measuredDays]).toEqual(['2000-12-26', '2002-12-15', 720]);
    expect(result.demand).toBe(lumpyMonths.slice(12).reduce((sum, q) => sum + q, 0));
    expect(result.orderLog.filter((order) => order.measured)).toHaveLength(result.orders);
  });

  it('prices the stockout days and the months below the fill-rate floor with the line’s penalties', () => {
    const penalties = { perStockoutDay: 50, fillRateFloor: 0.9, perFillRateShortfall: 1000 };
    const result = simulateWhatIf({
      line: line({ maximum: 30, leadTimeDays: 10, penalties }),
      demand: [0, 8, 25, 3, 0, 12, 30, 1, 0, 9, 14, 2, 40, 0, 5],
      bucketDays: 7,
      initialOnHand: 10,
    });
    expect(result.stockoutDays).toBeGreaterThan(0);
    expect(result.monthsBelowFillRateFloor).toBeGreaterThan(0);
    expect(result.penaltyExposure).toMatchObject({
      stockoutDays: 50 * result.stockoutDays,
      fillRateShortfalls: 1000 * result.monthsBelowFillRateFloor,
      // No agreement allowance given: nothing per stockout beyond it.
      stockoutsBeyondAllowance: 0,
      total: 50 * result.stockoutDays + 1000 * result.monthsBelowFillRateFloor,
      currency: 'EUR',
    });
  });

  it('counts emergency orders, which arrive before a regular one could', () => {
    const result = simulateWhatIf({
      line: line({ minimum: 20, maximum: 60, leadTimeDays: 10, emergency: { allowed: true, leadTimeDays: 2 } }),
      demand: [...Array(20).fill(3), 45, ...Array(20).fill(3)],
      bucketDays: 1,
      initialOnHand: 60,
    });
    const emergency = result.orderLog.filter((order) => order.emergency);
    expect(emergency.length).toBeGreaterThan(0);
    expect(result.emergencyOrders).toBe(emergency.length);
    expect(Date.parse(emergency[0].dueAt) - Date.parse(emergency[0].orderedAt)).toBe(2 * 86_400_000);
  });

  it('names each field it rejects, with the value', () => {
    const bad = {
      line: { ...line(), maximum: -1 },
      demand: [1, -2],
      bucketDays: 0.5,
      warmUpBuckets: 2,
      validFrom: '2026-02-30',
      distribution: 'gamma',
      colour: 'red',
    };
    expect(() => simulateWhatIf(bad as unknown as WhatIfInput)).toThrow(
      [
        'invalid what-if input:',
        '  colour is not a known field',
        '  validFrom must be a date YYYY-MM-DD (got 2026-02-30)',
        '  demand[1] must be a number from 0 to 1000000000 (got -2)',
        '  bucketDays must be a whole number of days >= 1 (got 0.5)',
        '  warmUpBuckets must be a whole number from 0 to 1, leaving buckets to measure (got 2)',
        '  distribution must be one of by-demand-class, normal (got gamma)',
        '  line.maximum must be >= minimum',
      ].join('\n'),
    );
  });
});

describe('what-if agreement penalties', () => {
  it('checks the agreement’s allowance and currency by the agreements’ own rules, naming them as the input does', () => {
    const input = { line: line(), demand: [1], bucketDays: 1 };
    expect(
      whatIfProblems({ ...input, agreementPenalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 500 }, currency: 'USD' }),
    ).toEqual([]);
    expect(
      whatIfProblems({ ...input, agreementPenalties: { allowedStockoutsPerMonth: 0.5, penaltyPerStockout: -1 }, currency: 'euro' }),
    ).toEqual([
      'currency must be a 3-letter ISO 4217 code (got euro)',
      'agreementPenalties.allowedStockoutsPerMonth must be a whole number >= 0',
      'agreementPenalties.penaltyPerStockout must be >= 0',
    ]);
    expect(whatIfProblems({ ...input, agreementPenalties: 5 })).toEqual([
      'agreementPenalties must be an object { allowedStockoutsPerMonth, penaltyPerStockout }',
    ]);
  });
});

describe('what-if budgets', () => {
  const steady: WhatIfInput = { line: line(), demand: Array(400).fill(5), bucketDays: 1 };

  it('refuses a lead time beyond the bounds before simulating a day', () => {
    expect(whatIfProblems({ ...steady, line: line({ leadTimeDays: 1e9 }) })).toEqual([
      'line.leadTimeDays must be at most 365 (got 1000000000)',
    ]);
    expect(whatIfProblems({ ...steady, demand: [1, 1e12] })).toEqual([
      'demand[1] must be a number from 0 to 1000000000 (got 1000000000000)',
    ]);
  });

  it('counts the work a run asks for: buckets x (buckets + days planned ahead)', () => {
    expect(whatIfWork({ ...steady, line: line({ leadTimeDays: 30, reviewPeriodDays: 7, policy: 'order-up-to' }) })).toBe(
      400 * (400 + 30 + 7 + 1),
    );
    expect(whatIfWork({ line: line({ leadTimeDays: 365 }), demand: Array(3650).fill(1), bucketDays: 1 })).toBeLessThanOrEqual(
      MAX_WHAT_IF_WORK,
    );
  });

  it('gives up at its deadline, checked bucket by bucket', () => {
    let clock = 0;
    const deadline = { at: 100, now: () => (clock += 10) };
    expect(() => simulateWhatIf(steady, undefined, deadline)).toThrow(WhatIfTimeBudgetExceeded);
    expect(() => simulateWhatIf(steady, undefined, deadline)).toThrow(/after \d+ of 400 days/);
    expect(simulateWhatIf(steady, undefined, { at: Infinity, now: () => 0 })).toEqual(simulateWhatIf(steady));
  });
});
