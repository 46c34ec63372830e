import { fromMillionths, toMillionths } from './exact-quantity';
import type { ClosedShortOrder, ShortDispatch, StockSituation } from './planning-types';

/** On-hand, on-order and backorders, and the inventory position they make. */
export interface InventoryPosition {
  onHand: number;
  /** Open orders, released or awaiting approval, not yet received. */
  onOrder: number;
  backorders: number;
  /** on-hand + on-order − backorders. */
  position: number;
  /** Open orders partial receipts brought some of: only the rest counts as on order. Absent when none. */
  partlyReceived?: Array<{ orderId: string; stillDue: number; received: number; short?: ShortDispatch }>;
  /** Open orders their supplier dispatched less of, none of it received yet. Absent when none. */
  shortDispatched?: Array<{ orderId: string; stillDue: number; short: ShortDispatch }>;
  /** Orders closed short since the line last ordered (they count 0). Absent when none. */
  closedShort?: readonly ClosedShortOrder[];
}

/**
 * Inventory position = on-hand + on-order − backorders.
 * Every open order counts, released or still awaiting the buyer's approval, so
 * a need already ordered is never ordered twice; backorders count against it
 * because the next goods received go to the demand already owed.
 */
export function inventoryPositionOf(
  situation: Pick<StockSituation, 'onHand' | 'backorders' | 'openOrders' | 'closedShort'>,
): InventoryPosition {
  const onOrder = situation.openOrders.reduce((sum, order) => sum + toMillionths(order.quantity), 0);
  const position = toMillionths(situation.onHand) + onOrder - toMillionths(situation.backorders);
  const partlyReceived = situation.openOrders
    .filter((order) => (order.received ?? 0) > 0)
    .map(({ orderId, quantity, received, short }) => ({ orderId, stillDue: quantity, received: received!, ...(short ? { short } : {}) }));
  const shortDispatched = situation.openOrders
    .filter((order) => order.short && !((order.received ?? 0) > 0))
    .map(({ orderId, quantity, short }) => ({ orderId, stillDue: quantity, short: short! }));
  const closedShort = situation.closedShort ?? [];
  return {
    onHand: situation.onHand,
    onOrder: fromMillionths(onOrder),
    backorders: situation.backorders,
    position: fromMillionths(position),
    ...(partlyReceived.length > 0 ? { partlyReceived } : {}),
    ...(shortDispatched.length > 0 ? { shortDispatched } : {}),
    ...(closedShort.length > 0 ? { closedShort } : {}),
  };
}
