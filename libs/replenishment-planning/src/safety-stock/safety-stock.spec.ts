import { protectionIntervalStdDev, safetyStockFor, type SafetyStockQuestion } from './safety-stock';

// Chopra & Meindl, Supply Chain Management: Strategy, Planning, and Operation, 6th ed.,
// ch. 12 "Managing Uncertainty in a Supply Chain: Safety Inventory". The book's
// period is a week in some examples: the engine's "day" is then the book's week.
const cycleServiceLevel = (target: number) => ({ measure: 'cycle-service-level' as const, target });
const fillRate = (target: number) => ({ measure: 'fill-rate' as const, target });
const question = (overrides: Partial<SafetyStockQuestion>): SafetyStockQuestion => ({
  rule: { method: 'service-level' },
  demand: { perDay: 2500, stdDevPerDay: 500 },
  protectionDays: 2,
  leadTimeStdDevDays: 0,
  reviewDays: 0,
  cycleDemand: 10_000,
  ...overrides,
});

describe('safety stock', () => {
  describe('normal theory, checked against Chopra & Meindl 6th ed. ch. 12', () => {
    it('safety inventory for a 90% cycle service level: weekly demand 2,500 ± 500, lead time 4 weeks -> σL = 1,000, ss = Φ⁻¹(0.9)·1,000 = 1,282', () => {
      const ss = safetyStockFor(question({ serviceLevel: cycleServiceLevel(0.9), protectionDays: 4 }))!;
      expect(ss.method).toBe('normal');
      expect(Math.round(ss.quantity)).toBe(1282);
      expect(ss.serviceLevelTarget).toBe(0.9);
    });

    it.each([
      [0.975, 67],
      [0.98, 183],
      [0.985, 321],
      [0.99, 499],
      [0.995, 767],
    ])(
      'safety inventory for a fill rate of %p: lot 10,000, weekly demand 2,500 ± 500, lead time 2 weeks (σL = 707) -> ss = %p',
      (target, bookSafetyStock) => {
        // The book carries σL rounded to 707, so the weekly σ is set to give exactly that.
        const ss = safetyStockFor(question({ serviceLevel: fillRate(target), demand: { perDay: 2500, stdDevPerDay: 707 / Math.SQRT2 } }))!;
        expect(ss.method).toBe('normal');
        expect(Math.round(ss.quantity)).toBe(bookSafetyStock);
      },
    );

    it('lead-time uncertainty: daily demand 2,500 ± 500, lead time 7 ± 7 days, CSL 90% -> σL = 17,550, ss = 22,491', () => {
      const q = question({ serviceLevel: cycleServiceLevel(0.9), protectionDays: 7, leadTimeStdDevDays: 7 });
      expect(Math.round(protectionIntervalStdDev(q))).toBe(17_550);
      expect(Math.round(safetyStockFor(q)!.quantity)).toBe(22_491);
    });

    it.each([
      [6, 15_058, 19_298],
      [4, 10_087, 12_927],
      [2, 5_172, 6_628],
      [0, 1_323, 1_695],
    ])('lead-time uncertainty, sL reduced to %p days -> σL = %p, ss = %p', (sL, sigmaL, bookSafetyStock) => {
      const q = question({ serviceLevel: cycleServiceLevel(0.9), protectionDays: 7, leadTimeStdDevDays: sL });
      expect(Math.round(protectionIntervalStdDev(q))).toBe(sigmaL);
      expect(Math.round(safetyStockFor(q)!.quantity)).toBe(bookSafetyStock);
    });
  });

  describe("from the forecast's backtest error over its lead time", () => {
    it('takes the demand part of σ from the error variance, scaled to the protection interval: 4 days with an error variance of 360,000 over 2 days -> σ 848.53', () => {
      // 360,000 over 2 days is 720,000 over 4; with no lead-time variation σ = √720,000.
      const q = question({
        serviceLevel: cycleServiceLevel(0.9),
        protectionDays: 4,
        demand: { perDay: 2500, stdDevPerDay: 500, leadTimeError: { variance: 360_000, overDays: 2 } },
      });
      expect(protectionIntervalStdDev(q)).toBeCloseTo(848.53, 2);
      expect(safetyStockFor(q)!.quantity).toBeCloseTo(1.2816 * 848.53, 0);
    });

    it('still adds the lead-time variation: d²·σL² on top of the forecast error', () => {
      const q = question({
        serviceLevel: cycleServiceLevel(0.9),
        protectionDays: 7,
        leadTimeStdDevDays: 7,
        demand: { perDay: 2500, stdDevPerDay: 500, leadTimeError: { variance: 7 * 500 ** 2, overDays: 7 } },
      });
      expect(Math.round(protectionIntervalStdDev(q))).toBe(17_550);
    });

    it('says the σ comes from the backtest', () => {
      const q = question({
        serviceLevel: cycleServiceLevel(0.9),
        protectionDays: 4,
        demand: { perDay: 2500, stdDevPerDay: 500, leadTimeError: { variance: 360_000, overDays: 2 } },
      });
      expect(safetyStockFor(q)!.basis).toContain('(forecast error 600 over 2 days in backtest)');
    });
  });

  it('says how it was set, with the numbers', () => {
    expect(safetyStockFor(question({ serviceLevel: cycleServiceLevel(0.9), protectionDays: 4 }))!.basis).toBe(
      'normal theory: z 1.28 for a 90% cycle service level × σ 1000 over 4 days = 1281.55',
    );
    expect(safetyStockFor(question({ serviceLevel: fillRate(0.975) }))!.basis).toBe(
      'normal theory: k 0.09 from G(k) = expected shortage 250 (2.5% of 10000 a cycle) / σ 707.11 over 2 days, for a 97.5% fill rate = 66.7',
    );
  });

  it('uses a service level agreed without a safety-stock rule', () => {
    expect(safetyStockFor(question({ rule: undefined, serviceLevel: cycleServiceLevel(0.95) }))!.method).toBe('normal');
  });

  it('plans no safety stock for a fill rate when demand does not vary', () => {
    const ss = safetyStockFor(question({ serviceLevel: fillRate(0.99), demand: { perDay: 10, stdDevPerDay: 0 } }))!;
    expect(ss.quantity).toBe(0);
    expect(ss.basis).toBe('no safety stock for a 99% fill rate: demand does not vary');
  });

  it('takes a fixed quantity as agreed, and days of cover at the forecast', () => {
    expect(safetyStockFor(question({ rule: { method: 'fixed', quantity: 25 } }))).toEqual({
      method: 'fixed',
      quantity: 25,
      serviceLevelTarget: null,
      promisedServiceLevel: null,
      basis: 'fixed safety stock 25 as agreed',
    });
    const cover = safetyStockFor(question({ rule: { method: 'days-of-cover', days: 3 }, demand: { perDay: 12.5, stdDevPerDay: 4 } }))!;
    expect([cover.method, cover.quantity, cover.basis]).toEqual([
      'days-of-cover',
      37.5,
      'safety stock of 3 days of cover at 12.5 a day = 37.5',
    ]);
  });

  it('has none when neither a rule nor a service level is agreed (the minimum then acts as reorder point)', () => {
    expect(safetyStockFor(question({ rule: undefined }))).toBeUndefined();
  });

  it('refuses a service-level rule without a target, naming the field', () => {
    expect(() => safetyStockFor(question({ serviceLevel: undefined }))).toThrow(
      'serviceLevel is required for safetyStock.method service-level (got none)',
    );
  });
});
