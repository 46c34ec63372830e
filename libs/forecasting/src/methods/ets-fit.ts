import { startingConstants, startingStates, type Seasonality } from './ets-start';
import { holtObjective } from './holt-likelihood';
import { nelderMead } from './nelder-mead';

/**
 * An ETS model with an additive trend (Hyndman, Koehler, Ord & Snyder 2008),
 * fitted as statsforecast 2.1.1's ETS fits one model (etsmodel in
 * python/statsforecast/ets.py, Calc and Optimize in src/ets.cpp):
 * - the smoothing constants and the starting states (level, trend, all but
 *   one seasonal state) are searched together by Nelder-Mead
 *   (nelder-mead.ts) from ets-start.ts's start, within its box, 0.05
 *   initial step, stopping when the simplex's values spread less than 1e-4
 *   or after 1,000 iterations;
 * - the objective is twice the negative log-likelihood up to a constant:
 *   n·log(Σe²), plus 2·Σlog|ŷ| when the error is multiplicative
 *   (e = (y − ŷ)/ŷ), e = y − ŷ when additive;
 * - the last seasonal state is m (multiplicative) or 0 less the others, and
 *   a negative multiplicative seasonal state makes the objective infinite.
 * The recursions, with q = l + φb the level and trend carried one period:
 *   ŷ = q + s (or q·s), l' = q + α(y − s − q) (or y/s), b' = φb + (β/α)(l' − l − φb),
 *   s' = s + γ(y − q − s) (or y/q).
 * As statsforecast, a constant history is fitted as simple exponential
 * smoothing with α = 0.9999 whatever the model, which forecasts that constant.
 */

export type ErrorType = 'additive' | 'multiplicative';

export interface EtsModel {
  error: ErrorType;
  seasonality: Seasonality;
  damped: boolean;
  /** Periods per season; 1 without a season. */
  m: number;
}

export interface EtsFit {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** Expected demand of each of the next `horizon` periods, from the states after the last. */
  forecast(horizon: number): number[];
}

const NA = -99999;
const TOL = 1e-10;
const HUGE = 1e10;
const SEARCH = { initialStep: 0.05, zeroStep: 1e-4, tolerance: 1e-4, maxIterations: 1000 };

/** The fitted model, or undefined where statsforecast fits none: a history too short for its parameters. */
export function fitEts(history: readonly number[], model: EtsModel): EtsFit | undefined {
  const { seasonality, damped } = model;
  const seasonal = seasonality !== 'none';
  const m = seasonal ? model.m : 1;
  const n = history.length;
  if (n > 0 && history.every((q) => q === history[0])) {
    return { alpha: 0.9999, beta: 0, gamma: 0, phi: 1, forecast: (horizon) => Array.from({ length: horizon }, () => history[0]) };
  }
  // As statsforecast: none on "tiny datasets", n <= 4 + its parameters (α, level, β, trend; γ, season; φ), nor with fewer periods than the search's coordinates + 2.
  if (n <= 4 + (seasonal ? 2 : 0) + (damped ? 1 : 0) + 4) return undefined;
  const { constants, lower, upper } = startingConstants(m, seasonality, damped);
  const states = startingStates(history, m, seasonality);
  const start = [...constants, ...states];
  if (start.length >= n - 1) return undefined;
  const searchLower = [...lower, ...states.map(() => -Infinity)];
  const searchUpper = [...upper, ...states.map(() => Infinity)];

  const recursion = new Recursion(history, model.error, seasonality, damped, m, constants.length);
  const batch = seasonality === 'none' && model.error === 'additive' ? holtObjective(history, damped) : undefined;
  const best = nelderMead((point) => recursion.objective(point), start, searchLower, searchUpper, SEARCH, batch).point;
  const fitted = recursion.constantsOf(best);
  const end = recursion.finalStates(best);
  return {
    ...fitted,
    forecast: (horizon) => {
      const out: number[] = [];
      let damping = fitted.phi;
      let power = fitted.phi;
      for (let h = 0; h < horizon; h++) {
        const base = end.level + damping * end.trend;
        const s = seasonal ? end.season[(n + h) % m] : 0;
        out.push(seasonality === 'multiplicative' ? base * s : base + s);
        // φ + φ² + … + φ^h (statsforecast 2.1.1 adds φ, not φ², at the second step; fixed upstream after 2.1.1).
        power *= fitted.phi;
        damping += damped ? power : 1;
      }
      return out;
    },
  };
}

/** The recursions over one history, with buffers reused across the search's many evaluations. */
class Recursion {
  private readonly season: Float64Array;
  private readonly history: Float64Array;

  constructor(
    history: readonly number[],
    private readonly error: ErrorType,
    private readonly seasonality: Seasonality,
    private readonly damped: boolean,
    private readonly m: number,
    private readonly constantCount: number,
  ) {
    this.season = new Float64Array(m);
    this.history = new Float64Array(history);
  }

