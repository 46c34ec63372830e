import { StockLevel } from '@smi/contracts';
import { applyStep, ShipmentState } from '../shipments/shipment';

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

export type ReceiptOutcome =
  | { kind: 'received'; shipment: ShipmentState; eventId: string }
  | { kind: 'ignored'; reason: string };

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
    if (receipt[field] !== shipment[field]) return { kind: 'ignored', reason: `${field} is ${receipt[field]} but shipment ${shipment.shipmentId} has ${shipment[field]}` };
  }
  const outcome = applyStep(shipment, 'RECEIVE', receipt.receivedAt, receipt.quantity);
  if (outcome.kind === 'refused') return { kind: 'ignored', reason: outcome.reason };
  return { kind: 'received', shipment: outcome.shipment, eventId: `${receipt.stockLevelEventId}/shipment-received` };
}
