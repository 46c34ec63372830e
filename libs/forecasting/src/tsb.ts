/**
 * Teunter-Syntetos-Babai (2011), "Intermittent demand: linking forecasting to
 * inventory obsolescence", EJOR 214: two exponential smoothings, one of the
 * demand size (updated in periods with demand) and one of the chance a period
 * has demand (updated every period). Unlike Croston's interval, the chance
 * decays while no demand comes and rises as soon as it does, so the level
 * follows demand that starts, grows or stops.
 *
 * Started the "naive" way of R's tsintermittent and statsforecast: the size at
 * the first demand, the chance at the first period's (1 with demand, else 0).
 */

import { smoothedLevel } from './methods/exponential-smoothing';

/** sktime's and SAP HANA PAL's defaults for both smoothing constants. */
export const TSB_DEFAULT_SMOOTHING = { size: 0.1, probability: 0.1 } as const;

export interface TsbLevel {
  /** Chance that a period has demand. */
  probability: number;
  /** Expected size of a non-zero demand. */
  size: number;
  /** Expected demand per period: probability × size. */
  perPeriod: number;
}

/**
 * The TSB level after a history of demand per period (oldest first), or
 * undefined without any demand (no size to smooth).
 */
export function tsbLevel(
  demandPerPeriod: readonly number[],
  smoothing: { size: number; probability: number } = TSB_DEFAULT_SMOOTHING,
): TsbLevel | undefined {
  for (const [name, value] of Object.entries(smoothing)) {
    if (!(value > 0 && value <= 1)) throw new RangeError(`smoothing.${name} must be above 0 and at most 1 (got ${value})`);
  }
  const sizes = demandPerPeriod.filter((quantity) => quantity > 0);
  if (sizes.length === 0) return undefined;
  const probability = smoothedLevel(
    demandPerPeriod.map((quantity) => (quantity > 0 ? 1 : 0)),
    smoothing.probability,
  );
  const size = smoothedLevel(sizes, smoothing.size);
  return { probability, size, perPeriod: probability * size };
}
