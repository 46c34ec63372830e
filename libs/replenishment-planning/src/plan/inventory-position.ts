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
  /** Open orders partial receipts brought some of: only the rest counts as on order. Absent when none. */
  partlyReceived?: Array<{ orderId: string; stillDue: number; received: number }>;
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
  const partlyReceived = situation.openOrders
    .filter((order) => (order.received ?? 0) > 0)
    .map(({ orderId, quantity, received }) => ({ orderId, stillDue: quantity, received: received! }));
  return {
    onHand: situation.onHand,
    onOrder: fromMillionths(onOrder),
    backorders: situation.backorders,
    position: fromMillionths(position),
    ...(partlyReceived.length > 0 ? { partlyReceived } : {}),
  };
}
