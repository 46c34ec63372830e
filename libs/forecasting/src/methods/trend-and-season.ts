import type { ForecastMethod } from './forecast-method';
import { minimise, type Bounds } from './minimise';

/**
 * Exponential smoothing with a trend (Holt 1957; damped, Gardner & McKenzie
 * 1985) and with a season (Winters 1960), additive or multiplicative. The
 * constants are fitted by minimising the in-sample squared one-step error
 * (Nelder-Mead, minimise.ts); the starting states come from the first
 * periods (classic heuristics, Hyndman & Athanasopoulos, FPP 3rd ed. §8):
 * - Holt: the straight line through the first ten periods (Hyndman, Koehler,
 *   Ord & Snyder 2008, §2.6.1), its value before the first period and slope;
 * - Holt-Winters: level the mean of the first season, trend the mean change
 *   from the first season to the second per period, season the first
 *   season's values less (additive) or over (multiplicative) that mean.
 */

type Seasonality = 'none' | 'additive' | 'multiplicative';

interface Smoothing {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

interface Run {
  squaredError: number;
  forecast: (horizon: number) => number[];
}

/** One pass of the recursions over the history: the squared one-step errors and the forecast from the end. */
function smooth(history: readonly number[], seasonality: Seasonality, m: number, { alpha, beta, gamma, phi }: Smoothing): Run {
  const seasonal = seasonality !== 'none';
  let level: number;
  let trend: number;
  const season: number[] = [];
  let first: number;
  if (seasonal) {
    const mean = (from: number) => history.slice(from, from + m).reduce((sum, q) => sum + q, 0) / m;
    level = mean(0);
    trend = (mean(m) - mean(0)) / m;
    for (let i = 0; i < m; i++) season.push(seasonality === 'additive' ? history[i] - level : history[i] / level);
    // The first season set the states: errors count from the second.
    level += (m - 1) * trend;
    first = m;
  } else {
    // A straight line through the first ten periods (Hyndman et al. 2008, §2.6.1): one noisy step is no trend.
    const k = Math.min(10, history.length);
    const meanT = (k - 1) / 2;
    const meanY = history.slice(0, k).reduce((sum, q) => sum + q, 0) / k;
    let covariance = 0;
    let variance = 0;
    for (let t = 0; t < k; t++) {
      covariance += (t - meanT) * (history[t] - meanY);
      variance += (t - meanT) ** 2;
    }
    trend = covariance / variance;
    level = meanY - trend * (meanT + 1); // the line at period −1: the state before the first
    first = 0;
  }
  let squaredError = 0;
  for (let t = first; t < history.length; t++) {
    const s = seasonal ? season[t % m] : 0;
    const base = level + phi * trend;
    const expected = seasonality === 'multiplicative' ? base * s : base + s;
    const y = history[t];
    squaredError += (y - expected) ** 2;
    const previousLevel = level;
    const deseasoned = seasonality === 'multiplicative' ? y / s : y - s;
    level = alpha * deseasoned + (1 - alpha) * base;
    trend = beta * (level - previousLevel) + (1 - beta) * phi * trend;
    if (seasonal) season[t % m] = seasonality === 'multiplicative' ? gamma * (y / base) + (1 - gamma) * s : gamma * (y - base) + (1 - gamma) * s;
  }
  const end = history.length;
  return {
    squaredError,
    forecast: (horizon) => {
      const out: number[] = [];
      let damped = 0;
      for (let h = 1; h <= horizon; h++) {
        damped += phi ** h;
        const base = level + damped * trend;
        const s = seasonal ? season[(end + h - 1) % m] : 0;
        out.push(seasonality === 'multiplicative' ? base * s : base + s);
      }
      return out;
    },
  };
}

const UNIT: Bounds = { low: 0.0001, high: 0.9999 };
const DAMPING: Bounds = { low: 0.8, high: 0.98 };

function fitted(name: 'holt' | 'holt-damped' | 'holt-winters-additive' | 'holt-winters-multiplicative', seasonality: Seasonality, damped: boolean): ForecastMethod {
  return {
    name,
    forecast: (history, horizon, { seasonLength }) => {
      const m = seasonality === 'none' ? 1 : seasonLength;
      if (seasonality !== 'none' && (m < 2 || history.length < 2 * m + 2)) return undefined;
      if (seasonality === 'none' && history.length < 4) return undefined;
      if (seasonality === 'multiplicative' && history.some((q) => q <= 0)) return undefined;
      const names = ['alpha', 'beta', ...(seasonality === 'none' ? [] : ['gamma']), ...(damped ? ['phi'] : [])];
      const bounds = names.map((n) => (n === 'phi' ? DAMPING : UNIT));
      const start = names.map((n) => ({ alpha: 0.3, beta: 0.1, gamma: 0.1, phi: 0.9 })[n as keyof Smoothing]);
      const [gammaAt, phiAt] = [names.indexOf('gamma'), names.indexOf('phi')];
      const asSmoothing = (values: number[]): Smoothing => {
        // β is a share of α (0 < β < α, as FPP's parameter space), γ a share of 1 − α.
        const alpha = values[0];
        return { alpha, beta: values[1] * alpha, gamma: gammaAt < 0 ? 0 : values[gammaAt] * (1 - alpha), phi: phiAt < 0 ? 1 : values[phiAt] };
      };
      const best = asSmoothing(minimise((values) => smooth(history, seasonality, m, asSmoothing(values)).squaredError, start, bounds));
      const parameters: Record<string, number> = { alpha: best.alpha, beta: best.beta };
      if (seasonality !== 'none') Object.assign(parameters, { gamma: best.gamma, seasonLength: m });
      if (damped) parameters.phi = best.phi;
      return { method: name, forecast: smooth(history, seasonality, m, best).forecast(horizon), parameters };
    },
  };
}

export const holt = fitted('holt', 'none', false);
export const holtDamped = fitted('holt-damped', 'none', true);
export const holtWintersAdditive = fitted('holt-winters-additive', 'additive', false);
export const holtWintersMultiplicative = fitted('holt-winters-multiplicative', 'multiplicative', false);
