/**
 * The standard normal distribution as safety-stock theory uses it: density,
 * cumulative probability, its inverse (z for a cycle service level), and the
 * loss function G(k) with its inverse (k for a fill rate).
 * Accurate to about 1e-15 absolute (1e-13 relative in the tails), so a service
 * level of 0.999 is not quietly planned as 0.998.
 */

const SQRT_2PI = Math.sqrt(2 * Math.PI);

/** φ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return Math.exp(-0.5 * x * x) / SQRT_2PI;
}

/** Φ(x), the probability that a standard normal variable is at most x. */
export function normalCdf(x: number): number {
  return x >= 0 ? 1 - upperTail(x) : upperTail(-x);
}

/**
 * 1 − Φ(x) for x >= 0, computed without subtracting from 1 so that tail
 * probabilities keep their relative precision.
 */
function upperTail(x: number): number {
  if (x < 3) return 0.5 - normalPdf(x) * centralSeries(x);
  return normalPdf(x) * millsRatio(x);
}

/**
 * Φ(x) − 1/2 = φ(x)·(x + x³/3 + x⁵/(3·5) + …) (Marsaglia 2004, "Evaluating the
 * normal distribution"): every term is positive, so the sum carries no cancellation.
 */
function centralSeries(x: number): number {
  let term = x;
  let sum = x;
  for (let n = 3; term > 1e-17 * sum; n += 2) {
    term *= (x * x) / n;
    sum += term;
  }
  return sum;
}

/**
 * Mills' ratio (1 − Φ(x)) / φ(x) for x >= 3 by its continued fraction
 * 1/(x + 1/(x + 2/(x + 3/(x + …)))), evaluated with the modified Lentz method.
 */
function millsRatio(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < 500; n++) {
    d = x + n * d;
    d = d === 0 ? 1 / tiny : 1 / d;
    c = x + n / c;
    if (c === 0) c = tiny;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return 1 / f;
}

// Acklam's rational approximation to Φ⁻¹ (relative error below 1.15e-9), refined below.
const A = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
const B = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
const C = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
const P_LOW = 0.02425;

const poly = (coefficients: readonly number[], x: number): number => coefficients.reduce((acc, c) => acc * x + c, 0);

function acklam(p: number): number {
  if (p < P_LOW) {
    const q = Math.sqrt(-2 * Math.log(p));
    return poly(C, q) / (poly(D, q) * q + 1);
  }
  if (p > 1 - P_LOW) {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    return -poly(C, q) / (poly(D, q) * q + 1);
  }
  const q = p - 0.5;
  const r = q * q;
  return (poly(A, r) * q) / (poly(B, r) * r + 1);
}

/**
 * Φ⁻¹(p): the z with Φ(z) = p, for 0 < p < 1 (z for a cycle service level).
 * Acklam's approximation, then Halley steps against the accurate Φ above,
 * which take it to full double precision.
 */
export function inverseNormalCdf(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`probability must be between 0 and 1 exclusive (got ${p})`);
  let z = acklam(p);
  for (let i = 0; i < 3; i++) {
    // Measure the error on the side of 1/2 where it keeps its precision.
    const error = p < 0.5 ? normalCdf(z) - p : 1 - p - upperTailSigned(z);
    const u = error * SQRT_2PI * Math.exp(0.5 * z * z);
    const step = u / (1 + (z * u) / 2);
    z -= step;
    if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
  }
  return z;
}

/** 1 − Φ(x) for any x. */
function upperTailSigned(x: number): number {
  return x >= 0 ? upperTail(x) : 1 - upperTail(-x);
}

/**
 * G(k) = E[(Z − k)⁺] = φ(k) − k·(1 − Φ(k)), the standard normal loss function:
 * expected shortage per cycle, in standard deviations of demand over the
 * protection interval, when the reorder point sits k deviations above the mean.
 */
export function normalLoss(k: number): number {
  // G(−k) = G(k) + k, so only k >= 0 is computed; for k >= 3 the continued
  // fraction gives 1 − k·(1 − Φ)/φ without losing the tail to cancellation.
  if (k < 0) return normalLoss(-k) - k;
  if (k < 3) return normalPdf(k) - k * upperTail(k);
  return normalPdf(k) * (1 - k * millsRatio(k));
}

/**
 * The k with G(k) = loss, for loss > 0 (the safety factor for a fill rate).
 * G is decreasing and convex, so Newton's method started left of the root
 * (at −loss, where G(−loss) = G(loss) + loss > loss) climbs to it without overshooting.
 */
export function inverseNormalLoss(loss: number): number {
  if (!(loss > 0 && Number.isFinite(loss))) throw new RangeError(`loss must be a finite number above 0 (got ${loss})`);
  let k = -loss;
  for (let i = 0; i < 500; i++) {
    const step = (normalLoss(k) - loss) / upperTailSigned(k);
    k += step;
    if (!(Math.abs(step) > 1e-14 * Math.max(1, Math.abs(k)))) break;
  }
  return k;
}
