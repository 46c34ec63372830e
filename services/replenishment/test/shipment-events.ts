import type { Shipment } from '@smi/contracts';
import { exampleShipment } from '@smi/testing';

/** The order a shipment line carries, as a test names it. */
export interface LineOf {
  orderId: string;
  itemId: string;
  ordered: number;
  dispatched: number | null;
}

/** A shipment event carrying these lines, DISPATCHED once any line has a dispatched quantity (tests). */
export function shipmentEvent(
  shipmentId: string,
  eventId: string,
  lines: readonly LineOf[],
  fields: Partial<Shipment> & Pick<Shipment, 'buyerId' | 'siteId' | 'statusChangedAt'>,
): Shipment {
  const [first] = lines;
  const dispatched = lines.some((l) => l.dispatched !== null);
  return exampleShipment({
    shipmentId,
    eventId,
    orderId: first.orderId,
    itemId: first.itemId,
    agreementId: 'AGR-1',
    supplierId: 'northwind',
    quantity: first.ordered,
    status: dispatched ? 'DISPATCHED' : 'PLANNED',
    dispatchedAt: dispatched ? fields.statusChangedAt : null,
    lines: lines.map((l) => ({
      orderId: l.orderId,
      itemId: l.itemId,
      unit: 'EA',
      orderedQuantity: l.ordered,
      dispatchedQuantity: l.dispatched,
      receivedQuantity: 0,
      receiptEventIds: [],
    })),
    ...fields,
  });
}
