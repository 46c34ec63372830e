import type { LineDay } from '../service-level-facts';

/** The stock band the buyer agreed for a line, in units (convert days-of-supply levels first). */
export interface StockBand {
  minimum: number;
  maximum: number;
}

export interface TimeInBand {
  days: number;
  daysInBand: number;
  /** daysInBand / days; null without days. */
  share: number | null;
}

/** Share of days whose closing on-hand lies within [minimum, maximum]. */
export function timeInBand(days: readonly Pick<LineDay, 'closingOnHand'>[], band: StockBand): TimeInBand {
  const daysInBand = days.filter((day) => day.closingOnHand >= band.minimum && day.closingOnHand <= band.maximum).length;
  return { days: days.length, daysInBand, share: days.length > 0 ? daysInBand / days.length : null };
}
