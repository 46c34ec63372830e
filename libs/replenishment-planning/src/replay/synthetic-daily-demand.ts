import { SeededRandom } from '../safety-stock/seeded-random';

/**
 * Seeded daily demand of known process, for replaying continuous review day by day:
 * - lumpy: compound Bernoulli, a day has demand with probability `chance`, its size
 *   1 + Poisson(meanSize − 1) (several units at once, now and then many);
 * - steady: compound Poisson, Poisson(ordersPerDay) orders a day, each of geometric
 *   size with mean `meanSize` (demand most days, in varying amounts).
 * Whole units, oldest first.
 */
export function lumpyDailyDemand(days: number, seed: number, chance = 0.3, meanSize = 5): number[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: days }, () => (random.next() < chance ? 1 + poisson(random, meanSize - 1) : 0));
}

export function steadyDailyDemand(days: number, seed: number, ordersPerDay = 2, meanSize = 3): number[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: days }, () => {
    let total = 0;
    for (let order = poisson(random, ordersPerDay); order > 0; order--) total += geometric(random, meanSize);
    return total;
  });
}

/** Poisson by Knuth's product of uniforms: small means only. */
function poisson(random: SeededRandom, mean: number): number {
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random.next(); product > limit; product *= random.next()) count++;
  return count;
}

/** Geometric on 1, 2, … with the given mean. */
function geometric(random: SeededRandom, mean: number): number {
  return 1 + Math.floor(Math.log(1 - random.next()) / Math.log(1 - 1 / mean));
}
