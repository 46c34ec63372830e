import type { AgreementLine, ServiceLevelTarget } from '@smi/agreements';
import { classifyDemand, forecastSeries, type DemandClass } from '@smi/forecasting';
import { sizesRelativeToItemMean } from '../safety-stock/compound-demand';
import { pastDemandOutlook } from '../simulation/past-demand-outlook';
import type { DemandDistribution, UnmetDemand } from '../simulation/what-if-input';
import { simulateWhatIf, type DemandOutlookSource, type WhatIfResult } from '../simulation/what-if-simulator';

/**
 * The service-level study: does an agreed service level hold when the engine
 * replays real demand? The setting of the intermittent-demand literature:
 * periodic review every month, a month of lead time, order up to the level
 * the target asks for (order-up-to, R = L = 30 days), demand owed when not met
 * from stock. Each item starts with nothing on hand; its first 24 months are
 * warm-up (history to plan from, not measured), the rest is measured.
 * Items are grouped by the Syntetos-Boylan class of their whole series: a label
 * for the report only, the engine sees the past alone. A group's service level
 * is the mean over its items, because a target is agreed per line.
 */

export const STUDY_WARM_UP_MONTHS = 24;
const MONTH_DAYS = 30;

export interface StudyItem {
  id: string;
  /** Demand per month, oldest first. */
  demand: number[];
}

export type StudyGroup = DemandClass | 'intermittent + lumpy';

export interface ItemOutcome {
  item: StudyItem;
  /** Class of the whole series; undefined for an item without any demand. */
  demandClass?: DemandClass;
  result: WhatIfResult;
}

export interface GroupOutcome {
  group: StudyGroup;
  items: number;
  cycleServiceLevel: number;
  /** Mean of the items' fill rates (items with demand in the measured months). */
  fillRate: number;
  /** All met demand over all demand: the large items weigh more. */
  pooledFillRate: number;
  /** Mean over items of their average on hand. */
  averageOnHand: number;
  /** Mean over the items of the service level the engine promised them; null when it promised none. */
  promisedServiceLevel: number | null;
}

/** The line every item is replayed under. */
export const studyLine = (serviceLevel: ServiceLevelTarget): AgreementLine => ({
  siteId: 'study-site',
  itemId: 'study-item',
  unit: 'each',
  minimum: 0,
  maximum: 0,
  policy: 'order-up-to',
  reviewPeriodDays: MONTH_DAYS,
  leadTimeDays: MONTH_DAYS,
  packMultiple: 1,
  serviceLevel,
  safetyStock: { method: 'service-level' },
});

/**
 * Replays each item under the study line with the given target and demand
 * distribution; with outlookFor, the engine plans each item from the outlook
 * it gives (a forecasting method's) instead of the past demand's.
 */
export function replayItems(
  items: readonly StudyItem[],
  target: ServiceLevelTarget,
  distribution: DemandDistribution,
  outlookFor?: (item: StudyItem) => DemandOutlookSource,
  options: ReplayOptions = {},
): ItemOutcome[] {
  const line = studyLine(target);
  return items.map((item) => ({
    item,
    demandClass: classifyDemand(item.demand)?.demandClass,
    result: simulateWhatIf(
      {
        line,
        demand: item.demand,
        bucketDays: MONTH_DAYS,
        warmUpBuckets: options.measuredMonths === undefined ? STUDY_WARM_UP_MONTHS : item.demand.length - options.measuredMonths,
        initialOnHand: 0,
        distribution,
        ...(options.unmetDemand && { unmetDemand: options.unmetDemand }),
      },
      outlookFor?.(item),
    ),
  }));
}

/** How a replay differs from the study's protocol. */
export interface ReplayOptions {
  /** Months measured at the end of each series; the rest is warm-up. Without: STUDY_WARM_UP_MONTHS of warm-up. */
  measuredMonths?: number;
  /** Demand not met from stock: owed (default) or lost. */
  unmetDemand?: UnmetDemand;
}

