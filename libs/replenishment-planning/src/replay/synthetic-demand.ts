import { SeededRandom } from '../safety-stock/seeded-random';
import type { StudyItem } from './demand-history-replay';

/**
 * Long smooth series, seeded: gamma-distributed monthly demand rounded to
 * units, each item its own mean (20 to 500 a month) and coefficient of
 * variation (0.1 to 0.6, so CV² stays under the 0.49 cut-off).
 */
export function syntheticSmoothItems(count: number, months: number, seed: number): StudyItem[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const mean = 20 + 480 * random.next();
    const variation = 0.1 + 0.5 * random.next();
    const shape = 1 / variation ** 2;
    return { id: `smooth-${i + 1}`, demand: Array.from({ length: months }, () => Math.round((random.gamma(shape) * mean) / shape)) };
  });
}

/** How a synthetic intermittent series comes: how many demands a month, and how large each is. */
export interface IntermittentProcess {
  /** Bernoulli: at most one demand a month; Poisson: any number. */
  arrivals: 'bernoulli' | 'poisson';
  /** Sizes: lognormal (σ of the log 1) or Pareto (tail index 1.5, heavy: finite mean, infinite variance). */
  sizes: 'lognormal' | 'pareto';
}

/**
 * Intermittent and lumpy series of a known process, seeded: each item its own
 * rate of demands (0.05 to 0.5 a month) and median size (1 to 10 units),
 * sizes rounded up to whole units. The process is what the item's history is
 * drawn from, so what a model ought to promise is known.
 */
export function syntheticIntermittentItems(count: number, months: number, seed: number, process: IntermittentProcess): StudyItem[] {
  const random = new SeededRandom(seed);
  const size = (median: number) =>
    Math.ceil(
      process.sizes === 'lognormal' ? median * Math.exp(random.normal()) : median * 0.5 ** (1 / 1.5) * (1 - random.next()) ** (-1 / 1.5),
    );
  const demands = (rate: number) => {
    if (process.arrivals === 'bernoulli') return random.next() < rate ? 1 : 0;
    // Poisson by counting uniform products above e^(−rate).
    let n = 0;
    for (let product = random.next(), floor = Math.exp(-rate); product > floor; product *= random.next()) n++;
    return n;
  };
  return Array.from({ length: count }, (_, i) => {
    const rate = 0.05 + 0.45 * random.next();
    const median = 1 + 9 * random.next();
    const demand = Array.from({ length: months }, () => {
      let total = 0;
      for (let n = demands(rate); n > 0; n--) total += size(median);
      return total;
    });
    return { id: `${process.arrivals}-${process.sizes}-${i + 1}`, demand };
  });
}
