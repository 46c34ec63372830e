import fc from 'fast-check';
import { leadTimeDemandQuantile, levelForFillRate, MIN_HISTORY_BUCKETS, type Resampling } from './lead-time-demand';
import { SeededRandom } from './seeded-random';

/** Poisson(mean) demand per bucket, seeded. */
function poissonHistory(buckets: number, mean: number, seed: number): number[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: buckets }, () => {
    let count = 0;
    for (let p = random.next(); p > Math.exp(-mean); p *= random.next()) count++;
    return count;
  });
}

const poissonCdf = (q: number, mean: number) => {
  if (q < 0) return 0;
  let term = Math.exp(-mean);
  let sum = term;
  for (let k = 1; k <= q; k++) sum += term *= mean / k;
  return sum;
};
/** E[(D − s)⁺] for D ~ Poisson(mean). */
const poissonShortage = (s: number, mean: number) => {
  let below = 0;
  for (let k = 0; k < s; k++) below += (s - k) * (poissonCdf(k, mean) - poissonCdf(k - 1, mean));
  return mean - s + below;
};

const lumpy = [0, 0, 6, 0, 0, 0, 14, 0, 0, 3, 0, 0, 0, 1, 0, 0, 22, 0, 0, 0, 2, 0, 0, 5];

describe('lead-time demand from the item’s own history (bootstrap)', () => {
  it('gives the same level for the same history every time', () => {
    const history = { bucketDays: 30, quantities: lumpy };
    const first = [0.8, 0.9, 0.95, 0.99].map((p) => leadTimeDemandQuantile(history, 60, p)?.level);
    const again = [0.8, 0.9, 0.95, 0.99].map((p) => leadTimeDemandQuantile({ bucketDays: 30, quantities: [...lumpy] }, 60, p)?.level);
    expect(again).toEqual(first);
    expect(levelForFillRate(history, 60, 0.9, 30)?.level).toBe(levelForFillRate({ ...history }, 60, 0.9, 30)?.level);
  });

  it('never plans less stock for a higher cycle service level', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 1, max: 40 })), { minLength: 24, maxLength: 60 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        (quantities, p, q) => {
          const history = { bucketDays: 7, quantities };
          const [low, high] = p < q ? [p, q] : [q, p];
          expect(leadTimeDemandQuantile(history, 21, low)!.level).toBeLessThanOrEqual(leadTimeDemandQuantile(history, 21, high)!.level);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('matches the exact Poisson quantile of demand over the interval on a long Poisson history', () => {
    // 0.4 a day for 3,000 days; over 10 days demand is Poisson(4). Each probability lies midway between two
    // steps of its distribution function, as far as can be from where sampling noise would tip the answer.
    const history = { bucketDays: 1, quantities: poissonHistory(3000, 0.4, 7) };
    for (const probability of [0.53, 0.71, 0.84, 0.92, 0.96]) {
      let exact = 0;
      while (poissonCdf(exact, 4) < probability) exact++;
      const found = leadTimeDemandQuantile(history, 10, probability)!;
      // The promise is the share of demand the level covers: the exact distribution function there, within sampling error.
      expect([probability, found.level, Math.abs(found.promised - poissonCdf(exact, 4)) < 0.04]).toEqual([probability, exact, true]);
    }
  });

  it('markov-kernel-tsb plans at the item’s current level (TSB): more after demand grew, less after it faded', () => {
    const grown = [...poissonHistory(24, 2, 3), ...poissonHistory(12, 6, 4)];
    const faded = [...poissonHistory(24, 6, 5), ...poissonHistory(12, 1, 6)];
    const level = (quantities: number[], resampling: Resampling) =>
      leadTimeDemandQuantile({ bucketDays: 30, quantities }, 60, 0.95, resampling)!.level;
    expect(level(grown, 'markov-kernel-tsb')).toBeGreaterThan(level(grown, 'markov-kernel'));
    expect(level(faded, 'markov-kernel-tsb')).toBeLessThan(level(faded, 'markov-kernel'));
    // Over 60 days at 6 a month demand is Poisson(12): its 95% quantile is 18.
    expect(Math.abs(level(grown, 'markov-kernel-tsb') - 18)).toBeLessThanOrEqual(4);
  });

  it('promises at least the target, and says by how much whole units overshoot it', () => {
    const history = { bucketDays: 30, quantities: lumpy };
    for (const target of [0.8, 0.9, 0.95]) {
      const csl = leadTimeDemandQuantile(history, 60, target)!;
      const fill = levelForFillRate(history, 60, target, 30)!;
      expect([csl.promised >= target, csl.promised < 1, fill.promised >= target]).toEqual([true, true, true]);
    }
  });

  it('matches the exact fill-rate level of (R,S) on a long Poisson history: shortage per review over demand per review', () => {
    // Lead time 4 days + review 6 days: the cycle's shortage is E[(D(10) − S)⁺] − E[(D(4) − S)⁺], over 6 × 0.4 a review.
    const history = { bucketDays: 1, quantities: poissonHistory(3000, 0.4, 11) };
    for (const fillRate of [0.8, 0.9, 0.95, 0.99]) {
      let exact = 0;
      while (1 - (poissonShortage(exact, 4) - poissonShortage(exact, 1.6)) / 2.4 < fillRate) exact++;
      expect([fillRate, levelForFillRate(history, 10, fillRate, 6)?.level]).toEqual([fillRate, exact]);
    }
  });

  it('resampling the history alone plans exactly the demand of a steady item, whatever the target', () => {
    const history = { bucketDays: 7, quantities: Array(20).fill(4) };
    expect([0.5, 0.95, 0.999].map((p) => leadTimeDemandQuantile(history, 14, p, 'markov-kernel')?.level)).toEqual([8, 8, 8]);
    expect(levelForFillRate(history, 14, 0.99, 7, 'markov-kernel')?.level).toBe(8);
  });

  it('the compound model plans a steady item its demand at the median, and a little more at high targets: 20 weeks do not prove every week has demand', () => {
    const history = { bucketDays: 7, quantities: Array(20).fill(4) };
    const levels = [0.5, 0.95, 0.999].map((p) => leadTimeDemandQuantile(history, 14, p)!.level);
    expect(levels[0]).toBe(8);
    expect(levels[2]).toBeGreaterThan(8);
    expect(levels[2]).toBeLessThanOrEqual(12);
  });

  it('counts a bucket the interval covers in part with the chance of the part covered', () => {
    // 7 a week, protection 10 days: one whole week and 3/7 of the next, so 7 or 14, 14 with chance 3/7.
    const history = { bucketDays: 7, quantities: Array(20).fill(7) };
    expect(leadTimeDemandQuantile(history, 10, 0.5, 'markov-kernel')?.level).toBe(7);
    expect(leadTimeDemandQuantile(history, 10, 0.62, 'markov-kernel')?.level).toBe(14);
    expect(leadTimeDemandQuantile(history, 7, 0.99, 'markov-kernel')?.level).toBe(7);
  });

  it('plans for more than the largest bucket seen when demand comes in runs', () => {
    // Non-zero months follow each other: two large months in a row are likely, and the bootstrap keeps that.
    const runs = [0, 0, 0, 9, 8, 0, 0, 0, 0, 7, 9, 0, 0, 0, 0, 8, 8, 0, 0, 0, 0, 9, 7, 0];
    expect(leadTimeDemandQuantile({ bucketDays: 30, quantities: runs }, 60, 0.9)?.level).toBeGreaterThanOrEqual(14);
  });

  it('can instead take the runs of consecutive buckets the history shows, each once (for comparison)', () => {
    // Two-month runs of 1..12: 3, 5, ..., 23; the median of the 11 is 13.
    const months = { bucketDays: 30, quantities: Array.from({ length: 12 }, (_, i) => i + 1) };
    expect(leadTimeDemandQuantile(months, 60, 0.5, 'windows')?.level).toBe(13);
    expect(leadTimeDemandQuantile(months, 60, 0.99, 'windows')?.level).toBe(23);
  });

  it('plans nothing for an item without demand in a long history', () => {
    expect(leadTimeDemandQuantile({ bucketDays: 30, quantities: Array(24).fill(0) }, 60, 0.95)?.level).toBe(0);
    expect(levelForFillRate({ bucketDays: 30, quantities: Array(24).fill(0) }, 60, 0.95, 30)?.level).toBe(0);
  });

  it(`says nothing when the history is too short: under ${MIN_HISTORY_BUCKETS} buckets, or under two protection intervals`, () => {
    expect(
      leadTimeDemandQuantile({ bucketDays: 30, quantities: lumpy.slice(0, MIN_HISTORY_BUCKETS - 1) }, 60, 0.95)?.level,
    ).toBeUndefined();
    expect(leadTimeDemandQuantile({ bucketDays: 30, quantities: lumpy.slice(0, MIN_HISTORY_BUCKETS) }, 60, 0.95)?.level).toBeDefined();
    expect(levelForFillRate({ bucketDays: 30, quantities: lumpy.slice(0, 13) }, 210, 0.95)?.level).toBeUndefined();
    expect(levelForFillRate({ bucketDays: 30, quantities: lumpy.slice(0, 14) }, 210, 0.95)?.level).toBeDefined();
  });

  it('names the field and the value it rejects', () => {
    expect(() => leadTimeDemandQuantile({ bucketDays: 0, quantities: lumpy }, 60, 0.95)?.level).toThrow(
      'history.bucketDays must be a number above 0 (got 0)',
    );
    expect(() => leadTimeDemandQuantile({ bucketDays: 30, quantities: [...lumpy, -1] }, 60, 0.95)?.level).toThrow(
      'history.quantities[24] must be a number >= 0 (got -1)',
    );
    expect(() => leadTimeDemandQuantile({ bucketDays: 30, quantities: lumpy }, -1, 0.95)?.level).toThrow(
      'protectionDays must be a number >= 0 (got -1)',
    );
    expect(() => leadTimeDemandQuantile({ bucketDays: 30, quantities: lumpy }, 60, 1)?.level).toThrow(
      'probability must be between 0 and 1 exclusive (got 1)',
    );
    expect(() => levelForFillRate({ bucketDays: 30, quantities: lumpy }, 60, 0.9, 0)?.level).toThrow(
      'cycleDays must be a number above 0 (got 0)',
    );
  });
});
