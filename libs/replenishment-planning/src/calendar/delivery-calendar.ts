import type { AgreementLine, Weekday } from '@smi/agreements';
import { WEEKDAYS } from '@smi/agreements';

/**
 * When goods ordered now can arrive: after the lead time, on the next day the
 * buyer takes deliveries. Calendar days are UTC days; agreements carry no time zone.
 */

export const DAY_MS = 86_400_000;

export type DeliveryTerms = Pick<AgreementLine, 'leadTimeDays' | 'deliveryWeekdays'>;

export interface Arrival {
  dueAt: Date;
  /** Days from the order to its arrival: the lead time plus any wait for a delivery weekday. */
  days: number;
  /** Whole days waited after the lead time for a delivery weekday (0 without a calendar). */
  waitDays: number;
}

/** When an order placed at `orderedAt` arrives: the lead time, then the next delivery weekday. */
export function arrivalOf(orderedAt: Date, terms: DeliveryTerms): Arrival {
  const afterLeadTime = new Date(orderedAt.getTime() + terms.leadTimeDays * DAY_MS);
  const waitDays = daysToDeliveryDay(afterLeadTime, terms.deliveryWeekdays);
  return {
    dueAt: new Date(afterLeadTime.getTime() + waitDays * DAY_MS),
    days: terms.leadTimeDays + waitDays,
    waitDays,
  };
}

/**
 * Days from a delivery on `deliveredAt`'s day to the next delivery day after it
 * (3 from a Monday to a Thursday with MON/THU, 7 with one weekday).
 */
export function daysToNextDeliveryDay(deliveredAt: Date, weekdays: readonly Weekday[]): number {
  return 1 + daysToDeliveryDay(new Date(deliveredAt.getTime() + DAY_MS), weekdays);
}

/** Whether the agreement restricts deliveries to some weekdays. */
export const hasDeliveryCalendar = (weekdays: readonly Weekday[] | undefined): weekdays is readonly Weekday[] =>
  weekdays !== undefined && weekdays.length > 0;

/** Whole days from `at` to the first delivery weekday on or after its day (0 without a calendar). */
function daysToDeliveryDay(at: Date, weekdays: readonly Weekday[] | undefined): number {
  if (!hasDeliveryCalendar(weekdays)) return 0;
  const today = weekdayOf(at);
  for (let wait = 0; wait < 7; wait++) {
    if (weekdays.includes(WEEKDAYS[(today + wait) % 7])) return wait;
  }
  throw new RangeError(`deliveryWeekdays must name days MON..SUN (got ${weekdays.join(', ')})`);
}

/** Index into WEEKDAYS (MON = 0) of the UTC day of `at`. */
export const weekdayOf = (at: Date): number => (at.getUTCDay() + 6) % 7;
