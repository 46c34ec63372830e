import { stored } from '../quantity';
import type { DeliveryLine } from '../service-level-facts';

export interface OrderAccuracy {
  delivered: number;
  /** Delivered lines received exactly as ordered, and no other item booked against them. */
  accurate: number;
  /** accurate / delivered; null with nothing delivered. */
  rate: number | null;
}

/** Whether a delivered line came as ordered: the quantity ordered, the right item. */
export const isAccurate = (line: Pick<DeliveryLine, 'receivedQuantity' | 'orderedQuantity' | 'wrongItemReceived'>): boolean =>
  stored(line.receivedQuantity) === stored(line.orderedQuantity) && !line.wrongItemReceived;

/** Share of delivered lines that arrived as ordered. */
export function orderAccuracy(lines: readonly DeliveryLine[]): OrderAccuracy {
  const delivered = lines.filter((line) => line.deliveredAt !== null);
  const accurate = delivered.filter(isAccurate).length;
  return { delivered: delivered.length, accurate, rate: delivered.length > 0 ? accurate / delivered.length : null };
}
