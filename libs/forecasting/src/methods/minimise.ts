/**
 * Nelder-Mead (1965) simplex search for the smoothing constants that minimise
 * an in-sample error. Each constant lives in its own interval; the search runs
 * on the logit of its place in the interval, so any step stays inside.
 * Deterministic: the same function and start give the same answer.
 */
export interface Bounds {
  low: number;
  high: number;
}

export function minimise(error: (parameters: number[]) => number, start: readonly number[], bounds: readonly Bounds[], iterations = 300): number[] {
  const toInside = (free: number[]) => free.map((x, i) => bounds[i].low + (bounds[i].high - bounds[i].low) / (1 + Math.exp(-x)));
  const toFree = (inside: readonly number[]) =>
    inside.map((p, i) => {
      const share = Math.min(1 - 1e-6, Math.max(1e-6, (p - bounds[i].low) / (bounds[i].high - bounds[i].low)));
      return Math.log(share / (1 - share));
    });
  const cost = (free: number[]) => {
    const value = error(toInside(free));
    return Number.isFinite(value) ? value : Number.MAX_VALUE;
  };
  const n = start.length;
  const origin = toFree(start);
  let simplex = [origin, ...origin.map((_, i) => origin.map((x, j) => (i === j ? x + 1 : x)))].map((point) => ({ point, value: cost(point) }));
  for (let iteration = 0; iteration < iterations; iteration++) {
    simplex.sort((a, b) => a.value - b.value);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.value - best.value) <= 1e-7 * (Math.abs(best.value) + 1e-12)) break;
    const centroid = origin.map((_, j) => simplex.slice(0, n).reduce((sum, s) => sum + s.point[j], 0) / n);
    const along = (t: number) => centroid.map((c, j) => c + t * (worst.point[j] - c));
    const reflected = { point: along(-1), value: 0 };
    reflected.value = cost(reflected.point);
    if (reflected.value < best.value) {
      const expanded = { point: along(-2), value: 0 };
      expanded.value = cost(expanded.point);
      simplex[n] = expanded.value < reflected.value ? expanded : reflected;
    } else if (reflected.value < simplex[n - 1].value) {
      simplex[n] = reflected;
    } else {
      const contracted = { point: along(reflected.value < worst.value ? -0.5 : 0.5), value: 0 };
      contracted.value = cost(contracted.point);
      if (contracted.value < Math.min(worst.value, reflected.value)) {
        simplex[n] = contracted;
      } else {
        // Shrink towards the best point.
        simplex = simplex.map((s, i) => (i === 0 ? s : { point: s.point.map((x, j) => best.point[j] + 0.5 * (x - best.point[j])), value: 0 }));
        for (let i = 1; i <= n; i++) simplex[i].value = cost(simplex[i].point);
      }
    }
  }
  simplex.sort((a, b) => a.value - b.value);
  return toInside(simplex[0].point);
}
