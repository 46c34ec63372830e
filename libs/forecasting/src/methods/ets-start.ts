/**
 * Where statsforecast 2.1.1's ETS fit starts (python/statsforecast/ets.py:
 * initparam, initstate), for the additive-trend models our Holt and
 * Holt-Winters methods are: the smoothing constants, their bounds and the
 * starting states (level, trend and all but the last seasonal state, which
 * the others determine).
 */

export type Seasonality = 'none' | 'additive' | 'multiplicative';

export interface EtsStart {
  /** alpha, beta, then gamma (seasonal) and phi (damped), each within [lower, upper]. */
  constants: number[];
  lower: number[];
  upper: number[];
  /** level, trend, then m − 1 seasonal states, the most recent first. */
  states: number[];
}

/** statsforecast's default bounds: α, β, γ in [1e-4, 0.9999], φ in [0.8, 0.98]. */
export const ETS_BOUNDS = { low: 0.0001, high: 0.9999, phiLow: 0.8, phiHigh: 0.98 } as const;

/**
 * The starting constants (initparam, bounds "both"): α at a fifth of its
 * range over m, β a tenth of the way to α, γ a twentieth of the way to
 * 1 − α, φ 99% of the way up. The start also narrows the box the search
 * runs in: β at most the starting α, γ at most 1 − the starting α; those are
 * the only "usual" bounds statsforecast 2.1.1 keeps during the search (its
 * check_param, usual and admissible, runs on the starting constants alone,
 * which pass it for every season length).
 */
export function startingConstants(m: number, seasonality: Seasonality, damped: boolean): Pick<EtsStart, 'constants' | 'lower' | 'upper'> {
  const { low, high, phiLow, phiHigh } = ETS_BOUNDS;
  let alpha = low + (0.2 * (high - low)) / m;
  if (alpha > 1 || alpha < 0) alpha = low + 2e-3;
  const betaHigh = Math.min(high, alpha);
  let beta = low + 0.1 * (betaHigh - low);
  if (beta < 0 || beta > alpha) beta = alpha - 1e-3;
  const constants = [alpha, beta];
  const lower: number[] = [low, low];
  const upper: number[] = [high, betaHigh];
  if (seasonality !== 'none') {
    const gammaHigh = Math.min(high, 1 - alpha);
    let gamma = low + 0.05 * (gammaHigh - low);
    if (gamma < 0 || gamma > 1 - alpha) gamma = 1 - alpha - 1e-3;
    constants.push(gamma);
    lower.push(low);
    upper.push(gammaHigh);
  }
  if (damped) {
    let phi = phiLow + 0.99 * (phiHigh - phiLow);
    if (phi < 0 || phi > 1) phi = phiHigh - 1e-3;
    constants.push(phi);
    lower.push(phiLow);
    upper.push(phiHigh);
  }
  return { constants, lower, upper };
}

/**
 * The starting states (initstate, additive trend). Without a season: the
 * least-squares line through the first ten periods, its value at period 0
 * (the one before the first) and its slope. With a season of m: the season
 * from a classical decomposition when there are three seasons or more
 * (statsmodels' seasonal_decompose: centred moving average of m, the mean
 * detrended value of each period of the season, centred), else from the
 * history less (or over) a least-squares line with one Fourier pair; then the
 * line through the first max(10, 2m) seasonally adjusted periods (or
 * `linePeriods` of them). The m − 1 seasonal states are the season's periods
 * m − 1 down to 1.
 */
export function startingStates(history: readonly number[], m: number, seasonality: Seasonality, linePeriods?: number): number[] {
  const n = history.length;
  let adjusted: readonly number[] = history;
  let season: number[] = [];
  if (seasonality !== 'none') {
    const multiplicative = seasonality === 'multiplicative';
    const seasonal = n < 3 * m ? fourierSeasonal(history, m, multiplicative) : decomposedSeasonal(history, m, multiplicative);
    for (let i = m - 1; i >= 1; i--) season.push(seasonal[i % seasonal.length]);
    const at = (t: number) => seasonal[t % seasonal.length];
    if (multiplicative) {
      season = season.map((s) => Math.max(s, 1e-2));
      if (pairwiseSum(season) > m) {
        const total = pairwiseSum(season.map((s) => s + 1e-2));
        season = season.map((s) => s / total);
      }
      adjusted = history.map((q, t) => q / Math.max(at(t), 1e-2));
    } else {
      adjusted = history.map((q, t) => q - at(t));
    }
  }
  const k = Math.min(linePeriods ?? Math.max(10, 2 * (seasonality === 'none' ? 1 : m)), n);
  const [intercept, slope] = leastSquaresLine(adjusted, k);
  let level = intercept;
  let trend = slope;
  if (Math.abs(level + trend) < 1e-8) {
    // So that a multiplicative error never divides by a zero first forecast.
    level *= 1 + 1e-3;
    trend *= 1 - 1e-3;
  }
  return [level, trend, ...season];
}

