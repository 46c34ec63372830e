/**
 * The agreement period a moment counts in: its calendar month in UTC, as
 * YYYY-MM, so every service and every time zone put a stockout in the same month.
 */
export function periodOf(at: Date): string {
  return at.toISOString().slice(0, 7);
}

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export const isPeriod = (text: string): boolean => PERIOD.test(text);

/** First and last day of a period, as YYYY-MM-DD, the form agreement validity is written in. */
export function daysOf(period: string): { firstDay: string; lastDay: string } {
  const match = PERIOD.exec(period);
  if (!match) throw new Error(`period must be YYYY-MM (got ${period})`);
  const [year, month] = [Number(match[1]), Number(match[2])];
  // Day 0 of the next month is the last day of this one.
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return { firstDay: `${period}-01`, lastDay: `${period}-${String(lastDay).padStart(2, '0')}` };
}
