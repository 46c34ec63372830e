import { tsbLevel } from '@smi/forecasting';
import { inverseNormalCdf } from './normal-distribution';
import { CompoundDemandModel } from './compound-demand';
import { SeededRandom } from './seeded-random';

/**
 * Distribution-aware lead-time demand for intermittent and lumpy items: the
 * demand over a protection interval, resampled from the item's own history
 * (Willemain, Smart & Schwarz 2004, "A new approach to forecasting intermittent
 * demand for service parts inventories", IJF 20), instead of a normal
 * distribution that puts probability on negative demand and too little on the
 * occasional large order.
 *
 * Each resampled protection interval walks the buckets it spans:
 * - whether a bucket has demand follows a two-state Markov chain (zero /
 *   non-zero) estimated from the history and started from its last bucket, so
 *   demand that comes in runs is resampled in runs;
 * - a non-zero bucket draws one of the history's non-zero quantities, jittered
 *   by a normal kernel (a smoothed bootstrap) so sizes near those seen can
 *   occur too. Willemain's own jitter, 1 + INT(X + Z·√X), adds about half a
 *   unit to every draw; this kernel is centred on the drawn size (bandwidth by
 *   Silverman's rule, zero when all sizes are equal), so it widens the tail
 *   without inflating the mean. Whole-number histories stay whole numbers.
 * - a bucket the interval covers only in part (protectionDays not a multiple
 *   of bucketDays) counts whole with probability equal to the part covered:
 *   the bucket's demand is usually one order, which falls inside or outside.
 *   The expected demand is exact; the spread errs on the safe side when a
 *   bucket holds several orders.
 *
 * Of the ways to resample compared on carparts (Resampling,
 * bench/service-level-carparts.ts and bench/README.md), this and independent
 * months came closest to the targets, within two points at CSL 95% and 97.7%
 * and fill rate 90%; the Markov chain is kept because demand comes in runs.
 * None reached a 95% fill rate but Willemain's jitter, by a bias that
 * overshoots the other targets.
 *
 * The answer is deterministic: a fixed seed, so the same history, interval and
 * target give the same level every time.
 */

// Math's functions held once: inside a vm context (jest) every global lookup is a slow call.
const { floor, round, sqrt } = Math;

/** The item's demand history, oldest first, in buckets of bucketDays. */
export interface DemandHistory {
  bucketDays: number;
  quantities: readonly number[];
  /**
   * The compound model's level: the demand expected per bucket, from the
   * forecast. Absent, the history's own mean.
   */
  expectedPerBucket?: number;
  /**
   * Demand sizes of similar items, each over its own item's mean size (so
   * they average about 1): the compound model draws from them, scaled to this
   * item, when the item has seen few demands of its own.
   */
  similarSizes?: readonly number[];
}

/** Whether demand not met from stock waits for the next receipt or is lost: it changes the fill rate a level gives. */
export type UnmetDemandHandling = 'backorder' | 'lost';

/**
 * A history is too short with fewer buckets than this (a year of months), or
 * spanning fewer than MIN_PROTECTION_INTERVALS protection intervals: it cannot
 * show how demand over the interval varies.
 */
export const MIN_HISTORY_BUCKETS = 12;
export const MIN_PROTECTION_INTERVALS = 2;

/**
 * Ways to resample the history, compared in bench/service-level-carparts.ts;
 * the engine uses ENGINE_RESAMPLING.
 * - markov-kernel: the Markov chain and the centred kernel jitter described above.
 * - markov-kernel-tsb: markov-kernel brought to the item's current level:
 *   the chain's chance of demand scaled to TSB's probability and the sizes to
 *   TSB's size (levelAdjustment below). On carparts it served the parts whose
 *   demand rose a little better and the others no better, with more stock
 *   (bench/README.md), so the engine keeps the whole history's level.
 * - markov: the Markov chain, sizes exactly as seen.
 * - markov-willemain: the Markov chain, Willemain's jitter 1 + INT(X + Z·√X).
 * - independent: each bucket one of the history's, zero or not, at random.
 * - windows: each run of consecutive buckets of the history as long as the
 *   interval, once (the empirical distribution, no resampling).
 */
