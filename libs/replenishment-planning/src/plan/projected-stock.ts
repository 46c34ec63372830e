import { DAY_MS } from '../calendar/delivery-calendar';
import { fromMillionths, toMillionths } from './exact-quantity';
import type { StockSituation } from './planning-types';

export interface ProjectedDay {
  /** Days from now: 0 is now, 1 the end of the first day. */
  day: number;
  at: Date;
  /** Open orders due by the end of this day (overdue ones on day 0). */
  receipts: number;
  /** Forecast demand of this day. */
  demand: number;
  /** Projected on-hand at the end of the day, backorders served first: below zero is demand not met. */
  projected: number;
}

export interface StockProjection {
  days: ProjectedDay[];
  /** First day projected stock is below the low level (the minimum or the reorder point). */
  firstBelowLow?: number;
  /** First day projected stock is below zero: the stockout. */
  firstBelowZero?: number;
  /** First day projected stock is above the high level (the maximum). */
  firstAboveHigh?: number;
  /**
   * Days until stock runs out, interpolated within the day it does;
   * undefined when it lasts beyond the horizon.
   */
  daysOfCover?: number;
}

export interface ProjectionQuestion {
  horizonDays: number;
  /** The level whose crossing warns: the minimum, or the reorder point. */
  low: number;
  high: number;
}

/**
 * Projected on-hand day by day: on-hand − backorders + scheduled receipts −
 * forecast demand. A receipt counts on the day it is due; one already overdue
 * counts now (it is still expected, only late).
 */
export function projectStock(
  situation: Pick<StockSituation, 'now' | 'onHand' | 'backorders' | 'openOrders' | 'demand'>,
  question: ProjectionQuestion,
): StockProjection {
  const now = situation.now.getTime();
  const start = toMillionths(situation.onHand) - toMillionths(situation.backorders);
  const dailyDemand = situation.demand.perDay;
  const projection: StockProjection = { days: [] };
  let received = 0;
  for (let day = 0; day <= question.horizonDays; day++) {
    const end = now + day * DAY_MS;
    const since = day === 0 ? Number.NEGATIVE_INFINITY : end - DAY_MS;
    const receipts = situation.openOrders
      .filter((order) => order.dueAt.getTime() > since && order.dueAt.getTime() <= end)
      .reduce((sum, order) => sum + toMillionths(order.quantity), 0);
    received += receipts;
    const projected = fromMillionths(start + received - toMillionths(dailyDemand * day));
    projection.days.push({ day, at: new Date(end), receipts: fromMillionths(receipts), demand: day === 0 ? 0 : dailyDemand, projected });
    projection.firstBelowLow ??= projected < question.low ? day : undefined;
    projection.firstAboveHigh ??= projected > question.high ? day : undefined;
    if (projection.firstBelowZero === undefined && projected < 0) {
      projection.firstBelowZero = day;
      const before = day === 0 ? 0 : projection.days[day - 1].projected;
      // Stock falls through the day; received goods count at its end, so the
      // day's own receipts do not postpone the moment it ran out.
      projection.daysOfCover = day === 0 ? 0 : day - 1 + Math.min(1, Math.max(0, before / (dailyDemand || 1)));
    }
  }
  return projection;
}
