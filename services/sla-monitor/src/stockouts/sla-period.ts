import { dayOf, monthOf, parsePeriod } from '@smi/service-levels';

/**
 * The agreement period a moment counts in: its calendar month in UTC, as
 * YYYY-MM, so every service and every time zone put a stockout in the same month.
 */
export const periodOf = (at: Date): string => monthOf(dayOf(at));

/** Whether a text is a month, YYYY-MM: the period breaches are counted in. */
export const isPeriod = (text: string): boolean => parsePeriod(text)?.kind === 'month';