export const RESAMPLINGS = [
  'compound',
  'markov-kernel',
  'markov-kernel-tsb',
  'markov',
  'markov-willemain',
  'independent',
  'windows',
] as const;
export type Resampling = (typeof RESAMPLINGS)[number];
/** compound-demand.ts: the level from the forecast, the shape from the history, the uncertainty of both. */
export const ENGINE_RESAMPLING: Resampling = 'compound';

/** Resampled protection intervals per answer. */
export const BOOTSTRAP_PATHS = 1000;
const SEED = 20040401;

/**
 * A stock level from the item's own history, and the service it promises: by
 * the resampled demand, the share of intervals it covers (cycle service level)
 * or of demand it meets (fill rate). The promise is at least the target and
 * above it when stock comes in whole units: the smallest whole level meeting
 * 95% may well meet 97.6%, and a planner should see that.
 */
export interface BootstrapLevel {
  level: number;
  promised: number;
}

/**
 * The demand over `protectionDays` that is not exceeded with probability
 * `probability` (cycle service level), from the item's own history (bootstrap),
 * or undefined when the history is too short to say.
 */
export function leadTimeDemandQuantile(
  history: DemandHistory,
  protectionDays: number,
  probability: number,
  resampling = ENGINE_RESAMPLING,
): BootstrapLevel | undefined {
  checkShare('probability', probability);
  const demand = resampleProtectionDemand(history, protectionDays, 0, resampling);
  if (!demand) return undefined;
  const { total } = demand;
  // The smallest resampled demand with at least `probability` of the paths at or below it.
  const level = total[Math.max(0, Math.ceil(probability * total.length - 1e-9) - 1)];
  return { level, promised: countAtOrBelow(total, level) / total.length };
}

/**
 * The smallest stock level covering `protectionDays` that meets a fill-rate
 * target (share of demand met from stock), from the item's own history, or
 * undefined when the history is too short to say.
 *
 * `cycleDays` is the part of the protection interval whose demand one order
 * serves: the review period of a periodic policy (protection = lead time +
 * review period). The expected shortage per cycle is E[(D(P) − S)⁺] −
 * E[(D(P − cycle) − S)⁺] (shortage already owed when the cycle starts is the
 * previous cycle's), over the expected demand per cycle. Left out, the whole
 * protection interval is the cycle, as for a zero lead time; a periodic policy
 * with a lead time must give it or be planned short.
 */
export function levelForFillRate(
  history: DemandHistory,
  protectionDays: number,
  fillRate: number,
  cycleDays = protectionDays,
  resampling = ENGINE_RESAMPLING,
  unmetDemand: UnmetDemandHandling = 'backorder',
): BootstrapLevel | undefined {
  resampling ??= ENGINE_RESAMPLING;
  checkShare('fillRate', fillRate);
  if (!(Number.isFinite(cycleDays) && cycleDays > 0)) throw new RangeError(`cycleDays must be a number above 0 (got ${cycleDays})`);
  const demand = resampleProtectionDemand(history, protectionDays, Math.max(0, protectionDays - cycleDays), resampling);
  if (!demand) return undefined;
  const total = new ShortageCurve(demand.total);
  const beforeCycle = new ShortageCurve(demand.beforeCycle);
  const cycleDemand = total.mean - beforeCycle.mean;
  // No demand resampled: nothing to fall short of.
  if (cycleDemand <= 0) return { level: 0, promised: 1 };
  const fillAt =
    unmetDemand === 'backorder'
      ? (level: number) => 1 - (total.expectedShortage(level) - beforeCycle.expectedShortage(level)) / cycleDemand
      : (level: number) => 1 - lostShortage(demand.paths, level) / cycleDemand;
  const at = (level: number) => ({ level, promised: fillAt(level) });
  // Fill rate never falls as the level rises: bisect between nothing and the largest demand seen (fill rate 1).
  let low = 0;
  let high = total.largest;
  if (fillAt(low) >= fillRate) return at(0);
  if (demand.wholeUnits) {
    while (high - low > 1) {
      const middle = floor((low + high) / 2);
      if (fillAt(middle) >= fillRate) high = middle;
      else low = middle;
    }
    return at(high);
  }
  while (high - low > 1e-9 * Math.max(1, high)) {
    const middle = (low + high) / 2;
    if (fillAt(middle) >= fillRate) high = middle;
    else low = middle;
  }
  return at(high);
}