/** Intercept and slope of the least-squares line through values[0..k − 1] at t = 1..k. */
function leastSquaresLine(values: readonly number[], k: number): [number, number] {
  const meanT = (k + 1) / 2;
  let meanY = 0;
  for (let t = 0; t < k; t++) meanY += values[t];
  meanY /= k;
  let covariance = 0;
  let variance = 0;
  for (let t = 0; t < k; t++) {
    covariance += (t + 1 - meanT) * (values[t] - meanY);
    variance += (t + 1 - meanT) ** 2;
  }
  const slope = covariance / variance;
  return [meanY - slope * meanT, slope];
}

/**
 * The seasonal component of a classical decomposition (statsmodels 0.15's
 * seasonal_decompose, two-sided): one value per period of the season.
 */
function decomposedSeasonal(history: readonly number[], m: number, multiplicative: boolean): number[] {
  const n = history.length;
  const filter = m % 2 === 0 ? [0.5 / m, ...Array<number>(m - 1).fill(1 / m), 0.5 / m] : Array<number>(m).fill(1 / m);
  const width = filter.length;
  const head = Math.ceil(width / 2) - 1;
  // Each period's detrended values, 0 in place of the ends that have no centred average (as pandas' nanmean sums them).
  const detrended: number[][] = Array.from({ length: m }, () => []);
  const counts = new Array<number>(m).fill(0);
  for (let t = 0; t < n; t++) {
    const from = t - head;
    if (from < 0 || from + width > n) {
      detrended[t % m].push(0);
      continue;
    }
    let trend = 0;
    for (let j = 0; j < width; j++) trend += history[from + j] * filter[width - 1 - j];
    detrended[t % m].push(multiplicative ? history[t] / trend : history[t] - trend);
    counts[t % m]++;
  }
  const averages = detrended.map((values, i) => pairwiseSum(values) / counts[i]);
  const centre = pairwiseSum(averages) / m;
  return averages.map((a) => (multiplicative ? a / centre : a - centre));
}

/**
 * With fewer than three seasons (statsforecast's own fallback): the history
 * less (or over) the line of a least-squares fit of 1, t, cos(2πt/m),
 * sin(2πt/m) at t = 1..n; one value per period of the history.
 */
function fourierSeasonal(history: readonly number[], m: number, multiplicative: boolean): number[] {
  const columns = history.map((_, i) => {
    const t = i + 1;
    const angle = 2 * Math.PI * (1 / m) * t;
    return [1, t, Math.cos(angle), Math.sin(angle)];
  });
  const [c0, c1] = leastSquares(columns, history);
  return history.map((q, i) => (multiplicative ? q / (c0 + c1 * (i + 1)) : q - c0 - c1 * (i + 1)));
}

/** Least squares by Householder QR: the coefficients minimising |X b − y|. */
function leastSquares(rows: readonly number[][], y: readonly number[]): number[] {
  const n = rows.length;
  const p = rows[0].length;
  const a = rows.map((row) => [...row]);
  const b = [...y];
  for (let j = 0; j < p; j++) {
    let norm = 0;
    for (let i = j; i < n; i++) norm += a[i][j] * a[i][j];
    norm = Math.sqrt(norm);
    const alpha = a[j][j] > 0 ? -norm : norm;
    const v = new Array<number>(n).fill(0);
    for (let i = j; i < n; i++) v[i] = a[i][j];
    v[j] -= alpha;
    let vv = 0;
    for (let i = j; i < n; i++) vv += v[i] * v[i];
    if (vv === 0) continue;
    for (let k = j; k < p; k++) {
      let dot = 0;
      for (let i = j; i < n; i++) dot += v[i] * a[i][k];
      const f = (2 * dot) / vv;
      for (let i = j; i < n; i++) a[i][k] -= f * v[i];
    }
    let dot = 0;
    for (let i = j; i < n; i++) dot += v[i] * b[i];
    const f = (2 * dot) / vv;
    for (let i = j; i < n; i++) b[i] -= f * v[i];
  }
  return backSubstitution((row, column) => a[row][column], b, p);
}

/** x with U·x = b for the p × p upper triangular U, whose elements `upper` gives. */
export function backSubstitution(upper: (row: number, column: number) => number, b: readonly number[], p: number): number[] {
  const x = new Array<number>(p).fill(0);
  for (let j = p - 1; j >= 0; j--) {
    let sum = b[j];
    for (let k = j + 1; k < p; k++) sum -= upper(j, k) * x[k];
    x[j] = sum / upper(j, j);
  }
  return x;
}

/** numpy's pairwise summation (np.sum of a float array), so that sums round as the reference's do. */
function pairwiseSum(values: readonly number[], from = 0, count = values.length): number {
  if (count < 8) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += values[from + i];
    return sum;
  }
  if (count <= 128) {
    const r = values.slice(from, from + 8);
    let i = 8;
    for (; i < count - (count % 8); i += 8) for (let j = 0; j < 8; j++) r[j] += values[from + i + j];
    let sum = r[0] + r[1] + (r[2] + r[3]) + (r[4] + r[5] + (r[6] + r[7]));
    for (; i < count; i++) sum += values[from + i];
    return sum;
  }
  let half = Math.floor(count / 2);
  half -= half % 8;
  return pairwiseSum(values, from, half) + pairwiseSum(values, from + half, count - half);
}
