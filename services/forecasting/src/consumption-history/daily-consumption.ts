import { StockLevel } from '@smi/contracts';
import { dayNumberOf, dayText } from './calendar-days';

/** Consumption of one site x item on one UTC calendar day. */
export interface DailyConsumption {
  /** YYYY-MM-DD, in UTC. */
  day: string;
  quantity: number;
}

export type ConsumptionOutcome =
  | { kind: 'consumption'; consumption: DailyConsumption & { unit: string } }
  | { kind: 'not-demand' }
  | { kind: 'refused'; field: string; problem: string };

/** The UTC calendar day (YYYY-MM-DD) a moment falls on: sites in every time zone share one bucketing. */
export const utcDayOf = (moment: Date): string => dayText(dayNumberOf(moment));

/**
 * What a stock level adds to the consumption history.
 * - Only CONSUMPTION is demand: receipts, adjustments (scrap, found stock) and
 *   counts change on-hand but say nothing about how much the site uses.
 * - The quantity goes to the UTC day of asOf (when it was consumed, not when it was sent).
 * - A unit other than the one the history is kept in is refused, never converted.
 */
export function consumptionOf(level: StockLevel, keptInUnit: string | undefined): ConsumptionOutcome {
  if (level.movementKind !== 'CONSUMPTION') return { kind: 'not-demand' };
  if (!Number.isFinite(level.movementQuantity) || level.movementQuantity <= 0) {
    return {
      kind: 'refused',
      field: 'movementQuantity',
      problem: `must be greater than 0 for a CONSUMPTION (got ${level.movementQuantity})`,
    };
  }
  if (!(level.asOf instanceof Date) || Number.isNaN(level.asOf.getTime())) {
    return { kind: 'refused', field: 'asOf', problem: 'must be a date-time' };
  }
  if (keptInUnit !== undefined && keptInUnit !== level.unit) {
    return {
      kind: 'refused',
      field: 'unit',
      problem: `is ${level.unit} but consumption of ${level.siteId} x ${level.itemId} is kept in ${keptInUnit}`,
    };
  }
  return { kind: 'consumption', consumption: { day: utcDayOf(level.asOf), quantity: level.movementQuantity, unit: level.unit } };
}
