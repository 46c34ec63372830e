// Service levels: the KPI and penalty rules the live monitor and the what-if simulator share, pure.

// The facts a line is judged on.
export type { Day, DeliveryLine, LevelFact, LineDay, LinePenaltyRates, RatesOn, StockoutMoment } from './service-level-facts';
export { lineDaysFromLevels, LOST_DEMAND_HISTORY_DAYS, type LevelHistory } from './line-days';

// Periods: days, ISO weeks and months.
export {
  addDays,
  dayOf,
  daysBetween,
  daysOfPeriod,
  isDay,
  isInPeriod,
  isoWeekOf,
  monthOf,
  monthsOf,
  parsePeriod,
  periodContaining,
  periodOf,
  periodProblem,
  startOf,
  type Period,
  type PeriodKind,
} from './period';

// KPIs of a line, and of an agreement.
export { stockoutRate, isStockoutDay, type StockoutEpisode, type StockoutRate } from './kpis/stockout-rate';
export { fillRate, type FillRate } from './kpis/fill-rate';
export { timeInBand, type StockBand, type TimeInBand } from './kpis/min-max-band';
export { orderAccuracy, isAccurate, type OrderAccuracy } from './kpis/order-accuracy';
export { onTimeDelivery, daysLate, type OnTimeDelivery } from './kpis/on-time-delivery';
export { leadTimeAdherence, actualLeadTimeDays, type LeadTimeAdherence } from './kpis/lead-time-adherence';
export { inventoryTurnover, type InventoryTurnover } from './kpis/inventory-turnover';
export { agreementKpis, lineKpis, type AgreementKpis, type LineKpis, type LinePeriodFacts, type ServiceKpis } from './kpis/line-kpis';

// Penalties, to the cent.
export { penaltiesFor, PENALTY_RULES, type LineMonth, type PenaltyItem } from './penalties/penalties';
export { centsOf, fromCents, moneyWords, rateWords, toCents } from './money';
