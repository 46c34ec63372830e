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
    return { id: `smooth-${i + 1}`, demand: Array.from({ length: months }, () => Math.round((gamma(random, shape) * mean) / shape)) };
  });
}

/** A Gamma(shape, 1) number by Marsaglia & Tsang (2000); shape >= 1 here. */
function gamma(random: SeededRandom, shape: number): number {
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x: number;
    let v: number;
    do {
      x = random.normal();
      v = 1 + c * x;
    } while (v <= 0);
    v = v ** 3;
    const u = random.next();
    if (u < 1 - 0.0331 * x ** 4 || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}
