import { DemandForecast } from '@smi/contracts';
import { demandClassNamed } from '@smi/forecasting';
import { DemandOutlook, sizesRelativeToItemMean } from '@smi/replenishment-planning';
import { siteItemKeyOf } from '../stock-positions/stock-position';

/** The latest forecast replenishment holds for one buyer site x item. */
export interface StoredDemandOutlook extends DemandOutlook {
  buyerId: string;
  siteId: string;
  itemId: string;
  method: string;
  generatedAt: Date;
  forecastEventId: string;
}

/**
 * The forecast in the engine's terms: demand per day. Days within a period are
 * taken as independent, so the standard deviation scales with the square root
 * of the period length. The demand class and recent history come along: the
 * engine sets safety stock for intermittent and lumpy items from that history.
 * A forecast from before DemandForecast v2 has neither. From v3 the forecast's
 * backtest error over the lead time comes too, and safety stock is set from it.
 */
export function outlookFromForecast(forecast: DemandForecast): StoredDemandOutlook {
  const days = Math.max(1, forecast.periodDays);
  return {
    buyerId: forecast.buyerId,
    siteId: forecast.siteId,
    itemId: forecast.itemId,
    perDay: forecast.demandPerPeriod / days,
    stdDevPerDay: forecast.standardDeviationPerPeriod / Math.sqrt(days),
    demandClass: demandClassNamed(forecast.demandClass),
    history: forecast.recentDemand.length > 0 ? { bucketDays: days, quantities: forecast.recentDemand } : undefined,
    leadTimeError:
      forecast.leadTimeErrorVariance !== null && forecast.leadTimePeriods > 0
        ? { variance: forecast.leadTimeErrorVariance, overDays: forecast.leadTimePeriods * days }
        : undefined,
    method: forecast.method,
    generatedAt: forecast.generatedAt,
    forecastEventId: forecast.eventId,
  };
}

/** Forecasts can arrive out of order (redelivery, replay); an older one never replaces a newer one. */
export const supersedes = (candidate: StoredDemandOutlook, current: StoredDemandOutlook | undefined): boolean =>
  current === undefined || candidate.generatedAt.getTime() > current.generatedAt.getTime();

/** Before the first forecast arrives, the engine plans with no expected demand; the agreement's minimum still holds. */
export const NO_FORECAST_YET: DemandOutlook = { perDay: 0, stdDevPerDay: 0 };

/**
 * The outlook each site x item keeps of a batch of forecasts, once per site x item: folded in
 * order as storing them one by one would, so the last forecast wins unless an earlier one of
 * the batch is newer.
 */
export function newestPerSiteItem(outlooks: readonly StoredDemandOutlook[]): StoredDemandOutlook[] {
  const kept = new Map<string, StoredDemandOutlook>();
  for (const outlook of outlooks) {
    const key = siteItemKeyOf(outlook);
    if (supersedes(outlook, kept.get(key))) kept.set(key, outlook);
  }
  return [...kept.values()];
}

/**
 * The demand sizes of each buyer's items, each over the mean of its item's other sizes: the
 * pool the engine draws a lumpy item's sizes from in proportion to how few demands of its own
 * it has, so a large demand no recent history of the item showed is still planned for. Similar
 * items are a buyer's items: one buyer's site x items share its units, customers and habits.
 */
export function similarSizesPerBuyer(histories: readonly { buyerId: string; quantities: readonly number[] }[]): Map<string, number[]> {
  const perBuyer = new Map<string, (readonly number[])[]>();
  for (const { buyerId, quantities } of histories) {
    const items = perBuyer.get(buyerId) ?? [];
    items.push(quantities);
    perBuyer.set(buyerId, items);
  }
  return new Map([...perBuyer].map(([buyerId, items]) => [buyerId, sizesRelativeToItemMean(items)]));
}

/** An outlook with its buyer's similar sizes, where it has a history for the engine to draw from. */
export function withSimilarSizes<T extends StoredDemandOutlook>(outlook: T, similarSizes: ReadonlyMap<string, readonly number[]>): T {
  const sizes = similarSizes.get(outlook.buyerId);
  return outlook.history && sizes?.length ? { ...outlook, similarSizes: sizes } : outlook;
}
