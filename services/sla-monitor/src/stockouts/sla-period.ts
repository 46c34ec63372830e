import { dayOf, monthOf, parsePeriod } from '@smi/service-levels';

/**
 * The agreement period a moment counts in: its calendar month in UTC, as
 * YYYY-MM, so every service and every time zone put a stockout in the same month.
 */
export const periodOf = (at: Date): string => monthOf(dayOf(at));

/** Whether a text is a month, YYYY-MM: the period breaches are counted in. */
export const isPeriod = (text: string): boolean => parsePeriod(text)?.kind === 'month';

/** First and last day of a month YYYY-MM, as YYYY-MM-DD, the form agreement validity is written in. */
export function daysOf(period: string): { firstDay: string; lastDay: string } {
  const month = parsePeriod(period);
  if (month?.kind !== 'month') throw new Error(`period must be YYYY-MM (got ${period})`);
  return { firstDay: month.firstDay, lastDay: month.lastDay };
}
