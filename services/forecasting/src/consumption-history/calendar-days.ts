/** Days as whole numbers (days since 1970-01-01, UTC), so periods are arithmetic; YYYY-MM-DD at the edges. */

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC calendar day a moment falls on. */
export const dayNumberOf = (moment: Date): number => Math.floor(moment.getTime() / DAY_MS);

/** The day number of a YYYY-MM-DD day. */
export function dayNumberOfText(day: string): number {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || Number.isNaN(time)) throw new RangeError(`day must be YYYY-MM-DD (got ${day})`);
  return Math.round(time / DAY_MS);
}

export const dayText = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

/** Midnight UTC starting a day. */
export const startOfDay = (dayNumber: number): Date => new Date(dayNumber * DAY_MS);

/** 1970-01-05 was a Monday: weekly periods start on Mondays. */
export const PERIOD_ANCHOR_DAY = 4;

/** First day of the period of periodDays holding a day. */
export const periodStartOf = (dayNumber: number, periodDays: number): number =>
  PERIOD_ANCHOR_DAY + Math.floor((dayNumber - PERIOD_ANCHOR_DAY) / periodDays) * periodDays;
