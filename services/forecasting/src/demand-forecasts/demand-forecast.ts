import { DemandForecast, StockLevel } from '@smi/contracts';
import { classifyDemand } from '@smi/forecasting';
import { DemandStatistics, MOVING_AVERAGE_METHOD } from './moving-average';

/** Days of history a forecast carries for the replenishment engine's distribution-aware safety stock: a year of daily demand. */
export const RECENT_DEMAND_DAYS = 365;

/**
 * The forecast announced after a consumption, with the demand class of the
 * recent history and the history itself. Its id derives from the stock level's,
 * so a replay gives the same id.
 */
export function demandForecastOf(level: StockLevel, statistics: DemandStatistics, recentDemand: readonly number[], generatedAt: Date): DemandForecast {
  return {
    eventId: `${level.eventId}/demand-forecast`,
    buyerId: level.buyerId,
    siteId: level.siteId,
    itemId: level.itemId,
    unit: level.unit,
    method: MOVING_AVERAGE_METHOD,
    periodDays: 1,
    demandPerPeriod: statistics.demandPerPeriod,
    standardDeviationPerPeriod: statistics.standardDeviationPerPeriod,
    periodsObserved: statistics.periodsObserved,
    generatedAt,
    basedOnMovementId: level.movementId,
    demandClass: classifyDemand(recentDemand)?.demandClass ?? '',
    recentDemand: [...recentDemand],
  };
}
