import { StockLevel } from '@smi/contracts';
import { Announced, applyStep, shipmentEvent, shipmentIdOf, ShipmentsOfBatch, ShipmentState } from '../shipments/shipment';

/** A buyer booking goods into stock against an order. */
export interface GoodsReceipt {
  orderId: string;
  buyerId: string;
  siteId: string;
  itemId: string;
  unit: string;
  quantity: number;
  receivedAt: Date;
  stockLevelEventId: string;
}

export type ReceiptOutcome = { kind: 'received'; shipment: ShipmentState; eventId: string } | { kind: 'ignored'; reason: string };

/** The goods receipt a stock level carries, if it is one: a RECEIPT movement naming an order. */
export function goodsReceiptIn(level: StockLevel): GoodsReceipt | undefined {
  if (level.movementKind !== 'RECEIPT' || !level.orderReference) return undefined;
  return {
    orderId: level.orderReference,
    buyerId: level.buyerId,
    siteId: level.siteId,
    itemId: level.itemId,
    unit: level.unit,
    quantity: level.movementQuantity,
    receivedAt: level.asOf,
    stockLevelEventId: level.eventId,
  };
}

/**
 * Books a goods receipt on its order's shipment: RECEIVED from any earlier
 * status, with the quantity booked. Goods booked by another buyer, at another
 * site, of another item or in another unit did not arrive with this shipment,
 * and a shipment is received once. The event id follows from the stock
 * level's, so the same receipt always yields the same event.
 */
export function receiveShipment(shipment: ShipmentState, receipt: GoodsReceipt): ReceiptOutcome {
  for (const field of ['buyerId', 'siteId', 'itemId', 'unit'] as const) {
    if (receipt[field] !== shipment[field])
      return { kind: 'ignored', reason: `${field} is ${receipt[field]} but shipment ${shipment.shipmentId} has ${shipment[field]}` };
  }
  const outcome = applyStep(shipment, 'RECEIVE', receipt.receivedAt, receipt.quantity);
  if (outcome.kind === 'refused') return { kind: 'ignored', reason: outcome.reason };
  return { kind: 'received', shipment: outcome.shipment, eventId: `${receipt.stockLevelEventId}/shipment-received` };
}

export interface GoodsReceiptsBooked {
  /** Every shipment the batch received, once each. */
  changed: ShipmentState[];
  /** RECEIVED events in the order booked; `index` is the receipt's place in the batch. */
  announced: Announced[];
  /** Receipts naming an order no shipment exists for yet, the first per order: kept until the order comes. */
  kept: GoodsReceipt[];
  /** Receipts that changed nothing, with why, for the log. */
  notes: string[];
}

/**
 * Books a batch of goods receipts on their orders' shipments, in order, as booking them one
 * by one would. `shipments` holds the existing shipment of the receipts' orders, by shipment
 * id. A receipt for an order without a shipment is kept, since the order may only be late
 * (it travels on another topic); for one order the first receipt is the one kept.
 */
export function bookGoodsReceipts(shipments: ReadonlyMap<string, ShipmentState>, receipts: readonly GoodsReceipt[]): GoodsReceiptsBooked {
  const batch = new ShipmentsOfBatch(shipments);
  const kept = new Map<string, GoodsReceipt>();
  const result: GoodsReceiptsBooked = { changed: [], announced: [], kept: [], notes: [] };
  receipts.forEach((receipt, index) => {
    const shipment = batch.get(shipmentIdOf(receipt.orderId));
    if (!shipment) {
      if (!kept.has(receipt.orderId)) kept.set(receipt.orderId, receipt);
      result.notes.push(
        `goods receipt ${receipt.stockLevelEventId} names order ${receipt.orderId}, which has no shipment; kept in case the order comes later`,
      );
      return;
    }
    const outcome = receiveShipment(shipment, receipt);
    if (outcome.kind === 'ignored') {
      result.notes.push(`goods receipt ${receipt.stockLevelEventId} for shipment ${shipment.shipmentId} ignored: ${outcome.reason}`);
      return;
    }
    batch.set(outcome.shipment);
    result.announced.push({ index, event: shipmentEvent(outcome.shipment, outcome.eventId) });
  });
  result.changed = batch.changed();
  result.kept = [...kept.values()];
  return result;
}