/**
 * Expected demand lost per cycle at a level, when unmet demand is lost: the
 * cycle starts with what the demand before it left of the level (nothing is
 * owed), and what the cycle's demand asks beyond that is lost.
 */
function lostShortage(paths: { total: Float64Array; beforeCycle: Float64Array }, level: number): number {
  const { total, beforeCycle } = paths;
  let lost = 0;
  for (let path = 0; path < total.length; path++) {
    const left = level > beforeCycle[path] ? level - beforeCycle[path] : 0;
    const asked = total[path] - beforeCycle[path];
    if (asked > left) lost += asked - left;
  }
  return lost / total.length;
}

interface ResampledDemand {
  /** Each path's demand over the whole interval and before the cycle, in path order (lost sales pairs them). */
  paths: { total: Float64Array; beforeCycle: Float64Array };
  /** Demand over the whole protection interval, one per path, ascending. */
  total: Float64Array;
  /** Demand over its first part, before the cycle a fill rate counts, ascending. */
  beforeCycle: Float64Array;
  wholeUnits: boolean;
}

function resampleProtectionDemand(
  history: DemandHistory,
  protectionDays: number,
  beforeCycleDays: number,
  resampling: Resampling,
): ResampledDemand | undefined {
  checkHistory(history);
  if (!(Number.isFinite(protectionDays) && protectionDays >= 0))
    throw new RangeError(`protectionDays must be a number >= 0 (got ${protectionDays})`);
  const { bucketDays, quantities } = history;
  const protectionBuckets = protectionDays / bucketDays;
  if (quantities.length < Math.max(MIN_HISTORY_BUCKETS, MIN_PROTECTION_INTERVALS * protectionBuckets)) return undefined;

  const model: PathModel = resampling === 'compound' ? new CompoundDemandModel(history) : new BucketModel(quantities, resampling);
  // Share of each spanned bucket inside the interval and inside its part before the cycle.
  const spanned = Math.ceil(protectionBuckets - 1e-9);
  const beforeBuckets = beforeCycleDays / bucketDays;
  const covered = Float64Array.from({ length: spanned }, (_, bucket) => Math.min(1, protectionBuckets - bucket));
  const coveredBefore = Float64Array.from({ length: spanned }, (_, bucket) => Math.min(1, Math.max(0, beforeBuckets - bucket)));
  const partial = covered.map((share, bucket) => (share < 1 || (coveredBefore[bucket] > 0 && coveredBefore[bucket] < 1) ? 1 : 0));

  const random = new SeededRandom(SEED);
  const pathCount = resampling === 'windows' ? quantities.length - spanned + 1 : BOOTSTRAP_PATHS;
  const total = new Float64Array(pathCount);
  const beforeCycle = new Float64Array(pathCount);
  for (let path = 0; path < pathCount; path++) {
    model.startPath(path, random);
    let sum = 0;
    let sumBefore = 0;
    for (let bucket = 0; bucket < spanned; bucket++) {
      const quantity = model.next(random);
      if (quantity === 0) continue;
      // One draw places the demand in the bucket for both intervals, so the part before the cycle never exceeds the whole.
      const where = partial[bucket] ? random.next() : 0;
      if (where < covered[bucket]) sum += quantity;
      if (where < coveredBefore[bucket]) sumBefore += quantity;
    }
    total[path] = sum;
    beforeCycle[path] = sumBefore;
  }
  const paths = { total: total.slice(), beforeCycle: beforeCycle.slice() };
  const ascending = model.wholeUnits ? sortWholeNumbers : (values: Float64Array) => values.sort();
  return {
    paths,
    total: ascending(total),
    beforeCycle: beforeCycleDays > 0 ? ascending(beforeCycle) : beforeCycle,
    wholeUnits: model.wholeUnits,
  };
}

/** Counting sort: resampled whole-number demands mostly repeat a few small values. */
function sortWholeNumbers(values: Float64Array): Float64Array {
  let largest = 0;
  for (let i = 0; i < values.length; i++) if (values[i] > largest) largest = values[i];
  if (largest > 4 * values.length) return values.sort();
  const counts = new Uint32Array(largest + 1);
  for (let i = 0; i < values.length; i++) counts[values[i]]++;
  let at = 0;
  for (let value = 0; value <= largest; value++) {
    for (let end = at + counts[value]; at < end; at++) values[at] = value;
  }
  return values;
}

