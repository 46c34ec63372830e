import { StockLevel } from '@smi/contracts';
import {
  Announced,
  fullyReceived,
  LineState,
  lineOf,
  settled,
  shipmentEvent,
  ShipmentsOfBatch,
  ShipmentState,
  withLine,
} from '../shipments/shipment';

/** A buyer booking goods into stock: a RECEIPT movement, naming the order it answers when the buyer knows it. */
export interface GoodsReceipt {
  stockLevelEventId: string;
  /** The order reference the buyer gave; null when it gave none. */
  orderId: string | null;
  buyerId: string;
  siteId: string;
  itemId: string;
  unit: string;
  quantity: number;
  receivedAt: Date;
}

/** The goods receipt a stock level carries, if it is one: a RECEIPT movement. */
export function goodsReceiptIn(level: StockLevel): GoodsReceipt | undefined {
  if (level.movementKind !== 'RECEIPT') return undefined;
  return {
    stockLevelEventId: level.eventId,
    orderId: level.orderReference || null,
    buyerId: level.buyerId,
    siteId: level.siteId,
    itemId: level.itemId,
    unit: level.unit,
    quantity: level.movementQuantity,
    receivedAt: level.asOf,
  };
}

/** Whether goods booked so could have come on this line of this shipment: same buyer, site, item and unit. */
function mismatch(shipment: ShipmentState, line: LineState, receipt: GoodsReceipt): string | undefined {
  for (const [field, theirs] of [
    ['buyerId', shipment.buyerId],
    ['siteId', shipment.siteId],
    ['itemId', line.itemId],
    ['unit', line.unit],
  ] as const) {
    if (receipt[field] !== theirs) return `${field} is ${receipt[field]} but shipment ${shipment.shipmentId} has ${theirs}`;
  }
  return undefined;
}

/**
 * A line that takes goods found by site x item: on a shipment that had left (dispatched or
 * delivered) when the goods were booked, not yet fully received. Goods booked before it left
 * (opening stock, another source) cannot be its.
 */
const openFor = (shipment: ShipmentState, line: LineState, receipt: GoodsReceipt): boolean =>
  shipment.dispatchedAt !== null &&
  shipment.dispatchedAt.getTime() <= receipt.receivedAt.getTime() &&
  shipment.status !== 'CANCELLED' &&
  !fullyReceived(line) &&
  mismatch(shipment, line, receipt) === undefined;

/**
 * Where a receipt belongs: the line of the order it names; else, for a receipt naming no order, the
 * open line of its site x item whose shipment is expected nearest to when the goods were booked
 * (the earlier expected, then the lower id, on a tie). A receipt naming an order waits for that
 * order rather than going elsewhere: the order may only be late, on another topic.
 */
export function lineForReceipt(
  shipments: readonly ShipmentState[],
  receipt: GoodsReceipt,
): { shipment: ShipmentState; line: LineState } | { reason: string } {
  if (receipt.orderId !== null) {
    const shipment = shipments.find((s) => lineOf(s, receipt.orderId!) !== undefined);
    if (!shipment) return { reason: `it names order ${receipt.orderId}, which is on no shipment` };
    const line = lineOf(shipment, receipt.orderId)!;
    const wrong = mismatch(shipment, line, receipt);
    return wrong ? { reason: wrong } : { shipment, line };
  }
  const distance = (s: ShipmentState) => Math.abs(s.expectedDeliveryAt.getTime() - receipt.receivedAt.getTime());
  const candidates = shipments
    .flatMap((shipment) => shipment.lines.filter((line) => openFor(shipment, line, receipt)).map((line) => ({ shipment, line })))
    .sort(
      (a, b) =>
        distance(a.shipment) - distance(b.shipment) ||
        a.shipment.expectedDeliveryAt.getTime() - b.shipment.expectedDeliveryAt.getTime() ||
        a.shipment.shipmentId.localeCompare(b.shipment.shipmentId) ||
        a.line.orderId.localeCompare(b.line.orderId),
    );
  return candidates[0] ?? { reason: `no open shipment line of ${receipt.siteId} x ${receipt.itemId} had left the supplier by then` };
}

/**
 * Books a receipt on a line: the line's received quantity grows by it (several receipts may fill
 * one line; beyond what left is an over-delivery), the receipt's id joins the line's evidence, and
 * the shipment counts as delivered from the first goods booked (or the reported arrival, if earlier).
 */
