import { dayOf, daysBetween } from '../period';
import type { Day, DeliveryLine } from '../service-level-facts';

export interface OnTimeDelivery {
  /** Lines delivered, plus lines still open after their promised day. */
  due: number;
  /** Delivered on or before the promised day. */
  onTime: number;
  /** Delivered after the promised day. */
  deliveredLate: number;
  /** Not delivered although the promised day is over (as of the day measured). */
  openPastPromise: number;
  /** onTime / due; null with nothing due. */
  rate: number | null;
}

/** Whole UTC days from the promised day to the delivery day (first arrival); 0 or less is on time. */
export const daysLate = (line: Pick<DeliveryLine, 'promisedAt'>, deliveredOn: Day): number =>
  daysBetween(dayOf(line.promisedAt), deliveredOn);

/**
 * Share of lines delivered on or before their promised day. A line still on its way after its
 * promised day (as of `asOf`, the last day measured) counts as not on time; one whose promised day
 * has not passed yet is not due.
 */
export function onTimeDelivery(lines: readonly DeliveryLine[], asOf: Day): OnTimeDelivery {
  let onTime = 0;
  let deliveredLate = 0;
  let openPastPromise = 0;
  for (const line of lines) {
    if (line.deliveredAt !== null) {
      if (daysLate(line, dayOf(line.deliveredAt)) <= 0) onTime++;
      else deliveredLate++;
    } else if (dayOf(line.promisedAt) < asOf) openPastPromise++;
  }
  const due = onTime + deliveredLate + openPastPromise;
  return { due, onTime, deliveredLate, openPastPromise, rate: due > 0 ? onTime / due : null };
}