/** Draws one protection interval's buckets, one after another. */
export interface PathModel {
  readonly wholeUnits: boolean;
  /** A new protection interval starts after the history's last bucket. */
  startPath(path: number, random: SeededRandom): void;
  /** The next bucket's demand. */
  next(random: SeededRandom): number;
}

/**
 * What the history says about the next bucket: the chance of demand after a
 * bucket with or without it, and the sizes; it draws one bucket after another.
 */
class BucketModel implements PathModel {
  readonly wholeUnits: boolean;
  private readonly nonZeroAfterZero: number;
  private readonly nonZeroAfterNonZero: number;
  private readonly lastNonZero: boolean;
  private readonly sizes: number[];
  private readonly bandwidth: number;
  /** Factor on every drawn size (1 but for markov-kernel-tsb). */
  private readonly sizeScale: number;
  private nonZero = false;
  private windowAt = 0;

  constructor(
    private readonly quantities: readonly number[],
    private readonly resampling: Resampling,
  ) {
    this.sizes = quantities.filter((q) => q > 0);
    this.wholeUnits = quantities.every((q) => Number.isInteger(q));
    this.lastNonZero = quantities[quantities.length - 1] > 0;
    const share = this.sizes.length / quantities.length;
    const from = { zero: [0, 0], nonZero: [0, 0] };
    for (let i = 1; i < quantities.length; i++) {
      const counts = quantities[i - 1] > 0 ? from.nonZero : from.zero;
      counts[quantities[i] > 0 ? 1 : 0]++;
    }
    // A state the history never leaves gives no transitions of its own: use the overall share.
    const chance = ([toZero, toNonZero]: number[]) => (toZero + toNonZero > 0 ? toNonZero / (toZero + toNonZero) : share);
    const adjustment =
      resampling === 'markov-kernel-tsb' ? levelAdjustment(quantities, chance(from.zero), chance(from.nonZero)) : NO_ADJUSTMENT;
    this.nonZeroAfterZero = Math.min(1, chance(from.zero) * adjustment.chance);
    this.nonZeroAfterNonZero = Math.min(1, chance(from.nonZero) * adjustment.chance);
    this.sizeScale = adjustment.size;
    this.bandwidth = resampling === 'markov-kernel' || resampling === 'markov-kernel-tsb' ? silvermanBandwidth(this.sizes) : 0;
  }

  /** A new protection interval starts after the history's last bucket (windows: at the path-th bucket of the history). */
  startPath(path: number, _random: SeededRandom): void {
    this.nonZero = this.lastNonZero;
    this.windowAt = path;
  }

  /** The next bucket's demand. */
  next(random: SeededRandom): number {
    if (this.resampling === 'windows') return this.quantities[this.windowAt++];
    if (this.resampling === 'independent') return this.quantities[random.below(this.quantities.length)];
    this.nonZero = random.next() < (this.nonZero ? this.nonZeroAfterNonZero : this.nonZeroAfterZero);
    return this.nonZero ? this.size(random) : 0;
  }

  /** A non-zero quantity: one of the history's, jittered; a jitter to nothing or below keeps the drawn size. */
  private size(random: SeededRandom): number {
    const drawn = this.sizes[random.below(this.sizes.length)];
    if (this.resampling === 'markov-willemain') {
      const jittered = 1 + floor(drawn + sqrt(drawn) * STANDARD_NORMAL[random.below(STANDARD_NORMAL.length)]);
      return jittered > 0 ? jittered : drawn;
    }
    let size = drawn;
    if (this.bandwidth > 0) {
      const jittered = drawn + this.bandwidth * STANDARD_NORMAL[random.below(STANDARD_NORMAL.length)];
      const whole = this.wholeUnits ? round(jittered) : jittered;
      if (whole > 0) size = whole;
    }
    if (this.sizeScale === 1) return size;
    const scaled = size * this.sizeScale;
    if (!this.wholeUnits) return scaled;
    // Rounded up with the chance of the fraction: whole units, and the scaled mean kept exactly.
    const units = floor(scaled);
    return units + (random.next() < scaled - units ? 1 : 0);
  }
}

const NO_ADJUSTMENT = { chance: 1, size: 1 };

