import { stored } from './quantity';
import { addDays, DAY_MS, HOUR_MS, startOf, type Period } from './period';
import type { Day, LevelFact, LineDay, StockoutMoment } from './service-level-facts';

/** A site x item's stock level history, as lineDaysFromLevels reads it. */
export interface LevelHistory {
  /**
   * First day the history covers: every level of the site x item from this day on is in `levels`.
   * Lost demand is estimated from the 28 days before a stockout began, so start at least 28 days
   * before the period (and before any stockout still running when it begins).
   */
  from: Day;
  /** On-hand at the start of `from`: the closing on-hand of the day before. */
  openingOnHand: number;
  /** The levels from `from` on, in any order: they are applied in sequence order. */
  levels: readonly LevelFact[];
}

/** Days before a stockout whose consumption estimates the demand it loses. */
export const LOST_DEMAND_HISTORY_DAYS = 28;

/**
 * The LineDays of a site x item over a period, from its stock level history.
 *
 * Levels apply in sequence order (the order inventory-ingest applied their movements), so any
 * delivery order that keeps each key's order gives the same days. A level takes effect at its
 * asOf, or at the level before it when a late-reported movement carries an earlier time.
 *
 * Per day: closing and lowest on-hand, hours at or below zero, the stockouts begun and ended,
 * consumption issued, and demand = consumption + demand lost while stocked out, where the part of a
 * consumption taking on-hand below zero is unmet, and the demand lost is the line's mean daily
 * consumption over the in-stock days of the 28 days before the stockout began x hours stocked out / 24
 * (0 without such days). Met from stock = consumption - its unmet part.
 *
 * `until` (business time) ends the days measured: later days are left out, and its own day is
 * measured up to it.
 */
export function lineDaysFromLevels(history: LevelHistory, period: Pick<Period, 'firstDay' | 'lastDay'>, until?: Date): LineDay[] {
  const levels = [...history.levels].sort((a, b) => a.sequence - b.sequence);
  const firstDay = history.from < period.firstDay ? history.from : period.firstDay;
  const endMs = Math.min(startOf(period.lastDay).getTime() + DAY_MS, until ? until.getTime() : Infinity);
  const walked: WalkedDay[] = [];
  let onHand = history.openingOnHand;
  let next = 0;
  let at = startOf(firstDay).getTime();
  // A stockout running when the history begins began before it: no history, no lost-demand estimate.
  let lostPerDay = 0;
  for (let day = firstDay; startOf(day).getTime() < endMs; day = addDays(day, 1)) {
    const dayStart = startOf(day).getTime();
    const dayEnd = Math.min(dayStart + DAY_MS, endMs);
    const walk: WalkedDay = {
      day,
      closingOnHand: onHand,
      lowestOnHand: Infinity,
      stockedOutMs: 0,
      lost: 0,
      issued: 0,
      unmet: 0,
      ids: [],
      begun: [],
      ended: [],
    };
    // On-hand holds from `at` to `to`.
    const hold = (to: number) => {
      if (to <= at) return;
      walk.lowestOnHand = Math.min(walk.lowestOnHand, onHand);
      if (onHand <= 0) {
        walk.stockedOutMs += to - at;
        walk.lost += (lostPerDay * (to - at)) / DAY_MS;
      }
      at = to;
    };
    at = Math.max(at, dayStart);
    while (next < levels.length && Math.max(levels[next].asOf.getTime(), at) < dayEnd) {
      const level = levels[next++];
      hold(level.asOf.getTime());
      if (level.movementKind === 'CONSUMPTION') {
        const before = level.onHand + level.movementQuantity;
        walk.issued += level.movementQuantity;
        walk.unmet += Math.max(0, level.movementQuantity - Math.max(0, before));
      }
      const moment: StockoutMoment = { at: new Date(at), stockLevelEventId: level.eventId, onHand: level.onHand };
      if (onHand > 0 && level.onHand <= 0) {
        walk.begun.push(moment);
        lostPerDay = meanInStockConsumption(walked, day);
      } else if (onHand <= 0 && level.onHand > 0) walk.ended.push(moment);
      onHand = level.onHand;
      walk.lowestOnHand = Math.min(walk.lowestOnHand, onHand);
      walk.ids.unshift(level.eventId);
    }
    hold(dayEnd);
    walk.closingOnHand = onHand;
    walked.push(walk);
  }
  return walked.filter((walk) => walk.day >= period.firstDay && walk.day <= period.lastDay).map(lineDayOf);
}

interface WalkedDay {
  day: Day;
  closingOnHand: number;
  lowestOnHand: number;
  stockedOutMs: number;
  lost: number;
  issued: number;
  unmet: number;
  /** Last first. */
  ids: string[];
  begun: StockoutMoment[];
  ended: StockoutMoment[];
}

/** Mean consumption of the in-stock days among the 28 days before `day` (0 without any). */
function meanInStockConsumption(walked: readonly WalkedDay[], day: Day): number {
  const from = addDays(day, -LOST_DEMAND_HISTORY_DAYS);
  const inStock = walked.filter((w) => w.day >= from && w.day < day && w.lowestOnHand > 0);
  return inStock.length > 0 ? inStock.reduce((sum, w) => sum + w.issued, 0) / inStock.length : 0;
}

function lineDayOf(walk: WalkedDay): LineDay {
  const issued = stored(walk.issued);
  const lost = stored(walk.lost);
  return {
    day: walk.day,
    closingOnHand: walk.closingOnHand,
    lowestOnHand: walk.lowestOnHand,
    hoursStockedOut: stored(walk.stockedOutMs / HOUR_MS),
    demand: stored(issued + lost),
    metFromStock: stored(issued - walk.unmet),
    issued,
    stockLevelEventIds: walk.ids,
    stockoutsBegun: walk.begun,
    stockoutsEnded: walk.ended,
  };
}
