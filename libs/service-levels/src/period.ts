import type { Day } from './service-level-facts';

/**
 * Periods KPIs are measured over: a UTC calendar day (YYYY-MM-DD), an ISO week (YYYY-Www, Monday
 * to Sunday) or a calendar month (YYYY-MM). Penalty periods are months.
 */
export type PeriodKind = 'day' | 'week' | 'month';

export interface Period {
  kind: PeriodKind;
  /** The period as written: 2026-03-05, 2026-W10 or 2026-03. */
  id: string;
  firstDay: Day;
  lastDay: Day;
}

export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const WEEK = /^(\d{4})-W(\d{2})$/;
const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** The UTC calendar day of a moment. */
export const dayOf = (at: Date): Day => at.toISOString().slice(0, 10);

/** Midnight UTC starting a day. */
export const startOf = (day: Day): Date => new Date(`${day}T00:00:00.000Z`);

/** The day `count` days after `day` (before, when negative). */
export const addDays = (day: Day, count: number): Day => dayOf(new Date(startOf(day).getTime() + count * DAY_MS));

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export const daysBetween = (from: Day, to: Day): number => Math.round((startOf(to).getTime() - startOf(from).getTime()) / DAY_MS);

/** The month of a day, YYYY-MM. */
export const monthOf = (day: Day): string => day.slice(0, 7);

/** Whether a text is a day that exists (2026-02-30 does not). */
export function isDay(text: string): boolean {
  if (!DAY.test(text)) return false;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && dayOf(new Date(time)) === text;
}

/** The ISO week of a day, YYYY-Www: weeks start on Monday, and week 1 holds the year's first Thursday. */
export function isoWeekOf(day: Day): string {
  const date = startOf(day);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0 .. Sunday 6
  // The Thursday of the same week decides the week's year.
  const thursday = new Date(date.getTime() + (3 - weekday) * DAY_MS);
  const year = thursday.getUTCFullYear();
  const week = Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / DAY_MS / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** Monday of week 1 of an ISO year: the Monday of the week holding 4 January. */
function firstMondayOf(year: number): number {
  const fourth = Date.UTC(year, 0, 4);
  const weekday = (new Date(fourth).getUTCDay() + 6) % 7;
  return fourth - weekday * DAY_MS;
}

/** A period from its text, or undefined when the text is none of YYYY-MM-DD, YYYY-Www (an existing week) or YYYY-MM. */
export function parsePeriod(text: string): Period | undefined {
  if (typeof text !== 'string') return undefined;
  if (isDay(text)) return { kind: 'day', id: text, firstDay: text, lastDay: text };
  const week = WEEK.exec(text);
  if (week) {
    const [year, number] = [Number(week[1]), Number(week[2])];
    if (number < 1) return undefined;
    const monday = dayOf(new Date(firstMondayOf(year) + (number - 1) * 7 * DAY_MS));
    // Week 53 exists only in years whose last week holds a Thursday of theirs.
    if (isoWeekOf(monday) !== text) return undefined;
    return { kind: 'week', id: text, firstDay: monday, lastDay: addDays(monday, 6) };
  }
  const month = MONTH.exec(text);
  if (month) {
    const [year, number] = [Number(month[1]), Number(month[2])];
    // Day 0 of the next month is the last day of this one.
    const last = new Date(Date.UTC(year, number, 0)).getUTCDate();
    return { kind: 'month', id: text, firstDay: `${text}-01`, lastDay: `${text}-${String(last).padStart(2, '0')}` };
  }
  return undefined;
}

/** What is wrong with a period text, naming `field`; undefined when it is a period. */
export function periodProblem(text: unknown, field = 'period'): string | undefined {
  if (typeof text === 'string' && parsePeriod(text)) return undefined;
  return `${field} must be a day YYYY-MM-DD, an ISO week YYYY-Www or a month YYYY-MM (got ${String(text)})`;
}

/** A period from its text; throws a RangeError naming the text when it is none. */
export function periodOf(text: string): Period {
  const period = parsePeriod(text);
  if (!period) throw new RangeError(periodProblem(text));
  return period;
}

/** The period of a kind that holds a day: the day itself, its ISO week or its month. */
export function periodContaining(kind: PeriodKind, day: Day): Period {
  const id = kind === 'day' ? day : kind === 'week' ? isoWeekOf(day) : monthOf(day);
  return periodOf(id);
}

/** Every day of a period, in order. */
export function daysOfPeriod(period: Pick<Period, 'firstDay' | 'lastDay'>): Day[] {
  const days: Day[] = [];
  for (let day = period.firstDay; day <= period.lastDay; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Whether a day falls in a period. */
export const isInPeriod = (day: Day, period: Pick<Period, 'firstDay' | 'lastDay'>): boolean =>
  day >= period.firstDay && day <= period.lastDay;

/** The months a span of days touches, in order (YYYY-MM). */
export function monthsOf(days: readonly Day[]): string[] {
  return [...new Set(days.map(monthOf))].sort();
}
