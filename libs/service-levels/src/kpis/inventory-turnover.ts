import { stored } from '../quantity';
import type { LineDay } from '../service-level-facts';

export interface InventoryTurnover {
  days: number;
  issued: number;
  /** Closing on-hand averaged over the days; a day below zero holds nothing (0). */
  averageOnHand: number;
  /** issued / averageOnHand over the days; null with nothing on hand. */
  turns: number | null;
  /** turns scaled to a year of 365 days. */
  annualTurns: number | null;
  /** averageOnHand / mean daily issued: days the average stock lasts; null when nothing was issued. */
  daysOfSupply: number | null;
}

/** Inventory turnover and days of supply of a line over its days. */
export function inventoryTurnover(days: readonly Pick<LineDay, 'closingOnHand' | 'issued'>[]): InventoryTurnover {
  const count = days.length;
  const issued = stored(days.reduce((sum, day) => sum + day.issued, 0));
  const averageOnHand = count > 0 ? days.reduce((sum, day) => sum + Math.max(0, day.closingOnHand), 0) / count : 0;
  const turns = averageOnHand > 0 ? issued / averageOnHand : null;
  return {
    days: count,
    issued,
    averageOnHand,
    turns,
    annualTurns: turns !== null ? (turns * 365) / count : null,
    daysOfSupply: issued > 0 ? averageOnHand / (issued / count) : null,
  };
}
