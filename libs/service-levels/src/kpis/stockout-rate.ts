import { stored } from '../quantity';
import { HOUR_MS, startOf } from '../period';
import type { Day, LineDay, StockoutMoment } from '../service-level-facts';

/** One stockout of a line: from on-hand going to at or below zero until it went back above zero. */
export interface StockoutEpisode {
  /** When it began; null when it was already running on the first day measured. */
  beganAt: Date | null;
  /** The stock level that began it (null with beganAt). */
  beganBy: string | null;
  /** When it ended; null when it still ran at the end of the days measured. */
  endedAt: Date | null;
  /** Hours of it inside the days measured. */
  hours: number;
}

export interface StockoutRate {
  days: number;
  /** Days on which on-hand was at or below zero at any moment. */
  stockoutDays: number;
  /** stockoutDays / days; null without days. */
  rate: number | null;
  hoursStockedOut: number;
  /** Stockouts begun in the days measured (the allowance counts these). */
  stockoutsBegun: number;
  episodes: StockoutEpisode[];
}

/** A day at or below zero at any moment is a stockout day (a day wholly inside a stockout too). */
export const isStockoutDay = (day: Pick<LineDay, 'lowestOnHand'>): boolean => day.lowestOnHand <= 0;

/** The days of a line in day order. */
export const inDayOrder = <T extends { day: Day }>(days: readonly T[]): T[] => [...days].sort((a, b) => a.day.localeCompare(b.day));

/**
 * Stockout rate of one line over its days, with each stockout and how long it lasted inside them.
 * A stockout running when the days begin, or still running when they end, counts the hours inside.
 */
export function stockoutRate(lineDays: readonly LineDay[]): StockoutRate {
  const days = inDayOrder(lineDays);
  const hoursStockedOut = stored(days.reduce((sum, day) => sum + day.hoursStockedOut, 0));
  const stockoutDays = days.filter(isStockoutDay).length;
  return {
    days: days.length,
    stockoutDays,
    rate: days.length > 0 ? stockoutDays / days.length : null,
    hoursStockedOut,
    stockoutsBegun: days.reduce((sum, day) => sum + day.stockoutsBegun.length, 0),
    episodes: episodesOf(days, hoursStockedOut),
  };
}

function episodesOf(days: readonly LineDay[], hoursStockedOut: number): StockoutEpisode[] {
  if (days.length === 0) return [];
  // Beginnings and ends alternate, in the order they happened (two may share an instant: a receipt
  // and a consumption at the same moment), so the i-th beginning pairs with the i-th end after it.
  const begun = days.flatMap((day) => day.stockoutsBegun);
  const ended = days.flatMap((day) => day.stockoutsEnded);
  const first = days[0];
  // A day that opened stocked out has as many ends as beginnings or more; with as many, it closes out of stock again.
  const runningAtStart =
    first.stockoutsEnded.length > first.stockoutsBegun.length ||
    (first.stockoutsEnded.length === first.stockoutsBegun.length && first.closingOnHand <= 0);
  const starts: (StockoutMoment | null)[] = runningAtStart ? [null, ...begun] : begun;
  const firstStart = startOf(first.day).getTime();
  const episodes: StockoutEpisode[] = [];
  let closedHours = 0;
  starts.forEach((began, i) => {
    const end = ended[i];
    if (end) {
      const hours = (end.at.getTime() - (began ? began.at.getTime() : firstStart)) / HOUR_MS;
      closedHours += hours;
      episodes.push(episode(began, end.at, hours));
    } else {
      // The last one runs to the end of what was measured (a day measured up to a moment ends there):
      // its hours are what the days counted beyond the closed ones.
      episodes.push(episode(began, null, Math.max(0, hoursStockedOut - closedHours)));
    }
  });
  return episodes;
}

const episode = (began: StockoutMoment | null, endedAt: Date | null, hours: number): StockoutEpisode => ({
  beganAt: began?.at ?? null,
  beganBy: began?.stockLevelEventId ?? null,
  endedAt,
  hours: stored(hours),
});
