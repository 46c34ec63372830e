import { fromMillionths, toMillionths } from './exact-quantity';
import type { StockSituation } from './planning-types';

/** On-hand, on-order and backorders, and the inventory position they make. */
export interface InventoryPosition {
  onHand: number;
  /** Open orders, released or awaiting approval, not yet received. */
  onOrder: number;
  backorders: number;
  /** on-hand + on-order − backorders. */
  position: number;
}

/**
 * Inventory position = on-hand + on-order − backorders.
 * Every open order counts, released or still awaiting the buyer's approval, so
 * a need already ordered is never ordered twice; backorders count against it
 * because the next goods received go to the demand already owed.
 */
export function inventoryPositionOf(situation: Pick<StockSituation, 'onHand' | 'backorders' | 'openOrders'>): InventoryPosition {
  const onOrder = situation.openOrders.reduce((sum, order) => sum + toMillionths(order.quantity), 0);
  const position = toMillionths(situation.onHand) + onOrder - toMillionths(situation.backorders);
  return {
    onHand: situation.onHand,
    onOrder: fromMillionths(onOrder),
    backorders: situation.backorders,
    position: fromMillionths(position),
  };
}
