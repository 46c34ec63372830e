import { DemandForecast, StockLevel } from '@smi/contracts';
import { DemandStatistics, MOVING_AVERAGE_METHOD } from './moving-average';

/** The forecast announced after a consumption. Its id derives from the stock level's, so a replay gives the same id. */
export function demandForecastOf(level: StockLevel, statistics: DemandStatistics, generatedAt: Date): DemandForecast {
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
  };
}