export function receiveOnLine(shipment: ShipmentState, line: LineState, receipt: GoodsReceipt): ShipmentState {
  const received = withLine(shipment, {
    ...line,
    receivedQuantity: line.receivedQuantity + receipt.quantity,
    receiptEventIds: [...line.receiptEventIds, receipt.stockLevelEventId],
  });
  const deliveredAt =
    shipment.deliveredAt && shipment.deliveredAt.getTime() <= receipt.receivedAt.getTime() ? shipment.deliveredAt : receipt.receivedAt;
  return settled({ ...received, deliveredAt }, receipt.receivedAt, receipt.stockLevelEventId);
}

/** The id of the shipment event a receipt causes: one per receipt, so the same receipt always yields the same event. */
export const receivedEventIdOf = (receipt: GoodsReceipt): string => `${receipt.stockLevelEventId}/shipment-received`;

export interface GoodsReceiptsBooked {
  /** Every shipment the batch received goods on, once each. */
  changed: ShipmentState[];
  /** Shipment events in the order booked; `index` is the receipt's place in the batch. */
  announced: Announced[];
  /** Each receipt placed or kept, with the shipment it was booked on (null: kept, matching nothing yet). */
  placed: Array<{ receipt: GoodsReceipt; shipmentId: string | null }>;
  /** Receipts that were booked before (a redelivery): nothing done. */
  repeats: string[];
  /** Receipts kept unmatched, with why, for the log. */
  notes: string[];
}

/**
 * Books a batch of goods receipts on the shipments given, in order, as booking them one by one
 * would. `shipments` holds every shipment the receipts could belong to (those carrying the orders
 * they name, and the open ones of their sites and items); `seen` the receipts booked or kept
 * before. A receipt that matches nothing is kept, never dropped: a shipment for it may come later.
 */
export function bookGoodsReceipts(
  shipments: Iterable<ShipmentState>,
  receipts: readonly GoodsReceipt[],
  seen: ReadonlySet<string> = new Set(),
): GoodsReceiptsBooked {
  const batch = new ShipmentsOfBatch(shipments);
  const result: GoodsReceiptsBooked = { changed: [], announced: [], placed: [], repeats: [], notes: [] };
  const booked = new Set(seen);
  receipts.forEach((receipt, index) => {
    if (booked.has(receipt.stockLevelEventId)) {
      result.repeats.push(receipt.stockLevelEventId);
      return;
    }
    booked.add(receipt.stockLevelEventId);
    const found = lineForReceipt(batch.all(), receipt);
    if ('reason' in found) {
      result.placed.push({ receipt, shipmentId: null });
      result.notes.push(`goods receipt ${receipt.stockLevelEventId} kept unmatched: ${found.reason}`);
      return;
    }
    const shipment = receiveOnLine(found.shipment, found.line, receipt);
    batch.set(shipment);
    result.placed.push({ receipt, shipmentId: shipment.shipmentId });
    result.announced.push({ index, event: shipmentEvent(shipment, receivedEventIdOf(receipt)) });
  });
  result.changed = batch.changed();
  return result;
}

/**
 * Books receipts kept unmatched on a shipment that has just become a home for them (an order
 * placed on it, or it left the supplier), in the order the goods were booked. Those still fitting
 * nowhere on it stay kept. Returns the shipment as it ends and the receipts it took, in order.
 */
export function bookKeptReceipts(
  shipment: ShipmentState,
  kept: readonly GoodsReceipt[],
): { shipment: ShipmentState; booked: Array<{ receipt: GoodsReceipt; shipment: ShipmentState }> } {
  let current = shipment;
  const booked: Array<{ receipt: GoodsReceipt; shipment: ShipmentState }> = [];
  const inOrder = [...kept].sort(
    (a, b) => a.receivedAt.getTime() - b.receivedAt.getTime() || a.stockLevelEventId.localeCompare(b.stockLevelEventId),
  );
  for (const receipt of inOrder) {
    const found = lineForReceipt([current], receipt);
    if ('reason' in found) continue;
    current = receiveOnLine(found.shipment, found.line, receipt);
    booked.push({ receipt, shipment: current });
  }
  return { shipment: current, booked };
}
