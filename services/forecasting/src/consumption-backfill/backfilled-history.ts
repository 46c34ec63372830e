import { MAX_QUANTITY, isWithin, lineTermsProblems, textProblem, type AgreementLineInForce, type TextKind } from '@smi/agreements';
import { roundToStoredPrecision, siteItemKeyOf } from '@smi/contracts';
import { PERIOD_ANCHOR_DAY, dayNumberOfText, dayText, periodStartOf } from '../consumption-history/calendar-days';
import type { SiteItem } from '../consumption-history/levels-recorded';

/** One period of history as the buyer sent it: its first day (day number), what it consumed, whether it ran out of stock. */
export interface SentPeriod {
  start: number;
  quantity: number;
  stockout: boolean;
}

/** A site x item's history as the buyer sent it, in days or in weeks from Monday. */
export interface SentSeries {
  siteId: string;
  itemId: string;
  unit: string;
  periodDays: 1 | 7;
  periods: SentPeriod[];
}

/** One day of sent history, as the daily table keeps it. */
export interface BackfilledDay {
  key: SiteItem;
  day: number;
  unit: string;
  quantity: number;
  stockedOut: boolean;
}

/** What the daily table holds for a day already. */
export interface KeptDay {
  quantity: number;
  /** Sent by the buyer (true) or recorded by the live feed (false). */
  backfilled: boolean;
  stockedOut: boolean;
}

export interface FieldProblem {
  field: string;
  problem: string;
}

/** Series in one JSON request; periods over all of them (three years of days for a few items). */
export const MAX_SERIES_PER_REQUEST = 100;
export const MAX_PERIODS_PER_REQUEST = 5000;

const SERIES_FIELDS = ['buyerId', 'siteId', 'itemId', 'unit', 'periodDays', 'periods'];
const PERIOD_FIELDS = ['start', 'quantity', 'stockout'];
const TEXTS: ReadonlyArray<[string, TextKind]> = [
  ['siteId', 'id'],
  ['itemId', 'id'],
  ['unit', 'unit'],
];

/** A day that exists (2026-02-30 does not) from 2000 on. */
const isDay = (value: unknown): value is string => {
  if (typeof value !== 'string' || !/^2\d{3}-\d{2}-\d{2}$/.test(value)) return false;
  const time = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(value);
};

/**
 * What is wrong with a period's start for its length, judged on business `today`: history is of days
 * gone by, so the period must have ended before today; a week starts on a Monday, as the forecast's weeks do
 * (a week sent from another day would split over two of them).
 */
export function periodStartProblem(start: unknown, periodDays: 1 | 7, today: number): string | undefined {
  if (!isDay(start)) return `must be a day YYYY-MM-DD from 2000 on (got ${JSON.stringify(start)})`;
  const day = dayNumberOfText(start);
  if (periodDays === 7 && (day - PERIOD_ANCHOR_DAY) % 7 !== 0) return `must be a Monday for weekly periods (got ${start})`;
  if (day + periodDays > today) return `must be of a period that ended before today, ${dayText(today)} (got ${start})`;
  return undefined;
}

export const quantityProblem = (quantity: unknown): string | undefined =>
  isWithin(quantity, 0, MAX_QUANTITY)
    ? undefined
    : `must be a number from 0 to ${MAX_QUANTITY.toLocaleString('en-US')} (got ${JSON.stringify(quantity)})`;

/**
 * The series of a JSON request (one series, or a list of them), or every problem, each naming its field
 * (`[i].` first in a list). A buyerId, when given, is the caller's to check (403), not a problem here.
 */