  constantsOf(point: Float64Array): { alpha: number; beta: number; gamma: number; phi: number } {
    const seasonal = this.seasonality !== 'none';
    return { alpha: point[0], beta: point[1], gamma: seasonal ? point[2] : 0, phi: this.damped ? point[seasonal ? 3 : 2] : 1 };
  }

  /** statsforecast's ObjectiveFunction for criterion "lik". */
  objective(point: Float64Array): number {
    if (!this.loadSeason(point)) return Infinity;
    let lik = this.run(point);
    if (lik < -1e10) lik = -1e10;
    // As src/ets.cpp: a failed pass (not a number, or statsforecast's NA) counts as −∞.
    if (Number.isNaN(lik) || Math.abs(lik + 99999) < 1e-7) return -Infinity;
    return lik;
  }

  /** Level, trend and season (indexed by period modulo m) after the last period. */
  finalStates(point: Float64Array): { level: number; trend: number; season: Float64Array } {
    this.loadSeason(point);
    const end = { level: 0, trend: 0 };
    this.run(point, end);
    return { ...end, season: new Float64Array(this.season) };
  }

  /**
   * Puts the starting seasonal states into the ring, period t's at t mod m:
   * state m − 1 (the one the point leaves out) first. False when a
   * multiplicative state is negative.
   */
  private loadSeason(point: Float64Array): boolean {
    if (this.seasonality === 'none') return true;
    const m = this.m;
    const first = this.constantCount + 2;
    const last = (this.seasonality === 'multiplicative' ? m : 0) - eigenSum(point, first, m - 1);
    this.season[0] = last;
    for (let j = 1; j < m; j++) this.season[j] = point[first + m - 1 - j];
    if (this.seasonality === 'multiplicative') for (let j = 0; j < m; j++) if (this.season[j] < 0) return false;
    return true;
  }

  /** statsforecast's Calc: n·log(Σe²) (+ 2·Σlog|ŷ| for a multiplicative error), or NA. */
  private run(point: Float64Array, end?: { level: number; trend: number }): number {
    const y = this.history;
    const n = y.length;
    const m = this.m;
    const seasonality = this.seasonality;
    const multiplicativeError = this.error === 'multiplicative';
    const { alpha, beta, gamma, phi } = this.constantsOf(point);
    const betaShare = beta / alpha;
    const season = this.season;
    let level = point[this.constantCount];
    let trend = point[this.constantCount + 1];
    let squares = 0;
    let logs = 0;
    for (let t = 0, k = 0; t < n; t++, k = k + 1 === m ? 0 : k + 1) {
      const carried = phi * trend;
      const q = level + carried;
      const s = seasonality === 'none' ? 0 : season[k];
      const expected = seasonality === 'multiplicative' ? q * s : q + s;
      if (Math.abs(expected - NA) < TOL) return NA;
      let e: number;
      if (multiplicativeError) {
        e = (y[t] - expected) / (Math.abs(expected) < TOL ? expected + TOL : expected);
        const magnitude = Math.abs(expected);
        logs += magnitude > 0 ? Math.log(magnitude) : Math.log(magnitude + 1e-8);
      } else {
        e = y[t] - expected;
      }
      squares += e * e;
      let p: number;
      if (seasonality === 'none') p = y[t];
      else if (seasonality === 'additive') p = y[t] - s;
      else p = Math.abs(s) < TOL ? HUGE : y[t] / s;
      const previousLevel = level;
      level = q + alpha * (p - q);
      trend = carried + betaShare * (level - previousLevel - carried);
      if (seasonality === 'additive') season[k] = s + gamma * (y[t] - q - s);
      else if (seasonality === 'multiplicative') season[k] = s + gamma * ((Math.abs(q) < TOL ? HUGE : y[t] / q) - s);
    }
    if (end) {
      end.level = level;
      end.trend = trend;
    }
    let lik = squares > 0 ? n * Math.log(squares) : n * Math.log(squares + 1e-8);
    if (multiplicativeError) lik += 2 * logs;
    return lik;
  }
}

/**
 * Σ values[from .. from + count − 1] in the order Eigen's vectorised sum adds
 * them (two-lane packets, two accumulators), as src/ets.cpp sums the
 * seasonal states, so that the state left out rounds the same way.
 */
function eigenSum(values: Float64Array, from: number, count: number): number {
  if (count < 2) {
    let sum = 0;
    for (let i = 0; i < count; i++) sum += values[from + i];
    return sum;
  }
  const size2 = Math.floor(count / 4) * 4;
  const size1 = Math.floor(count / 2) * 2;
  let a0 = values[from];
  let a1 = values[from + 1];
  if (size1 > 2) {
    let b0 = values[from + 2];
    let b1 = values[from + 3];
    for (let i = 4; i < size2; i += 4) {
      a0 += values[from + i];
      a1 += values[from + i + 1];
      b0 += values[from + i + 2];
      b1 += values[from + i + 3];
    }
    a0 += b0;
    a1 += b1;
    if (size1 > size2) {
      a0 += values[from + size2];
      a1 += values[from + size2 + 1];
    }
  }
  let sum = a0 + a1;
  for (let i = size1; i < count; i++) sum += values[from + i];
  return sum;
}