/**
 * How far the history's mix of demand differs from the item's current level,
 * by TSB (@smi/forecasting): the factor on both chances of the Markov chain
 * that brings its long-run share of buckets with demand to TSB's probability,
 * and the factor on the sizes that brings their mean to TSB's size. The
 * history keeps its shape (runs, spread of sizes); the level is the recent
 * one. Without it the bootstrap plans for the average of the whole history:
 * short on an item whose demand started or grew, long on one that faded
 * (carparts: 968 of 2,509 parts rose after the first two years).
 * With chances a (after a bucket without demand) and c (after one with), the
 * long-run share is a / (1 − c + a); scaled by r it is p when
 * r = p / (a(1 − p) + p·c).
 */
function levelAdjustment(quantities: readonly number[], afterZero: number, afterNonZero: number): { chance: number; size: number } {
  const level = tsbLevel(quantities);
  if (!level) return NO_ADJUSTMENT;
  const sizes = quantities.filter((q) => q > 0);
  const meanSize = sizes.reduce((sum, q) => sum + q, 0) / sizes.length;
  const p = level.probability;
  const denominator = afterZero * (1 - p) + p * afterNonZero;
  return { chance: denominator > 0 ? p / denominator : 1, size: level.size / meanSize };
}

/** Standard normal deviates at evenly spaced probabilities: drawing from them is a normal draw at a fraction of Box-Muller's cost. */
const STANDARD_NORMAL = Float64Array.from({ length: 4096 }, (_, i) => inverseNormalCdf((i + 0.5) / 4096));

/** Silverman's rule of thumb, 1.06·σ·n^(−1/5): the kernel narrows as the history grows. */
function silvermanBandwidth(sizes: readonly number[]): number {
  if (sizes.length < 2) return 0;
  const mean = sizes.reduce((sum, q) => sum + q, 0) / sizes.length;
  const variance = sizes.reduce((sum, q) => sum + (q - mean) ** 2, 0) / sizes.length;
  return 1.06 * Math.sqrt(variance) * sizes.length ** -0.2;
}

/** E[(D − S)⁺] for a resampled demand D, at any level S, by binary search over the sorted sample and its tail sums. */
export class ShortageCurve {
  readonly mean: number;
  readonly largest: number;
  private readonly tailSums: Float64Array;

  constructor(private readonly sorted: Float64Array) {
    this.tailSums = new Float64Array(sorted.length + 1);
    for (let i = sorted.length - 1; i >= 0; i--) this.tailSums[i] = this.tailSums[i + 1] + sorted[i];
    this.mean = this.tailSums[0] / sorted.length;
    this.largest = sorted[sorted.length - 1];
  }

  expectedShortage(level: number): number {
    const above = countAtOrBelow(this.sorted, level);
    return (this.tailSums[above] - level * (this.sorted.length - above)) / this.sorted.length;
  }
}

/** How many of an ascending sample are at most `level`, by binary search. */
export function countAtOrBelow(sorted: Float64Array, level: number): number {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (sorted[middle] <= level) low = middle + 1;
    else high = middle;
  }
  return low;
}

/**
 * The resampled demand over `protectionDays` itself (ascending, one per path), for
 * levels that add something to it (continuous review: the undershoot), or undefined
 * when the history is too short to say.
 */
export function resampledLeadTimeDemand(
  history: DemandHistory,
  protectionDays: number,
  resampling: Resampling = ENGINE_RESAMPLING,
): { total: Float64Array; wholeUnits: boolean } | undefined {
  return resampleProtectionDemand(history, protectionDays, 0, resampling);
}

function checkHistory(history: DemandHistory): void {
  const { bucketDays, quantities } = history;
  if (!(Number.isFinite(bucketDays) && bucketDays > 0))
    throw new RangeError(`history.bucketDays must be a number above 0 (got ${bucketDays})`);
  const bad = quantities.findIndex((q) => !(Number.isFinite(q) && q >= 0));
  if (bad >= 0) throw new RangeError(`history.quantities[${bad}] must be a number >= 0 (got ${quantities[bad]})`);
}

function checkShare(field: string, value: number): void {
  if (!(value > 0 && value < 1)) throw new RangeError(`${field} must be between 0 and 1 exclusive (got ${value})`);
}
