import { backSubstitution, startingConstants, startingStates, type Seasonality } from './ets-start';
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

/** The smoothing constants of a fitted model: what a later refiltering can keep (γ 0 without a season, φ 1 undamped). */
export interface EtsConstants {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/** The fitted model, or undefined where statsforecast fits none: a history too short for its parameters. */
export function fitEts(history: readonly number[], model: EtsModel): EtsFit | undefined {
  const frame = frameOf(history, model);
  if (!frame || 'fit' in frame) return frame?.fit;
  const { recursion, start, lower, upper } = frame;
  const batch = model.seasonality === 'none' && model.error === 'additive' ? holtObjective(history, model.damped) : undefined;
  const best = nelderMead((point) => recursion.objective(point), start, lower, upper, SEARCH, batch).point;
  return fitOf(recursion, best, model, frame.m, history.length);
}

/**
 * The model with smoothing constants fitted earlier (on this series, some
 * periods ago), refiltered over the history without any search: an
 * approximation of fitEts between two full fits, for a fraction of its cost.
 * The starting states are searched anew for those constants, from
 * statsforecast's start (Recursion.fitStates). Undefined where fitEts fits none.
 */
export function refilterEts(history: readonly number[], model: EtsModel, constants: EtsConstants): EtsFit | undefined {
  // Refiltered constants are often small, so the starting line carries far: with a multiplicative error (no exact step to the best states) it is drawn through the whole history.
  const frame = frameOf(history, model, model.error === 'multiplicative' ? history.length : undefined);
  if (!frame || 'fit' in frame) return frame?.fit;
  const { recursion, start } = frame;
  const point = new Float64Array(start);
  point.set(constantsPoint(constants, model), 0);
  recursion.fitStates(point);
  return fitOf(recursion, point, model, frame.m, history.length);
}

interface Frame {
  recursion: Recursion;
  start: number[];
  lower: number[];
  upper: number[];
  constantCount: number;
  m: number;
}

/** What fitting the model on this history starts from, the fit itself for a constant history, or undefined where statsforecast fits none. */
function frameOf(history: readonly number[], model: EtsModel, linePeriods?: number): Frame | { fit: EtsFit } | undefined {
  const { seasonality, damped } = model;
  const seasonal = seasonality !== 'none';
  const m = seasonal ? model.m : 1;
  const n = history.length;
  if (n > 0 && history.every((q) => q === history[0])) {
    return { fit: { alpha: 0.9999, beta: 0, gamma: 0, phi: 1, forecast: (horizon) => Array.from({ length: horizon }, () => history[0]) } };
  }
  // As statsforecast: none on "tiny datasets", n <= 4 + its parameters (α, level, β, trend; γ, season; φ), nor with fewer periods than the search's coordinates + 2.
  if (n <= 4 + (seasonal ? 2 : 0) + (damped ? 1 : 0) + 4) return undefined;
  const { constants, lower, upper } = startingConstants(m, seasonality, damped);
  const states = startingStates(history, m, seasonality, linePeriods);
  const start = [...constants, ...states];
  if (start.length >= n - 1) return undefined;
  return {
    recursion: new Recursion(history, model.error, seasonality, damped, m, constants.length),
    start,
    lower: [...lower, ...states.map(() => -Infinity)],
    upper: [...upper, ...states.map(() => Infinity)],
    constantCount: constants.length,
    m,
  };
}

/** The constants in the order a search point holds them: α, β, then γ (seasonal) and φ (damped). */
function constantsPoint({ alpha, beta, gamma, phi }: EtsConstants, { seasonality, damped }: EtsModel): number[] {
  return [alpha, beta, ...(seasonality === 'none' ? [] : [gamma]), ...(damped ? [phi] : [])];
}

function fitOf(recursion: Recursion, point: Float64Array, model: EtsModel, m: number, n: number): EtsFit {
  const { seasonality, damped } = model;
  const fitted = recursion.constantsOf(point);
  const end = recursion.finalStates(point);
  return {
    ...fitted,
    forecast: (horizon) => {
      const out: number[] = [];
      let damping = fitted.phi;
      let power = fitted.phi;
      for (let h = 0; h < horizon; h++) {
        const base = end.level + damping * end.trend;
        const s = seasonality !== 'none' ? end.season[(n + h) % m] : 0;
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
   * Moves the point's starting states (all after its constants) towards the
   * best for its constants, by Gauss-Newton on the one-step errors: a step
   * solves JᵀJ·d = −Jᵀe, J the errors' change with each state (one pass per
   * state), and is taken only if the likelihood improves. With an additive
   * error e is affine in the states, so one step lands on the least-squares
   * states, which minimise n·log(Σe²). With a multiplicative one the step
   * leaves out the likelihood's 2·Σlog|ŷ| and the errors are not affine, so
   * steps are damped when refused (Levenberg-Marquardt) and repeat while they
   * gain, up to 4: close to the best states, not at them.
   */
  fitStates(point: Float64Array): void {
    const n = this.history.length;
    const first = this.constantCount;
    const p = point.length - first;
    const additive = this.error === 'additive';
    const errors = new Float64Array(n);
    const trial = new Float64Array(point.length);
    const columns = Array.from({ length: p }, () => new Float64Array(n));
    let value = this.objective(point);
    let damping = additive ? 0 : 1e-3;
    for (let iteration = 0; iteration < (additive ? 1 : 4) && Number.isFinite(value); iteration++) {
      this.errorsAt(point, errors);
      for (let j = 0; j < p; j++) {
        trial.set(point);
        // Affine errors take any step exactly; otherwise a small one.
        const step = additive ? 1 : 1e-6 * Math.max(1, Math.abs(point[first + j]));
        trial[first + j] += step;
        if (!this.errorsAt(trial, columns[j])) return;
        for (let t = 0; t < n; t++) columns[j][t] = (columns[j][t] - errors[t]) / step;
      }
      const gradient = columns.map((a) => dot(a, errors));
      const normal = columns.map((a) => columns.map((b) => dot(a, b)));
      // Levenberg-Marquardt: a step the likelihood does not take is tried again shorter and turned towards the gradient.
      let gain = 0;
      for (let tries = 0; tries < 8 && gain === 0; tries++) {
        const direction = solveSymmetric(
          normal.map((row, i) => row.map((v, j) => (i === j ? v * (1 + damping) : v))),
          gradient.map((g) => -g),
        );
        if (!direction) return;
        trial.set(point);
        for (let j = 0; j < p; j++) trial[first + j] += direction[j];
        const candidate = this.objective(trial);
        if (candidate < value) {
          gain = value - candidate;
          point.set(trial);
          value = candidate;
          damping /= 4;
        } else {
          damping = Math.max(4 * damping, 1e-3);
        }
      }
      if (gain <= 1e-8 * Math.abs(value)) return;
    }
  }

  /** The one-step errors at the point, into `errors`; false when the point has none (a negative multiplicative season). */
  private errorsAt(point: Float64Array, errors: Float64Array): boolean {
    if (!this.loadSeason(point)) return false;
    this.run(point, undefined, errors);
    return true;
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
  private run(point: Float64Array, end?: { level: number; trend: number }, errors?: Float64Array): number {
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
      if (errors) errors[t] = e;
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

function dot(a: Float64Array, b: Float64Array): number {
  let sum = 0;
  for (let t = 0; t < a.length; t++) sum += a[t] * b[t];
  return sum;
}

/** x with A·x = b for a symmetric positive definite A (Cholesky), or undefined when A is not (to rounding). */
function solveSymmetric(a: readonly number[][], b: readonly number[]): number[] | undefined {
  const p = b.length;
  const l = a.map(() => new Array<number>(p).fill(0));
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i][j];
      for (let k = 0; k < j; k++) sum -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(sum > 1e-12 * a[i][i])) return undefined;
        l[i][i] = Math.sqrt(sum);
      } else {
        l[i][j] = sum / l[j][j];
      }
    }
  }
  const y = new Array<number>(p).fill(0);
  for (let i = 0; i < p; i++) {
    let sum = b[i];
    for (let k = 0; k < i; k++) sum -= l[i][k] * y[k];
    y[i] = sum / l[i][i];
  }
  return backSubstitution((row, column) => l[column][row], y, p);
}
