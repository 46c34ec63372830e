import type { AgreementLine } from '@smi/agreements';
import { brakePadLine } from '../plan/line-fixture';
import { reorderLevelsFor } from '../policy/reorder-levels';
import { continuousLevelFromHistory, MAX_ATOMS, undershootBelowBand, undershootFromReviews, undershootOf } from './undershoot';

const line = (overrides: Partial<AgreementLine> = {}): AgreementLine =>
  brakePadLine({
    minimum: 0,
    maximum: 200,
    packMultiple: 1,
    serviceLevel: { measure: 'cycle-service-level', target: 0.95 },
    safetyStock: { method: 'service-level' },
    ...overrides,
  });

describe('undershoot of continuous review', () => {
  it('whole units: P(U = u) = P(D > u) / E[D], E[U] = (E[D²] − E[D]) / 2E[D]', () => {
    // Demands 1, 2 and 4 (7 units): P(U=0) = 3/7, P(U=1) = 2/7, P(U=2) = P(U=3) = 1/7.
    const undershoot = undershootFromReviews([0, 1, 0, 2, 4, 0]);
    expect([...undershoot.values]).toEqual([0, 1, 2, 3]);
    [3 / 7, 2 / 7, 1 / 7, 1 / 7].forEach((chance, u) => expect(undershoot.chances[u]).toBeCloseTo(chance, 12));
    // E[D] = 7/3, E[D²] = 7 over the days with demand: (7 − 7/3) / (14/3) = 1.
    expect(undershoot.mean).toBeCloseTo(1, 12);
    // E[U²] = (2E[D³] − 3E[D²] + E[D]) / 6E[D] = (146/3 − 21 + 7/3) / 14 = 15/7; variance 15/7 − 1 = 8/7.
    expect(undershoot.variance).toBeCloseTo(8 / 7, 12);
  });

  it('continuous quantities: U = V·D*, so one size of 2.5 gives U uniform on (0, 2.5): mean 1.25, variance 2.5²/12', () => {
    const undershoot = undershootFromReviews([2.5, 0, 2.5]);
    expect(undershoot.mean).toBeCloseTo(1.25, 12);
    // Sixteen points of V stand for the uniform: 2.5² × (1 − 1/16²) / 12.
    expect(undershoot.variance).toBeCloseTo((2.5 ** 2 * (1 - 1 / 256)) / 12, 12);
  });

  it('keeps at most MAX_ATOMS values for long histories, with the mean kept exactly', () => {
    const reviews = Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? 0 : 0.5 + ((i * 37) % 91)));
    const undershoot = undershootFromReviews(reviews);
    expect(undershoot.values.length).toBeLessThanOrEqual(MAX_ATOMS);
    const sizes = reviews.filter((q) => q > 0);
    const [first, second] = [1, 2].map((k) => sizes.reduce((sum, q) => sum + q ** k, 0) / sizes.length);
    expect(undershoot.values.reduce((sum, v, i) => sum + v * undershoot.chances[i], 0)).toBeCloseTo(second / (2 * first), 9);
  });

  it('takes very large whole demands as continuous: E[U] = E[D²] / 2E[D] (10,000 and 20,000: 8,333.33)', () => {
    const undershoot = undershootFromReviews([10_000, 0, 20_000]);
    expect(undershoot.mean).toBeCloseTo(8333.33, 2);
    expect(undershootBelowBand([10_000, 0, 20_000], 5).mean).toBeCloseTo(8333.33, 2);
  });

  it('is none without demand, and unknown when the caller does not review at a fixed grain', () => {
    expect(undershootFromReviews([0, 0]).mean).toBe(0);
    expect(undershootOf({})).toBeUndefined();
  });

  it('(s,S) starts each cycle at S: a band of one unit gives U = D − 1, a band of two the renewal sum', () => {
    const reviews = [0, 1, 0, 2, 4, 0];
    const narrow = undershootBelowBand(reviews, 1);
    expect([...narrow.values]).toEqual([0, 1, 2, 3]);
    [1 / 3, 1 / 3, 0, 1 / 3].forEach((chance, u) => expect(narrow.chances[u]).toBeCloseTo(chance, 12));
    // Δ = 2: r(0) = 1, r(1) = f(1) = 1/3; P(U = u) = f(2 + u) + f(1 + u)/3.
    const two = undershootBelowBand(reviews, 2);
    [4 / 9, 1 / 9, 3 / 9, 1 / 9].forEach((chance, u) => expect(two.chances[u]).toBeCloseTo(chance, 12));
    // Whole units: a band of 1.5 is crossed as a band of 2 is, counted from the whole position the order comes at.
    expect(undershootBelowBand(reviews, 1.5)).toMatchObject({ values: two.values, chances: two.chances, mean: two.mean });
    // A band of many demands: the stationary excess.
    expect(undershootBelowBand(reviews, 400).mean).toBeCloseTo(undershootFromReviews(reviews).mean, 6);
  });

  it('normal theory: reorder point = expected demand + E[U] + z·√(σ²·L + Var[U]) (20 + 1 + 1.645 × √(16 + 8/7) = 27.81)', () => {
    const levels = reorderLevelsFor({
      line: line({ policy: 'fixed-quantity', fixedOrderQuantity: 50 }),
      demand: { perDay: 5, stdDevPerDay: 2, demandPerReview: [0, 1, 0, 2, 4, 0] },
      protectionDays: 4,
      reviewDays: 0,
    });
    expect(levels.reorderPoint).toBeCloseTo(27.81, 2);
    expect(levels.expectedUndershoot).toBeCloseTo(1, 12);
    expect(levels.safetyStock).toBeCloseTo(6.81, 2);
    expect(levels.basis[0]).toContain('reorder point 27.81 = expected demand 20 over 4 days + expected undershoot 1 (');
  });

  it('plans no undershoot for periodic policies, which order at reviews whatever the position passed', () => {
    const levels = reorderLevelsFor({
      line: line({ policy: 'order-up-to', reviewPeriodDays: 7 }),
      demand: { perDay: 5, stdDevPerDay: 2, demandPerReview: [0, 1, 0, 2, 4, 0] },
      protectionDays: 11,
      reviewDays: 7,
    });
    expect(levels.expectedUndershoot).toBe(0);
  });

  describe("from the item's own history: the resampled lead-time demand plus the undershoot", () => {
    // Two units every day: lead-time demand over 3 days is 6, the undershoot 0 or 1 with even chances. The history is
    // resampled as it is ('markov-kernel'), so the arithmetic of the undershoot is seen alone; the engine's compound
    // model adds the uncertainty of the rate (compound-demand.spec.ts).
    const question = (cycleDemand: number) => ({
      demand: { perDay: 2, stdDevPerDay: 0, history: { bucketDays: 1, quantities: Array(30).fill(2) } },
      protectionDays: 3,
      cycleDemand,
    });
    const undershoot = undershootFromReviews(Array(30).fill(2));

    it('cycle service level: the smallest s with P(6 + U ≤ s) at least the target', () => {
      const at = (target: number) =>
        continuousLevelFromHistory(question(10), { measure: 'cycle-service-level', target }, undershoot, 'markov-kernel')!;
      expect([at(0.5).quantity + 6.5, at(0.5).promisedServiceLevel]).toEqual([6, 0.5]);
      expect([at(0.9).quantity + 6.5, at(0.9).promisedServiceLevel]).toEqual([7, 1]);
    });

    it('fill rate: expected shortage per order E[(6 + U − s)⁺] against what an order brings (s = 6 short by 0.5 of 10: 95%)', () => {
      const at = (target: number) =>
        continuousLevelFromHistory(question(10), { measure: 'fill-rate', target }, undershoot, 'markov-kernel')!;
      expect([at(0.95).quantity + 6.5, at(0.95).promisedServiceLevel]).toEqual([6, 0.95]);
      expect(at(0.96).quantity + 6.5).toBe(7);
    });
  });
});
