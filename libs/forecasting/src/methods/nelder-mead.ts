/**
 * Nelder-Mead (1965) simplex search as statsforecast 2.1.1 runs it for its
 * ETS models (include/statsforecast/nelder_mead.h, called from src/ets.cpp):
 * - the start is clamped into the box [lower, upper]; the first simplex is
 *   the start and, for each coordinate i, the start with coordinate i times
 *   1 + initialStep (zeroStep if it is 0), clamped;
 * - adaptive coefficients (Gao & Han 2012): reflection 1, expansion
 *   1 + 2/n, contraction 0.75 − 1/(2n), shrink 1 − 1/n for n coordinates;
 * - every trial point is clamped into the box; nothing else is checked;
 * - it stops when the population standard deviation of the simplex's values
 *   falls below `tolerance`, or after `maxIterations`, and returns the point
 *   that was best when the last iteration began.
 * Deterministic: the same function and start give the same answer.
 */
export interface NelderMeadSettings {
  initialStep: number;
  zeroStep: number;
  tolerance: number;
  maxIterations: number;
}

export interface NelderMeadResult {
  point: Float64Array;
  value: number;
  iterations: number;
}

/** The objective reads the point it is given and must not keep it. */
export type Objective = (point: Float64Array) => number;

/**
 * Optionally, the objective's values at several points at once, exactly as
 * one by one: lets an objective run independent passes side by side. The
 * search then values each iteration's expansion together with its
 * reflection (the same values; the expansion's unused when the reflection is
 * not the best point yet), which costs little when a pass is bound by its
 * chain of dependent operations.
 */
export type BatchObjective = (points: readonly Float64Array[], count: number, values: Float64Array) => void;

export function nelderMead(
  objective: Objective,
  start: readonly number[],
  lower: readonly number[],
  upper: readonly number[],
  settings: NelderMeadSettings,
  batch?: BatchObjective,
): NelderMeadResult {
  const n = start.length;
  // Only coordinates with a finite bound need clamping: max(x, −∞) and min(x, ∞) are x.
  const boxed = new Int32Array(start.map((_, j) => j).filter((j) => lower[j] > -Infinity || upper[j] < Infinity));
  const low = new Float64Array(lower);
  const high = new Float64Array(upper);
  const clamp = (point: Float64Array) => {
    for (let b = 0; b < boxed.length; b++) {
      const j = boxed[b];
      point[j] = Math.min(Math.max(point[j], low[j]), high[j]);
    }
  };
  const valueAll = (points: Float64Array[], count: number, into: Float64Array) => {
    if (batch) batch(points, count, into);
    else for (let i = 0; i < count; i++) into[i] = objective(points[i]);
  };
  const expansion = 1 + 2 / n;
  const contraction = 0.75 - 1 / (2 * n);
  const shrink = 1 - 1 / n;
  const { maxIterations, tolerance } = settings;

  const origin = new Float64Array(start);
  clamp(origin);
  const simplex: Float64Array[] = [];
  for (let i = 0; i <= n; i++) {
    const vertex = new Float64Array(origin);
    if (i < n)
      vertex[i] = Math.min(Math.max(vertex[i] === 0 ? settings.zeroStep : vertex[i] * (1 + settings.initialStep), lower[i]), upper[i]);
    simplex.push(vertex);
  }
  const values = new Float64Array(n + 1);
  valueAll(simplex, n + 1, values);

  const order = new Int32Array(n + 1);
  const centroid = new Float64Array(n);
  // The reflection and the expansion, valued together when there is a batch; a contraction; what a shrink values.
  const pair: Float64Array[] = [new Float64Array(n), new Float64Array(n)];
  const pairValues = new Float64Array(2);
  const contracted: Float64Array[] = [new Float64Array(n)];
  const contractedValue = new Float64Array(1);
  const shrunk: Float64Array[] = [];
  const shrunkValues = new Float64Array(n);
  let best = 0;
  let iteration = 0;
  for (; iteration < maxIterations; iteration++) {
    // Ordered by value, ties in their place: libstdc++'s std::sort of up to 16 indices is an insertion sort (with more, ties may order differently).
    order[0] = 0;
    for (let i = 1; i <= n; i++) {
      const value = values[i];
      let k = i;
      for (; k > 0 && value < values[order[k - 1]]; k--) order[k] = order[k - 1];
      order[k] = i;
    }
    best = order[0];
    const worst = order[n];
    const secondWorst = order[n - 1];
    if (standardDeviation(values) < tolerance) break;

    // The centroid of all but the worst: every vertex summed in order, less the worst (as Eigen's colwise sum).
    const worstPoint = simplex[worst];
    centroid.set(simplex[0]);
    for (let i = 1; i <= n; i++) {
      const vertex = simplex[i];
      for (let j = 0; j < n; j++) centroid[j] += vertex[j];
    }
    const [reflected, expanded] = pair;
    for (let j = 0; j < n; j++) {
      centroid[j] = (centroid[j] - worstPoint[j]) / n;
      reflected[j] = centroid[j] + (centroid[j] - worstPoint[j]);
    }
    clamp(reflected);
    for (let j = 0; j < n; j++) expanded[j] = centroid[j] + expansion * (reflected[j] - centroid[j]);
    clamp(expanded);
    if (batch) batch(pair, 2, pairValues);
    else pairValues[0] = objective(reflected);
    const reflectedValue = pairValues[0];

    let taken = -1; // which of the pair replaces the worst vertex
    if (values[best] <= reflectedValue && reflectedValue < values[secondWorst]) {
      taken = 0;
    } else if (reflectedValue < values[best]) {
      if (!batch) pairValues[1] = objective(expanded);
      taken = pairValues[1] < reflectedValue ? 1 : 0;
    }
    if (taken >= 0) {
      simplex[worst] = pair[taken];
      values[worst] = pairValues[taken];
      pair[taken] = worstPoint;
      continue;
    }
    // Contraction: outside when the reflection beats the worst, inside when it does not.
    const outside = values[secondWorst] <= reflectedValue && reflectedValue < values[worst];
    const towards = outside ? contraction : -contraction;
    const point = contracted[0];
    for (let j = 0; j < n; j++) point[j] = centroid[j] + towards * (reflected[j] - centroid[j]);
    clamp(point);
    valueAll(contracted, 1, contractedValue);
    if (outside ? contractedValue[0] <= reflectedValue : contractedValue[0] < values[worst]) {
      simplex[worst] = point;
      values[worst] = contractedValue[0];
      contracted[0] = worstPoint;
      continue;
    }
    // Shrink towards the best vertex.
    const bestPoint = simplex[best];
    shrunk.length = 0;
    for (let i = 0; i <= n; i++) {
      if (i === best) continue;
      const vertex = simplex[i];
      for (let j = 0; j < n; j++) vertex[j] = bestPoint[j] + shrink * (vertex[j] - bestPoint[j]);
      clamp(vertex);
      shrunk.push(vertex);
    }
    valueAll(shrunk, n, shrunkValues);
    for (let i = 0, k = 0; i <= n; i++) if (i !== best) values[i] = shrunkValues[k++];
  }
  return { point: new Float64Array(simplex[best]), value: values[best], iterations: iteration + 1 };
}

function standardDeviation(values: Float64Array): number {
  const count = values.length;
  let sum = 0;
  for (let i = 0; i < count; i++) sum += values[i];
  const mean = sum / count;
  let squares = 0;
  for (let i = 0; i < count; i++) squares += (values[i] - mean) * (values[i] - mean);
  return Math.sqrt(squares / count);
}
