import { classifyDemand } from '@smi/forecasting';
import type { DemandOutlook } from '../plan/planning-types';
import type { DemandDistribution } from './what-if-input';

/**
 * What the engine may know about demand at the start of a bucket in a replay:
 * the buckets before it and nothing after, as a forecast made that day would.
 * Everything seen so far counts (an expanding window): the mean and standard
 * deviation per day, the Syntetos-Boylan class of that history, and the
 * history itself for distribution-aware safety stock.
 * With distribution 'normal' only the mean and deviation are given, so the
 * engine plans every item by normal theory.
 */
export function pastDemandOutlook(
  demand: readonly number[],
  bucket: number,
  bucketDays: number,
  distribution: DemandDistribution,
): DemandOutlook {
  const past = demand.slice(0, bucket);
  const n = past.length;
  const mean = n > 0 ? past.reduce((sum, q) => sum + q, 0) / n : 0;
  const variance = n > 1 ? past.reduce((sum, q) => sum + (q - mean) ** 2, 0) / (n - 1) : 0;
  // A bucket sums bucketDays days: its variance is bucketDays times a day's, if days are independent.
  const moments = { perDay: mean / bucketDays, stdDevPerDay: Math.sqrt(variance / bucketDays) };
  if (distribution === 'normal') return moments;
  const demandClass = classifyDemand(past)?.demandClass;
  return { ...moments, ...(demandClass && { demandClass }), history: { bucketDays, quantities: past } };
}
