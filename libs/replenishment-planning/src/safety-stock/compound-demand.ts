import type { DemandOutlook } from '../plan/planning-types';
import type { DemandHistory, PathModel } from './lead-time-demand';
import type { SeededRandom } from './seeded-random';

/**
 * The engine's model of intermittent and lumpy demand over a protection
 * interval: in each bucket a demand comes or not, and when it comes its size
 * is drawn (a compound Bernoulli process). One rule sets how the forecast and
 * the item's history combine:
 * - the forecast sets the level, the demand expected per bucket, so a better
 *   forecast moves the stock; without one, the history's mean does;
 * - the history sets the shape around it: the chance of demand in a bucket
 *   and the sizes, both scaled so that chance × mean size is the level (the
 *   chance first, the size once every bucket has demand).
 * What the history cannot show is drawn too, so an item with few demands is
 * not planned as if its few were the whole truth:
 * - the chance of demand is uncertain: each path draws it from the Beta
 *   posterior of k demands in n buckets (Jeffreys prior, Beta(k + ½, n − k + ½)),
 *   relative to its mean;
 * - the mean size is uncertain: it was estimated from k sizes, so each path
 *   scales sizes by the mean of k sizes redrawn relative to their mean (a
 *   bootstrap of the mean: 1 on average, so the level holds; its inverse
 *   would raise the level and explode on a skewed few);
 * - sizes beyond those seen: a size is drawn from the item's own with
 *   probability k / (k + SIMILAR_SIZE_WEIGHT), else from similar items' sizes
 *   (each over the mean of its item's other sizes, sizesRelativeToItemMean)
 *   times this item's mean size, when the caller has them. Rare large demands
 *   come from the class, not from one item's few.
 * Scaled sizes of whole-number histories are rounded up with the chance of
 * their fraction, which keeps whole units and the mean.
 */

/** How many of similar items' sizes an item's own sizes are weighed against: with 3 own demands, half its sizes come from the class. */
export const SIMILAR_SIZE_WEIGHT = 3;

export class CompoundDemandModel implements PathModel {
  readonly wholeUnits: boolean;
  private readonly sizes: number[];
  private readonly meanSize: number;
  /** Size draws relative to a mean size of 1: similar items' when given, else the item's own. */
  private readonly ratios: readonly number[];
  private readonly ownShare: number;
  private readonly chance: number;
  private readonly sizeFactor: number;
  private readonly posterior: { a: number; b: number; mean: number };
  private pathChance = 0;
  private pathSizeFactor = 1;

  constructor(history: DemandHistory) {
    const { quantities } = history;
    this.sizes = quantities.filter((q) => q > 0);
    this.wholeUnits = quantities.every((q) => Number.isInteger(q));
    const k = this.sizes.length;
    const n = quantities.length;
    this.meanSize = k > 0 ? this.sizes.reduce((sum, q) => sum + q, 0) / k : 0;
    const similar = history.similarSizes?.filter((r) => Number.isFinite(r) && r > 0) ?? [];
    // Similar items' sizes are brought to a mean of exactly 1, so drawing from them keeps the level.
    const similarMean = similar.reduce((sum, r) => sum + r, 0) / Math.max(1, similar.length);
    this.ratios = similar.length > 0 ? similar.map((r) => r / similarMean) : this.sizes.map((q) => q / this.meanSize);
    this.ownShare = similar.length > 0 ? k / (k + SIMILAR_SIZE_WEIGHT) : 1;
    this.posterior = { a: k + 0.5, b: n - k + 0.5, mean: (k + 0.5) / (n + 1) };
    const level = k === 0 ? 0 : Math.max(history.expectedPerBucket ?? (k / n) * this.meanSize, leastLevel(k, n, this.meanSize));
    this.chance = k === 0 ? 0 : Math.min(1, level / this.meanSize);
    this.sizeFactor = k === 0 ? 1 : level / (this.chance * this.meanSize);
  }

  startPath(_path: number, random: SeededRandom): void {
    if (this.sizes.length === 0) return;
    const { a, b, mean } = this.posterior;
    let chance = this.chance * (random.beta(a, b) / mean);
    let sizeFactor = this.sizeFactor;
    // More demand than one per bucket: the surplus goes into the sizes.
    if (chance > 1) {
      sizeFactor *= chance;
      chance = 1;
    }
    let redrawn = 0;
    for (let i = 0; i < this.sizes.length; i++) redrawn += this.ratios[random.below(this.ratios.length)];
    this.pathChance = chance;
    this.pathSizeFactor = sizeFactor * (redrawn / this.sizes.length);
  }

  next(random: SeededRandom): number {
    if (random.next() >= this.pathChance) return 0;
    const base =
      random.next() < this.ownShare
        ? this.sizes[random.below(this.sizes.length)]
        : this.meanSize * this.ratios[random.below(this.ratios.length)];
    const size = base * this.pathSizeFactor;
    if (!this.wholeUnits) return size;
    const units = Math.floor(size);
    return units + (random.next() < size - units ? 1 : 0);
  }
}

/**
 * The least level an item that has demanded before is planned for, even when
 * its forecast fell to nothing after a run of buckets without demand: half a
 * demand of its mean size over the history and one bucket more (the Jeffreys
 * prior's half demand). An item that has demanded can demand again.
 */
export function leastLevel(demands: number, buckets: number, meanSize: number): number {
  return demands > 0 ? (0.5 * meanSize) / (buckets + 1) : 0;
}

/** Demands an item needs before its sizes count towards similar items' spread: one demand has no other to be measured against. */
const MIN_SIZES_FOR_SPREAD = 2;

/**
 * Demand sizes of a set of items, each over the mean of its item's other
 * sizes: what similarSizes takes. Items with fewer than
 * MIN_SIZES_FOR_SPREAD demands are left out.
 */
export function sizesRelativeToItemMean(histories: readonly (readonly number[])[]): number[] {
  const ratios: number[] = [];
  for (const quantities of histories) {
    const sizes = quantities.filter((q) => q > 0);
    if (sizes.length < MIN_SIZES_FOR_SPREAD) continue;
    const total = sizes.reduce((sum, q) => sum + q, 0);
    // Each size over the mean of the item's other sizes: how far a new demand can fall from a mean estimated without it.
    for (const size of sizes) ratios.push(size / ((total - size) / (sizes.length - 1)));
  }
  return ratios;
}

/**
 * The history the compound model draws from for an outlook: the item's own
 * buckets, the forecast's level per bucket, and similar items' sizes when
 * the outlook carries them. Undefined without a history.
 */
export function compoundHistoryOf(demand: Pick<DemandOutlook, 'perDay' | 'history' | 'similarSizes'>): DemandHistory | undefined {
  const { history, perDay, similarSizes } = demand;
  if (!history) return undefined;
  return { ...history, expectedPerBucket: perDay * history.bucketDays, ...(similarSizes && { similarSizes }) };
}