/**
 * What the engine sees in service, month by month, for a set of items replayed
 * together: the forecasting service's forecast of the next month by its rule
 * (forecastSeries) as the level, the spread and class of the months so far,
 * the item's history, and the sizes of every item's demands so far
 * (similarSizes). Forecasts are kept per item and month: replays of the same
 * items at other targets reuse them.
 */
export function serviceOutlooks(items: readonly StudyItem[]): (item: StudyItem) => DemandOutlookSource {
  const forecasts = new Map<string, number>();
  const similarAt = new Map<number, number[]>();
  const similar = (months: number) => {
    if (!similarAt.has(months)) similarAt.set(months, sizesRelativeToItemMean(items.map((item) => item.demand.slice(0, months))));
    return similarAt.get(months)!;
  };
  return (item) => (past, bucketDays) => {
    const key = `${item.id}@${past.length}`;
    if (!forecasts.has(key)) forecasts.set(key, nextPeriodForecast(past));
    const { stdDevPerDay, demandClass } = pastDemandOutlook(past, past.length, bucketDays, 'by-demand-class');
    return {
      perDay: forecasts.get(key)! / bucketDays,
      stdDevPerDay,
      ...(demandClass && { demandClass }),
      history: { bucketDays, quantities: past },
      similarSizes: similar(past.length),
    };
  };
}

/** The forecasting service's forecast of the next month from monthly history (its rule, 8 origins scored 12 months ahead). */
function nextPeriodForecast(past: readonly number[]): number {
  if (past.length === 0) return 0;
  const { selection, unscored } = forecastSeries(past, {
    seasonLength: 12,
    horizon: 1,
    backtestHorizon: 12,
    origins: 8,
    leadTimePeriods: 1,
  });
  return Math.max(0, (selection?.forecast ?? unscored)?.forecast[0] ?? 0);
}

/** The service reached per demand class, and for intermittent and lumpy items together. */
export function outcomesByGroup(outcomes: readonly ItemOutcome[]): GroupOutcome[] {
  const groups = new Map<StudyGroup, ItemOutcome[]>();
  const add = (group: StudyGroup, outcome: ItemOutcome) => groups.set(group, [...(groups.get(group) ?? []), outcome]);
  for (const outcome of outcomes) {
    if (!outcome.demandClass) continue;
    add(outcome.demandClass, outcome);
    if (outcome.demandClass === 'intermittent' || outcome.demandClass === 'lumpy') add('intermittent + lumpy', outcome);
  }
  return [...groups].map(([group, members]) =>
    groupOutcome(
      group,
      members.map((m) => m.result),
    ),
  );
}

export function groupOutcome(group: StudyGroup, results: readonly WhatIfResult[]): GroupOutcome {
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  const withDemand = results.filter((r) => r.fillRate !== null);
  const promised = results.flatMap((r) => (r.promisedServiceLevel === null ? [] : [r.promisedServiceLevel]));
  return {
    group,
    items: results.length,
    cycleServiceLevel: mean(results.map((r) => r.cycleServiceLevel ?? 1)),
    fillRate: mean(withDemand.map((r) => r.fillRate!)),
    pooledFillRate: withDemand.reduce((sum, r) => sum + r.metFromStock, 0) / withDemand.reduce((sum, r) => sum + r.demand, 0),
    averageOnHand: mean(results.map((r) => r.averageOnHand)),
    promisedServiceLevel: promised.length > 0 ? mean(promised) : null,
  };
}

/** Whether the engine promised a service level at every measured decision on the item (it had the demand history to stand behind one). */
export const promisedThroughout = (outcome: ItemOutcome): boolean =>
  outcome.result.decisionsWithoutPromise === 0 && outcome.result.promisedServiceLevel !== null;

/** Whether an item's demand rose after the warm-up: a higher mean over the measured months than over the warm-up. */
export function roseAfterWarmUp(item: StudyItem): boolean {
  const mean = (values: number[]) => values.reduce((sum, v) => sum + v, 0) / values.length;
  return mean(item.demand.slice(STUDY_WARM_UP_MONTHS)) > mean(item.demand.slice(0, STUDY_WARM_UP_MONTHS));
}
