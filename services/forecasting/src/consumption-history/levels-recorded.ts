import { siteItemKeyOf, type StockLevel } from '@smi/contracts';
import { dayNumberOf } from './calendar-days';
import { consumptionOf } from './daily-consumption';

export interface SiteItem {
  buyerId: string;
  siteId: string;
  itemId: string;
}

/** What forecasting keeps per site x item besides its days: the unit of its consumption and the last stock level applied. */
export interface SeriesState {
  unit: string | null;
  /** The highest stock-level sequence applied: a level at or below it was applied before (Kafka delivered it again). */
  lastSequence: number;
}

/** How low on-hand went on one day and where it closed (the level with the highest sequence). */
export interface StockDayChange {
  key: SiteItem;
  day: number;
  lowestOnHand: number;
  closingOnHand: number;
  closingSequence: number;
}

export interface ConsumptionOnDay {
  key: SiteItem;
  day: number;
  unit: string;
  quantity: number;
}

export interface LevelsRecorded {
  /** The new state of every series the batch moved. */
  series: Array<{ key: SiteItem } & SeriesState>;
  /** One change per site x item x day, to merge with what the day already holds. */
  stockDays: StockDayChange[];
  /** Consumption per site x item x day, to add to the day's bucket. */
  consumption: ConsumptionOnDay[];
  /** Each consumption in the order it was applied, with its level's place in the batch: the moments a forecast may be due. */
  consumed: Array<{ index: number; key: SiteItem; day: number }>;
  /** Levels refused, by their place in the batch, naming the field. */
  refused: Array<{ index: number; reason: string }>;
}

/**
 * Records a batch of stock levels in the consumption history, each site x item's levels in
 * order, as recording them one by one would: every level counts towards its day's lowest and
 * closing on-hand (the days out of stock), a consumption adds to its day's demand, a level
 * already applied (sequence at or below the series' last) changes nothing.
 */
export function recordLevels(state: ReadonlyMap<string, SeriesState>, levels: readonly StockLevel[]): LevelsRecorded {
  const series = new Map<string, { key: SiteItem } & SeriesState>();
  const stockDays = new Map<string, StockDayChange>();
  const consumption = new Map<string, ConsumptionOnDay>();
  const result: LevelsRecorded = { series: [], stockDays: [], consumption: [], consumed: [], refused: [] };
  levels.forEach((level, index) => {
    if (!(level.asOf instanceof Date) || Number.isNaN(level.asOf.getTime())) {
      result.refused.push({ index, reason: 'asOf must be a date-time' });
      return;
    }
    const key: SiteItem = { buyerId: level.buyerId, siteId: level.siteId, itemId: level.itemId };
    const seriesKey = siteItemKeyOf(key);
    const current = series.get(seriesKey) ?? { key, ...(state.get(seriesKey) ?? { unit: null, lastSequence: 0 }) };
    if (level.sequence <= current.lastSequence) return;
    const outcome = consumptionOf(level, current.unit ?? undefined);
    if (outcome.kind === 'refused') {
      result.refused.push({ index, reason: `${outcome.field} ${outcome.problem}` });
      return;
    }
    series.set(seriesKey, {
      ...current,
      lastSequence: level.sequence,
      unit: outcome.kind === 'consumption' ? outcome.consumption.unit : current.unit,
    });

    const day = dayNumberOf(level.asOf);
    const dayKey = `${seriesKey}|${day}`;
    const stockDay = stockDays.get(dayKey);
    stockDays.set(dayKey, {
      key,
      day,
      lowestOnHand: Math.min(stockDay?.lowestOnHand ?? level.onHand, level.onHand),
      closingOnHand: stockDay && stockDay.closingSequence > level.sequence ? stockDay.closingOnHand : level.onHand,
      closingSequence: Math.max(stockDay?.closingSequence ?? level.sequence, level.sequence),
    });
    if (outcome.kind !== 'consumption') return;
    const added = consumption.get(dayKey);
    consumption.set(dayKey, { key, day, unit: outcome.consumption.unit, quantity: (added?.quantity ?? 0) + outcome.consumption.quantity });
    result.consumed.push({ index, key, day });
  });
  result.series = [...series.values()];
  result.stockDays = [...stockDays.values()];
  result.consumption = [...consumption.values()];
  return result;
}
