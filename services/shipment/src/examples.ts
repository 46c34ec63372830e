import { ReplenishmentOrder, StockLevel } from '@smi/contracts';
import { plannedShipmentFor, ShipmentState } from './shipments/shipment';

// Example events and state for the unit tests: one order of brake pads for Acme's Lyon plant.

export const exampleOrder = (overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder => ({
  eventId: 'ord-evt-1',
  orderId: 'ORD-42',
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  quantity: 80,
  unit: 'EA',
  onHand: 30,
  onOrder: 0,
  minimum: 40,
  maximum: 120,
  reorderPoint: 40,
  orderUpTo: 120,
  packMultiple: 10,
  expectedDeliveryAt: new Date('2026-03-13T08:00:00Z'),
  decidedAt: new Date('2026-03-10T08:00:00Z'),
  triggeredByEventId: 'level-7',
  status: 'RELEASED',
  agreementVersion: 1,
  emergency: false,
  orderValue: 0,
  statusChangedBy: 'replenishment',
  statusReason: '',
  approvalDeadline: null,
  explanation: null,
  ...overrides,
});

/** The stock level of the buyer booking 78 of the order's brake pads into stock. */
export const exampleReceiptLevel = (overrides: Partial<StockLevel> = {}): StockLevel => ({
  eventId: 'mv-9/stock-level',
  buyerId: 'acme',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  onHand: 110,
  unit: 'EA',
  sequence: 9,
  asOf: new Date('2026-03-12T09:30:00Z'),
  movementId: 'mv-9',
  movementKind: 'RECEIPT',
  movementQuantity: 78,
  orderReference: 'ORD-42',
  ...overrides,
});

/** The order's shipment, on its way: it left in full with the advance shipping notice. */
export const exampleShipment = (overrides: Partial<ShipmentState> = {}): ShipmentState => {
  const planned = plannedShipmentFor(exampleOrder());
  return {
    ...planned,
    status: 'DISPATCHED',
    statusChangedAt: new Date('2026-03-11T06:00:00Z'),
    lines: planned.lines.map((line) => ({ ...line, dispatchedQuantity: line.orderedQuantity })),
    carrier: 'DHL',
    trackingReference: 'JJD0001',
    dispatchedAt: new Date('2026-03-11T06:00:00Z'),
    causedByEventId: 'asn-1',
    ...overrides,
  };
};
