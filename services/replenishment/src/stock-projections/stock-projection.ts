import {
  agreedLevels,
  type OpenOrder,
  type PlanningTerms,
  planReplenishment,
  type ProjectedDay,
  projectStock,
  type StockSituation,
} from '@smi/replenishment-planning';

export const DEFAULT_HORIZON_DAYS = 28;
export const MAX_HORIZON_DAYS = 365;

/** What a buyer or supplier sees for one site x item: the levels, and where stock is heading day by day. */
export interface StockProjectionView {
  onHand: number;
  openOrders: readonly OpenOrder[];
  forecastPerDay: number;
  minimum: number;
  maximum: number;
  safetyStock: number;
  reorderPoint: number;
  orderUpTo: number;
  /** The first day projected stock falls below the minimum, runs out, or rises above the maximum; null when it does not within the horizon. */
  belowMinimumOn: Date | null;
  stockoutOn: Date | null;
  aboveMaximumOn: Date | null;
  /** Days until stock runs out; null when it lasts beyond the horizon. */
  daysOfCover: number | null;
  /** What the engine would decide now, in one sentence. */
  decisionNow: string;
  days: ProjectedDay[];
}

/**
 * Projected on-hand per day over the horizon (on-hand + scheduled receipts −
 * forecast), with the levels it is judged against. The levels are the engine's
 * own, so the picture and the next order agree.
 */
export function stockProjectionOf(terms: PlanningTerms, situation: StockSituation, horizonDays: number): StockProjectionView {
  const decision = planReplenishment(terms, situation);
  const { explanation } = decision;
  const { minimum, maximum } = agreedLevels(terms.line, situation.demand.perDay);
  const projection = projectStock(situation, { horizonDays, low: minimum, high: maximum });
  const dayAt = (day: number | undefined) => (day === undefined ? null : projection.days[day].at);
  return {
    onHand: situation.onHand,
    openOrders: situation.openOrders,
    forecastPerDay: situation.demand.perDay,
    minimum,
    maximum,
    safetyStock: explanation.safetyStock,
    reorderPoint: explanation.reorderPoint,
    orderUpTo: explanation.orderUpTo,
    belowMinimumOn: dayAt(projection.firstBelowLow),
    stockoutOn: dayAt(projection.firstBelowZero),
    aboveMaximumOn: dayAt(projection.firstAboveHigh),
    daysOfCover: projection.daysOfCover ?? null,
    decisionNow: explanation.summary,
    days: projection.days,
  };
}
