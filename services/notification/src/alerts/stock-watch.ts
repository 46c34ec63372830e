import { DemandForecast, StockLevel } from '@smi/contracts';
import { AlertIntent, alertsTo, quantityText } from './alert-rules';

/** What the watch remembers of one buyer site x item between levels. */
export interface StockWatchState {
  buyerId: string;
  siteId: string;
  itemId: string;
  /** The level's sequence: a level at or below it was seen already (a redelivery). */
  sequence: number;
  onHand: number;
  asOf: Date;
  projectedBelowMin: boolean;
  aboveMax: boolean;
}

/** The latest forecast of a site x item, as far as a projection needs it. */
export interface DemandOutlook {
  buyerId: string;
  siteId: string;
  itemId: string;
  periodDays: number;
  demandPerPeriod: number;
  /** Demand of each period from the first forecast one on; empty on old forecasts. */
  horizonDemand: number[];
  generatedAt: Date;
}

/** The terms of the line in force on the level's day that the rules compare with. */
export interface WatchedLine {
  supplierId: string;
  minimum: number;
  maximum: number;
  leadTimeDays: number;
}

export const outlookOf = (forecast: DemandForecast): DemandOutlook => ({
  buyerId: forecast.buyerId,
  siteId: forecast.siteId,
  itemId: forecast.itemId,
  periodDays: forecast.periodDays,
  demandPerPeriod: forecast.demandPerPeriod,
  horizonDemand: forecast.horizonDemand,
  generatedAt: forecast.generatedAt,
});

/**
 * Demand the forecast expects over the next `days`: its horizon period by period (the last one
 * counted pro rata), and the flat demand per period beyond the horizon or without one.
 */
export function demandOverDays(outlook: DemandOutlook, days: number): number {
  const periodDays = Math.max(1, outlook.periodDays);
  let left = days / periodDays;
  let demand = 0;
  for (const period of outlook.horizonDemand) {
    if (left <= 0) break;
    demand += period * Math.min(1, left);
    left -= 1;
  }
  return demand + Math.max(0, left) * outlook.demandPerPeriod;
}

export const stockKeyOf = (v: { buyerId: string; siteId: string; itemId: string }): string => `${v.buyerId}|${v.siteId}|${v.itemId}`;

export interface StockWatchDecided {
  alerts: AlertIntent[];
  /** The state of each key the batch moved, as it ends the batch. */
  states: StockWatchState[];
}

/**
 * Watches each site x item's levels in order: alerts buyer and supplier when the stock, less
 * the demand forecast over the line's lead time, falls below the line's minimum, and when it
 * rises above the line's maximum; once per crossing: the next alert of a kind waits until the
 * stock has been back on the right side. A level no newer than the last one seen (a redelivery)
 * changes nothing. Folding the batch gives what the levels give one by one.
 */
export function watchStockLevels(
  levels: readonly StockLevel[],
  stored: ReadonlyMap<string, StockWatchState>,
  outlookFor: (key: string) => DemandOutlook | undefined,
  lineFor: (level: StockLevel) => WatchedLine | undefined,
): StockWatchDecided {
  const current = new Map(stored);
  const moved = new Set<string>();
  const alerts: AlertIntent[] = [];
  for (const level of levels) {
    const key = stockKeyOf(level);
    const before = current.get(key);
    if (before && level.sequence <= before.sequence) continue;
    const line = lineFor(level);
    const outlook = outlookFor(key);
    const demand = line && outlook ? demandOverDays(outlook, line.leadTimeDays) : 0;
    const projected = level.onHand - demand;
    const projectedBelowMin = line !== undefined && projected < line.minimum;
    const aboveMax = line !== undefined && level.onHand > line.maximum;
    const where = `${level.itemId} at ${level.siteId}`;
    if (line && projectedBelowMin && !before?.projectedBelowMin) {
      const subject =
        `Stock of ${where} projected below its minimum within the lead time: ${quantityText(level.onHand)} ${level.unit} on hand, ` +
        `${quantityText(demand)} forecast over ${line.leadTimeDays} days leaves ${quantityText(projected)} < minimum ${quantityText(line.minimum)}`;
      alerts.push(
        ...alertsTo([level.buyerId, line.supplierId], 'PROJECTED_BELOW_MIN', subject, level, `${level.eventId}/projected-below-min`),
      );
    }
    if (line && aboveMax && !before?.aboveMax) {
      const subject = `Stock of ${where} above its maximum: ${quantityText(level.onHand)} ${level.unit} > maximum ${quantityText(line.maximum)}`;
      alerts.push(...alertsTo([level.buyerId, line.supplierId], 'ABOVE_MAX', subject, level, `${level.eventId}/above-max`));
    }
    const { buyerId, siteId, itemId } = level;
    current.set(key, {
      buyerId,
      siteId,
      itemId,
      sequence: level.sequence,
      onHand: level.onHand,
      asOf: level.asOf,
      projectedBelowMin,
      aboveMax,
    });
    moved.add(key);
  }
  return { alerts, states: [...moved].map((key) => current.get(key)!) };
}

/**
 * The line's terms in units: a line that sets its levels in days of supply is converted with the
 * forecast's daily demand (without a forecast there is nothing to convert with, and no rule applies).
 */
export function watchedLineOf(
  inForce: { agreement: { supplierId: string }; line: { levelsIn?: string; minimum: number; maximum: number; leadTimeDays: number } },
  outlook: DemandOutlook | undefined,
): WatchedLine | undefined {
  const { line } = inForce;
  let factor = 1;
  if (line.levelsIn === 'days-of-supply') {
    if (!outlook) return undefined;
    factor = outlook.demandPerPeriod / Math.max(1, outlook.periodDays);
  }
  return {
    supplierId: inForce.agreement.supplierId,
    minimum: line.minimum * factor,
    maximum: line.maximum * factor,
    leadTimeDays: line.leadTimeDays,
  };
}