export function sentSeriesOf(body: unknown, today: number): { series: SentSeries[] } | { problems: FieldProblem[] } {
  const listed = Array.isArray(body);
  const items: unknown[] = listed ? body : [body];
  if (listed && (items.length === 0 || items.length > MAX_SERIES_PER_REQUEST))
    return { problems: [{ field: 'body', problem: `must list 1 to ${MAX_SERIES_PER_REQUEST} series (got ${items.length})` }] };
  const problems: FieldProblem[] = [];
  const series: SentSeries[] = [];
  let periodCount = 0;
  items.forEach((item, i) => {
    const at = listed ? `[${i}].` : '';
    const need = (ok: boolean, field: string, problem: string) => {
      if (!ok) problems.push({ field: `${at}${field}`, problem });
    };
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      need(false, listed ? '' : 'body', 'must be a JSON object: { siteId, itemId, unit, periodDays, periods }');
      return;
    }
    const value = item as Record<string, unknown>;
    for (const field of Object.keys(value))
      need(SERIES_FIELDS.includes(field), field, `is not a field of a consumption history (fields: ${SERIES_FIELDS.join(', ')})`);
    for (const [field, kind] of TEXTS) {
      const problem = textProblem(value[field], kind);
      need(problem === undefined, field, problem ?? '');
    }
    const periodDays = value.periodDays;
    const lengthKnown = periodDays === 1 || periodDays === 7;
    need(lengthKnown, 'periodDays', `must be 1 (days) or 7 (weeks from Monday) (got ${JSON.stringify(periodDays)})`);
    const periods = value.periods;
    if (!Array.isArray(periods) || periods.length === 0) {
      need(false, 'periods', 'must be a list of at least one period { start, quantity, stockout? }');
      return;
    }
    periodCount += periods.length;
    const sent: SentPeriod[] = [];
    periods.forEach((period, j) => {
      const field = `periods[${j}]`;
      if (typeof period !== 'object' || period === null || Array.isArray(period)) {
        need(false, field, 'must be an object { start, quantity, stockout? }');
        return;
      }
      const p = period as Record<string, unknown>;
      for (const name of Object.keys(p))
        need(PERIOD_FIELDS.includes(name), `${field}.${name}`, `is not a field of a period (fields: ${PERIOD_FIELDS.join(', ')})`);
      const startProblem = lengthKnown ? periodStartProblem(p.start, periodDays, today) : undefined;
      need(startProblem === undefined, `${field}.start`, startProblem ?? '');
      const problem = quantityProblem(p.quantity);
      need(problem === undefined, `${field}.quantity`, problem ?? '');
      need(
        p.stockout === undefined || typeof p.stockout === 'boolean',
        `${field}.stockout`,
        `must be true or false when given (got ${JSON.stringify(p.stockout)})`,
      );
      if (lengthKnown && startProblem === undefined && problem === undefined)
        sent.push({ start: dayNumberOfText(p.start as string), quantity: p.quantity as number, stockout: p.stockout === true });
    });
    series.push({
      siteId: value.siteId as string,
      itemId: value.itemId as string,
      unit: value.unit as string,
      periodDays: periodDays as 1 | 7,
      periods: sent,
    });
  });
  if (periodCount > MAX_PERIODS_PER_REQUEST)
    problems.push({ field: 'periods', problem: `hold ${periodCount} periods in all; at most ${MAX_PERIODS_PER_REQUEST} per request` });
  if (problems.length > 0) return { problems };
  const repeated = repeatedDays(
    series.flatMap((s, i) => s.periods.map((p, j) => ({ series: s, period: p, origin: `${listed ? `[${i}].` : ''}periods[${j}]` }))),
  );
  if (repeated.length > 0)
    return {
      problems: repeated.map(({ origin, first, day }) => ({
        field: `${origin}.start`,
        problem: `covers ${dayText(day)}, which ${first} covers already`,
      })),
    };
  return { series };
}

/**
 * Splits a period's quantity over its days: equal parts at the stored precision, the last day taking what
 * rounding left, so the days add up to exactly what was sent.
 */
export function spreadOver(quantity: number, days: number): number[] {
  const part = roundToStoredPrecision(quantity / days);
  return Array.from({ length: days }, (_, d) => (d < days - 1 ? part : roundToStoredPrecision(quantity - part * (days - 1))));
}

/**
 * The days of a period. A week is spread evenly over its seven days, its stock-out flag on each: the
 * forecast reads one daily table whatever its line's period, so a week summed back over a weekly line is
 * exactly the week sent, and a daily line sees its mean (not its day-to-day swings).
 */
export function daysOfPeriod(key: SiteItem, unit: string, periodDays: 1 | 7, period: SentPeriod): BackfilledDay[] {
  return spreadOver(period.quantity, periodDays).map((quantity, d) => ({
    key,
    day: period.start + d,
    unit,
    quantity,
    stockedOut: period.stockout,
  }));
}

export function daysOfSeries(buyerId: string, series: SentSeries): BackfilledDay[] {
  const key: SiteItem = { buyerId, siteId: series.siteId, itemId: series.itemId };
  return series.periods.flatMap((period) => daysOfPeriod(key, series.unit, series.periodDays, period));
}

