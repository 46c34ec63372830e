import type { Shipment } from '@smi/contracts';

/** The order a shipment line carries, as a test names it. */
export interface LineOf {
  orderId: string;
  itemId: string;
  ordered: number;
  dispatched: number | null;
}

/** A shipment event with its lines, as the shipment service publishes one (tests). */
export function shipmentEvent(
  shipmentId: string,
  eventId: string,
  lines: readonly LineOf[],
  overrides: Partial<Shipment> & Pick<Shipment, 'buyerId' | 'siteId' | 'statusChangedAt'>,
): Shipment {
  const [first] = lines;
  return {
    eventId,
    shipmentId,
    orderId: first.orderId,
    agreementId: 'AGR-1',
    supplierId: 'northwind',
    itemId: first.itemId,
    quantity: first.dispatched ?? first.ordered,
    unit: 'EA',
    status: lines.some((l) => l.dispatched !== null) ? 'DISPATCHED' : 'PLANNED',
    expectedDeliveryAt: overrides.statusChangedAt,
    receivedQuantity: null,
    lines: lines.map((l) => ({
      orderId: l.orderId,
      itemId: l.itemId,
      unit: 'EA',
      orderedQuantity: l.ordered,
      dispatchedQuantity: l.dispatched,
      receivedQuantity: 0,
      receiptEventIds: [],
    })),
    promisedDeliveryAt: null,
    carrier: 'DHL',
    trackingReference: `TRK-${shipmentId}`,
    dispatchedAt: lines.some((l) => l.dispatched !== null) ? overrides.statusChangedAt : null,
    deliveredAt: null,
    delayReason: null,
    causedByEventId: null,
    ...overrides,
  };
}
