import type { AgreementLine } from '@smi/agreements';
import { DAY_MS, type Arrival } from '../calendar/delivery-calendar';
import { dateWords, dayWords, quantityWords, statisticWords } from '../explanation/explanation-words';
import { fromMillionths, toMillionths } from './exact-quantity';
import type { StockSituation } from './planning-types';
import { projectStock } from './projected-stock';

export type EmergencyTerms = Pick<AgreementLine, 'emergency'>;

interface ProjectedStockout {
  /** Days from now to the end of the day projected stock first falls below zero. */
  stockoutDay: number;
  stockoutAt: Date;
  /** The stockout and the regular arrival it comes before, in words. */
  words: string;
}

export type EmergencyAssessment =
  /** Stock lasts until a regular order can arrive. */
  | { kind: 'no-stockout' }
  /** Stock runs out first, but no emergency order is possible or useful; why says which. */
  | ({ kind: 'stockout'; why: string } & ProjectedStockout)
  /** An expedited order for `needed` (before rounding) should go out now. */
  | ({ kind: 'emergency'; needed: number; leadTimeDays: number; dueAt: Date } & ProjectedStockout);

export interface EmergencyQuestion {
  situation: Pick<StockSituation, 'now' | 'onHand' | 'backorders' | 'openOrders' | 'demand'>;
  terms: EmergencyTerms;
  /** When a regular order placed now would arrive. */
  regularArrival: Arrival;
  /** Inventory position and the order-up-to level, which an emergency order fills up to. */
  position: number;
  orderUpTo: number;
}

/**
 * Whether stock runs out before a regular order placed now could arrive, and if
 * so whether to expedite. Projected stock (on-hand − backorders + receipts due −
 * forecast, day by day) falling below zero on a day before the regular arrival's
 * day means a stockout no regular order can prevent. With emergency terms allowed
 * and an emergency lead time shorter than the regular wait, the answer is an
 * emergency order up to the order-up-to level; expedited deliveries do not wait
 * for a delivery weekday.
 */
export function assessEmergency(question: EmergencyQuestion): EmergencyAssessment {
  const { situation, regularArrival } = question;
  const arrivalDay = Math.ceil(regularArrival.days);
  const projection = projectStock(situation, { horizonDays: Math.max(0, arrivalDay - 1), low: 0, high: Number.POSITIVE_INFINITY });
  const stockoutDay = projection.firstBelowZero;
  if (stockoutDay === undefined) return { kind: 'no-stockout' };

  const stockoutAt = projection.days[stockoutDay].at;
  const stockout: ProjectedStockout = {
    stockoutDay,
    stockoutAt,
    words: `projected stock runs out ${stockoutDay === 0 ? 'now' : `by ${dateWords(stockoutAt)} (day ${stockoutDay})`}, before a regular order placed now could arrive ${dateWords(regularArrival.dueAt)}`,
  };
  const emergency = question.terms.emergency;
  if (!emergency?.allowed) return { kind: 'stockout', why: 'emergency orders are not agreed', ...stockout };
  if (!(emergency.leadTimeDays < regularArrival.days)) {
    return {
      kind: 'stockout',
      why: `the emergency lead time ${dayWords(emergency.leadTimeDays)} is no faster than a regular order`,
      ...stockout,
    };
  }
  const needed = fromMillionths(toMillionths(question.orderUpTo) - toMillionths(question.position));
  if (needed <= 0) {
    return {
      kind: 'stockout',
      why: `inventory position ${quantityWords(question.position)} with open orders already reaches the order-up-to level ${statisticWords(question.orderUpTo)}: an open order must be expedited instead`,
      ...stockout,
    };
  }
  return {
    kind: 'emergency',
    needed,
    leadTimeDays: emergency.leadTimeDays,
    dueAt: new Date(situation.now.getTime() + emergency.leadTimeDays * DAY_MS),
    ...stockout,
  };
}
