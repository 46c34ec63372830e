import { ReplenishmentOrder } from '@smi/contracts';
import { GoodsReceipt, receiveShipment } from '../goods-receipt/goods-receipt';
import {
  Announced,
  applyStep,
  orderProblems,
  plannedShipmentFor,
  shipmentActionFor,
  shipmentEvent,
  shipmentIdOf,
  ShipmentsOfBatch,
  ShipmentState,
} from './shipment';

export interface ShipmentsPlanned {
  /** Every shipment the batch created or moved, once each, in its last state. */
  changed: ShipmentState[];
  /** Shipment events in the order the batch caused them; `index` is the order event's place in the batch. */
  announced: Announced[];
  /** Orders whose kept goods receipt the batch used (booked, or found not to match): no longer kept. */
  receiptsUsed: string[];
  /** Order events refused, by their place in the batch, with the reason naming the field. */
  refused: Array<{ index: number; reason: string }>;
  /** Events that changed nothing, with why, for the log. */
  notes: string[];
}

/**
 * The orders of a batch whose shipment (and kept goods receipt) the planning must see: every
 * valid order event that plans or cancels. A batch of orders awaiting approval needs none.
 */
export function ordersToPlan(orders: readonly ReplenishmentOrder[]): string[] {
  const orderIds = orders.filter((o) => orderProblems(o).length === 0 && shipmentActionFor(o) !== 'none').map((o) => o.orderId);
  return [...new Set(orderIds)];
}

/**
 * Plans the shipments of a batch of replenishment order events, each order's events in their
 * order, as applying them one by one would: a released order (placed, or approved by the
 * buyer) gets a PLANNED shipment unless it has one already, and a goods receipt kept for it
 * is booked on it at once; a rejected order (the buyer's veto after release) cancels its
 * shipment unless it has left; an order awaiting approval or expired ships nothing.
 * `shipments` holds the existing shipment of the batch's orders (by shipment id), `kept` the
 * goods receipts kept for them (by order id); `now` stamps a cancellation.
 */
export function planShipments(
  shipments: ReadonlyMap<string, ShipmentState>,
  kept: ReadonlyMap<string, GoodsReceipt>,
  orders: readonly ReplenishmentOrder[],
  now: Date,
): ShipmentsPlanned {
  const batch = new ShipmentsOfBatch(shipments);
  const result: ShipmentsPlanned = { changed: [], announced: [], receiptsUsed: [], refused: [], notes: [] };
  orders.forEach((order, index) => {
    const problems = orderProblems(order);
    if (problems.length > 0) {
      result.refused.push({ index, reason: problems.join('; ') });
      return;
    }
    const action = shipmentActionFor(order);
    if (action === 'none') return; // awaiting approval or expired: nothing to ship (yet)
    const existing = batch.get(shipmentIdOf(order.orderId));
    const announce = (shipment: ShipmentState, eventId: string) => {
      batch.set(shipment);
      result.announced.push({ index, event: shipmentEvent(shipment, eventId) });
    };

    if (action === 'cancel') {
      if (!existing) return; // rejected before release: nothing was planned
      const outcome = applyStep(existing, 'CANCEL', now);
      if (outcome.kind === 'refused') {
        result.notes.push(
          `order ${order.orderId} was rejected by ${order.statusChangedBy} but shipment ${existing.shipmentId} stays: ${outcome.reason}`,
        );
        return;
      }
      announce(outcome.shipment, `${order.eventId}/shipment`);
      return;
    }

    // The same order arriving again under another event id (a replay upstream) is still one shipment.
    if (existing) {
      result.notes.push(`order ${order.orderId} (event ${order.eventId}) already has shipment ${existing.shipmentId}; nothing to do`);
      return;
    }
    const planned = plannedShipmentFor(order);
    announce(planned, `${order.eventId}/shipment`);
    // An order is planned once, so its kept receipt is used at most once.
    const early = kept.get(order.orderId);
    if (!early) return;
    result.receiptsUsed.push(order.orderId);
    const outcome = receiveShipment(planned, early);
    if (outcome.kind === 'ignored') {
      result.notes.push(`goods receipt ${early.stockLevelEventId} kept for order ${order.orderId} ignored: ${outcome.reason}`);
      return;
    }
    announce(outcome.shipment, outcome.eventId);
  });
  result.changed = batch.changed();
  return result;
}
