import { ReplenishmentOrder } from '@smi/contracts';
import { bookKeptReceipts, GoodsReceipt, receivedEventIdOf } from '../goods-receipt/goods-receipt';
import {
  Announced,
  consolidationKeyOf,
  lineFor,
  orderProblems,
  plannedShipmentFor,
  settled,
  shipmentActionFor,
  shipmentEvent,
  ShipmentsOfBatch,
  ShipmentState,
} from './shipment';

export interface ShipmentsPlanned {
  /** Every shipment the batch created or changed, once each, in its last state. */
  changed: ShipmentState[];
  /** Shipment events in the order the batch caused them; `index` is the order event's place in the batch. */
  announced: Announced[];
  /** Kept receipts the batch booked on a shipment, with it. */
  receiptsUsed: Array<{ stockLevelEventId: string; shipmentId: string }>;
  /** Order events refused, by their place in the batch, with the reason naming the field. */
  refused: Array<{ index: number; reason: string }>;
  /** Events that changed nothing, with why, for the log. */
  notes: string[];
}

/** The valid order events of a batch that plan or cancel: only they need shipments loaded. */
export function ordersToPlan(orders: readonly ReplenishmentOrder[]): ReplenishmentOrder[] {
  return orders.filter((o) => orderProblems(o).length === 0 && shipmentActionFor(o) !== 'none');
}

/** The latest shipment of a site and day, if any: the one a new order may join. */
function latestOf(batch: ShipmentsOfBatch, key: string): ShipmentState | undefined {
  return batch
    .all()
    .filter((s) => s.consolidationKey === key)
    .sort((a, b) => b.sequence - a.sequence)[0];
}

/**
 * Plans the shipments of a batch of replenishment order events, in order, as applying them one by
 * one would. A released order (placed, or approved by the buyer) joins the PLANNED shipment of its
 * buyer site and delivery day as a line of its own, or starts the next shipment of that site and
 * day when there is none or it has left; goods receipts kept for the order are booked on its line
 * at once. A rejected order (the buyer's veto after release) leaves its shipment while it is
 * PLANNED, which is CANCELLED when no line remains. An order awaiting approval or expired ships
 * nothing. `shipments` holds those carrying the batch's orders and those of their sites and days;
 * `kept` the receipts kept naming the batch's orders; `now` stamps a veto, which carries no time.
 */
export function planShipments(
  shipments: Iterable<ShipmentState>,
  kept: readonly GoodsReceipt[],
  orders: readonly ReplenishmentOrder[],
  now: Date,
): ShipmentsPlanned {
  const batch = new ShipmentsOfBatch(shipments);
  const unused = new Map<string, GoodsReceipt[]>();
  for (const receipt of kept) if (receipt.orderId) unused.set(receipt.orderId, [...(unused.get(receipt.orderId) ?? []), receipt]);
  const result: ShipmentsPlanned = { changed: [], announced: [], receiptsUsed: [], refused: [], notes: [] };
  orders.forEach((order, index) => {
    const problems = orderProblems(order);
    if (problems.length > 0) {
      result.refused.push({ index, reason: problems.join('; ') });
      return;
    }
    const action = shipmentActionFor(order);
    if (action === 'none') return; // awaiting approval or expired: nothing to ship (yet)
    const existing = batch.carrying(order.orderId);
    const announce = (shipment: ShipmentState, eventId: string) => {
      batch.set(shipment);
      result.announced.push({ index, event: shipmentEvent(shipment, eventId) });
    };

    if (action === 'cancel') {
      if (!existing) return; // rejected before release: nothing was planned
      if (existing.status !== 'PLANNED') {
        result.notes.push(
          `order ${order.orderId} was rejected by ${order.statusChangedBy} but shipment ${existing.shipmentId} keeps it: only a PLANNED shipment can drop an order; this one is ${existing.status}`,
        );
        return;
      }
      const without = { ...existing, lines: existing.lines.filter((line) => line.orderId !== order.orderId) };
      announce(settled(without, now, order.eventId), `${order.eventId}/shipment`);
      return;
    }

    // The same order arriving again under another event id (a replay upstream) stays on its shipment.
    if (existing) {
      result.notes.push(`order ${order.orderId} (event ${order.eventId}) is already on shipment ${existing.shipmentId}; nothing to do`);
      return;
    }
    const latest = latestOf(batch, consolidationKeyOf(order));
    const planned =
      latest?.status === 'PLANNED'
        ? settled({ ...latest, lines: [...latest.lines, lineFor(order)] }, order.decidedAt, order.eventId)
        : plannedShipmentFor(order, (latest?.sequence ?? 0) + 1);
    announce(planned, `${order.eventId}/shipment`);
    // An order is planned once, so its kept receipts are used at most once.
    const early = unused.get(order.orderId);
    if (!early) return;
    unused.delete(order.orderId);
    for (const { receipt, shipment } of bookKeptReceipts(planned, early).booked) {
      result.receiptsUsed.push({ stockLevelEventId: receipt.stockLevelEventId, shipmentId: shipment.shipmentId });
      announce(shipment, receivedEventIdOf(receipt));
    }
  });
  result.changed = batch.changed();
  return result;
}
