import { DemandForecast } from '@smi/contracts';
import { demandClassNamed } from '@smi/forecasting';
import { DemandOutlook } from '@smi/replenishment-planning';
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