/** Periods covering a day another one covers already, each with the first that did: a day is sent once per request. */
export function repeatedDays<T>(
  entries: ReadonlyArray<{ series: Pick<SentSeries, 'siteId' | 'itemId' | 'periodDays'>; period: Pick<SentPeriod, 'start'>; origin: T }>,
): Array<{ origin: T; first: T; day: number }> {
  const seen = new Map<string, T>();
  const repeated: Array<{ origin: T; first: T; day: number }> = [];
  for (const { series, period, origin } of entries) {
    for (let day = period.start; day < period.start + series.periodDays; day++) {
      const dayKey = `${series.siteId}|${series.itemId}|${day}`;
      const first = seen.get(dayKey);
      if (first !== undefined) {
        repeated.push({ origin, first, day });
        break;
      }
      seen.set(dayKey, origin);
    }
  }
  return repeated;
}

export const dayKeyOf = (key: SiteItem, day: number): string => `${siteItemKeyOf(key)}|${day}`;

export interface BackfillDecision {
  /** Days to write: new ones, and sent ones whose value changed. */
  writes: BackfilledDay[];
  /** Days that hold exactly what was sent already (a resend). */
  unchanged: number;
  /** Days the live feed recorded: what it measured stands. */
  liveKept: number;
  /** The series whose history changed: their forecast is due again. */
  changed: SiteItem[];
}

/**
 * How sent history merges with what the daily table holds. A day the live feed recorded is never
 * replaced (measured beats remembered); a day sent before with the same quantity and flag is left as it is,
 * so the same history sent twice has no second effect; a day sent before with another value is replaced
 * (the buyer corrected its history); a new day is added.
 */
export function mergeBackfill(kept: ReadonlyMap<string, KeptDay>, sent: readonly BackfilledDay[]): BackfillDecision {
  const decision: BackfillDecision = { writes: [], unchanged: 0, liveKept: 0, changed: [] };
  const changed = new Map<string, SiteItem>();
  for (const day of sent) {
    const quantity = roundToStoredPrecision(day.quantity);
    const there = kept.get(dayKeyOf(day.key, day.day));
    if (there && !there.backfilled) {
      decision.liveKept++;
      continue;
    }
    if (there && roundToStoredPrecision(there.quantity) === quantity && there.stockedOut === day.stockedOut) {
      decision.unchanged++;
      continue;
    }
    decision.writes.push({ ...day, quantity });
    changed.set(siteItemKeyOf(day.key), day.key);
  }
  decision.changed = [...changed.values()];
  return decision;
}

/** How many of the periods a forecast was made from hold a day of sent history. */
export function backfilledPeriodCount(periodStarts: readonly number[], backfilledDays: readonly number[], periodDays: number): number {
  const starts = new Set(backfilledDays.map((day) => periodStartOf(day, periodDays)));
  return periodStarts.filter((start) => starts.has(start)).length;
}

/** A series the agreements or the kept history refuse: the field at fault and why. */
export interface SeriesRefusal {
  index: number;
  field: string;
  problem: string;
}

/**
 * The series that cannot be taken: no agreement line of the buyer covers the site x item now (history of
 * an item nobody replenishes forecasts nothing anyone uses; another buyer's site x item is answered alike, so
 * nobody learns which ids others have), or its unit is not the line's or the one its consumption is kept in
 * (summed with the rest, it would be nonsense; never converted).
 */
export function agreementRefusals(
  buyerId: string,
  series: readonly SentSeries[],
  lineOf: (siteId: string, itemId: string) => AgreementLineInForce | undefined,
  keptUnits: ReadonlyMap<string, string | null>,
): SeriesRefusal[] {
  return series.flatMap((s, index) => {
    const againstLine = lineTermsProblems({ buyerId, ...s }, lineOf(s.siteId, s.itemId), 'required', 'now');
    if (againstLine.length > 0) return againstLine.map((p) => ({ index, ...p }));
    const keptIn = keptUnits.get(siteItemKeyOf({ buyerId, ...s }));
    if (keptIn && keptIn !== s.unit)
      return [{ index, field: 'unit', problem: `is ${s.unit} but consumption of ${s.siteId} x ${s.itemId} is kept in ${keptIn}` }];
    return [];
  });
}
