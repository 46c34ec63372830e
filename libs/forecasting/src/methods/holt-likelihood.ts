import type { BatchObjective } from './nelder-mead';

/**
 * The search objective of Holt and damped Holt (ETS(A,A,N), ETS(A,Ad,N)),
 * the models selection fits most often, two points at a time. A pass over
 * the history is one chain of dependent operations (trend → level → error →
 * trend), so two side by side take about the time of one; each lane's
 * arithmetic is ets-fit.ts's Recursion, operation for operation, so the
 * values are the same to the last bit.
 * Points: α, β, (φ), level, trend.
 */

const NA = -99999;
const TOL = 1e-10;
/** Below this a pass's one-step forecast may be statsforecast's NA (−99999 within 1e-10): checked exactly only then. */
const NEAR_NA = -99998.5;

export function holtObjective(history: readonly number[], damped: boolean): BatchObjective {
  const y = new Float64Array(history);
  const out = new Float64Array(2);
  return (points, count, values) => {
    for (let i = 0; i < count; i += 2) {
      pair(y, damped, points[i], points[Math.min(i + 1, count - 1)], out);
      values[i] = out[0];
      if (i + 1 < count) values[i + 1] = out[1];
    }
  };
}

/** n·log(Σe²), floored at −1e10; a pass that met NA (or gave no number) counts as −∞, as src/ets.cpp's objective. */
function objectiveOf(squares: number, n: number, failed: boolean): number {
  if (failed) return -Infinity;
  let lik = squares > 0 ? n * Math.log(squares) : n * Math.log(squares + 1e-8);
  if (lik < -1e10) lik = -1e10;
  return Number.isNaN(lik) || Math.abs(lik + 99999) < 1e-7 ? -Infinity : lik;
}

/** Two passes side by side, for points p and r; φ is 1 undamped (1·b is b, so the same values). */
function pair(y: Float64Array, damped: boolean, p: Float64Array, r: Float64Array, out: Float64Array): void {
  const n = y.length;
  const at = damped ? 3 : 2;
  const pa = p[0];
  const ra = r[0];
  const ps = p[1] / pa;
  const rs = r[1] / ra;
  const pf = damped ? p[2] : 1;
  const rf = damped ? r[2] : 1;
  let pl = p[at];
  let rl = r[at];
  let pb = p[at + 1];
  let rb = r[at + 1];
  let psq = 0;
  let rsq = 0;
  let pFailed = false;
  let rFailed = false;
  for (let t = 0; t < n; t++) {
    const yt = y[t];
    const pc = pf * pb;
    const rc = rf * rb;
    const pq = pl + pc;
    const rq = rl + rc;
    if (pq < NEAR_NA && Math.abs(pq - NA) < TOL) pFailed = true;
    if (rq < NEAR_NA && Math.abs(rq - NA) < TOL) rFailed = true;
    const pe = yt - pq;
    const re = yt - rq;
    psq += pe * pe;
    rsq += re * re;
    const pPrevious = pl;
    const rPrevious = rl;
    pl = pq + pa * pe;
    rl = rq + ra * re;
    pb = pc + ps * (pl - pPrevious - pc);
    rb = rc + rs * (rl - rPrevious - rc);
  }
  out[0] = objectiveOf(psq, n, pFailed);
  out[1] = objectiveOf(rsq, n, rFailed);
}
