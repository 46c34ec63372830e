import type { AgreementLine } from '@smi/agreements';
import { WEEKDAYS } from '@smi/agreements';
import { arrivalOf, DAY_MS, hasDeliveryCalendar, weekdayOf } from './delivery-calendar';

/**
 * When the periodic policies (order-up-to, periodic-min-max) review a line.
 * - On a delivery calendar, a review moment is the instant from which an order
 *   placed arrives on a delivery weekday: that day at 00:00 UTC minus the lead
 *   time. Each delivery day gets one review.
 * - Without a calendar, every reviewPeriodDays from the agreement's validFrom (00:00 UTC).
 * The service calls the engine whenever stock moves, not at review moments, so a
 * review is due when a review moment has passed since the last review: the
 * first call after a review moment reviews, later calls wait for the next one.
 * A review moment with no call at all is caught up at the next call (an item
 * with few movements must not go unreviewed); on a calendar, only if that
 * call's order reaches a later delivery day than the last review's, so no
 * delivery day is ordered for twice.
 */

export type ReviewTerms = Pick<AgreementLine, 'leadTimeDays' | 'deliveryWeekdays' | 'reviewPeriodDays'>;

export interface ReviewStatus {
  due: boolean;
  /** The latest review moment at or before now. */
  latest: Date;
  /** The first review moment after now. */
  next: Date;
}

/** Whether `now` is a review moment not yet reviewed (never reviewed: due). */
export function reviewStatusAt(now: Date, lastReviewAt: Date | undefined, terms: ReviewTerms, validFrom: string): ReviewStatus {
  const calendar = hasDeliveryCalendar(terms.deliveryWeekdays);
  const { latest, next } = calendar ? calendarMoments(now, terms) : periodMoments(now, terms, validFrom);
  if (lastReviewAt === undefined) return { due: true, latest, next };
  const momentPassed = lastReviewAt.getTime() < latest.getTime();
  const newDeliveryDay = !calendar || deliveryDayOf(now, terms) > deliveryDayOf(lastReviewAt, terms);
  return { due: momentPassed && newDeliveryDay, latest, next };
}

/** The delivery day (00:00 UTC) an order placed at `orderedAt` arrives on. */
const deliveryDayOf = (orderedAt: Date, terms: ReviewTerms): number => startOfDay(arrivalOf(orderedAt, terms).dueAt.getTime());

function calendarMoments(now: Date, terms: ReviewTerms): { latest: Date; next: Date } {
  const leadTime = terms.leadTimeDays * DAY_MS;
  const weekdays = terms.deliveryWeekdays ?? [];
  // The day an order placed now arrives at the earliest, and the delivery days around it.
  const arrivalDay = startOfDay(now.getTime() + leadTime);
  let back = 0;
  while (!weekdays.includes(WEEKDAYS[weekdayOf(new Date(arrivalDay - back * DAY_MS))])) back++;
  let ahead = 1;
  while (!weekdays.includes(WEEKDAYS[weekdayOf(new Date(arrivalDay + ahead * DAY_MS))])) ahead++;
  return { latest: new Date(arrivalDay - back * DAY_MS - leadTime), next: new Date(arrivalDay + ahead * DAY_MS - leadTime) };
}

function periodMoments(now: Date, terms: ReviewTerms, validFrom: string): { latest: Date; next: Date } {
  const period = terms.reviewPeriodDays;
  if (period === undefined || !(period > 0)) {
    throw new RangeError(`reviewPeriodDays must be above 0 for a periodic policy without deliveryWeekdays (got ${period})`);
  }
  const anchor = Date.parse(`${validFrom}T00:00:00Z`);
  if (Number.isNaN(anchor)) throw new RangeError(`validFrom must be a date YYYY-MM-DD (got ${validFrom})`);
  const periods = Math.floor((now.getTime() - anchor) / (period * DAY_MS));
  return { latest: new Date(anchor + periods * period * DAY_MS), next: new Date(anchor + (periods + 1) * period * DAY_MS) };
}

const startOfDay = (time: number): number => Math.floor(time / DAY_MS) * DAY_MS;
