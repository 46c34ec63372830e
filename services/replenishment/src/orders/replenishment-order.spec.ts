import { Agreement } from '@smi/agreements';
import { StockLevel } from '@smi/contracts';
import { goodsReceiptOf, orderIdFor, replenishmentOrderOf } from './replenishment-order';

const line = { siteId: 'plant-lyon', itemId: 'brake-pad', unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 3, packMultiple: 10 };
const agreement: Agreement = {
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2026-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 100 },
  lines: [line],
};
const level = (overrides: Partial<StockLevel> = {}): StockLevel => ({
  eventId: 'mv-7/stock-level',
  buyerId: 'acme',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  onHand: 35,
  unit: 'EA',
  sequence: 7,
  asOf: new Date('2026-03-04T10:00:00Z'),
  movementId: 'mv-7',
  movementKind: 'CONSUMPTION',
  movementQuantity: 5,
  orderReference: null,
  ...overrides,
});

describe('replenishment order', () => {
  it('derives the order id from the triggering stock level, the same on every replay', () => {
    expect(orderIdFor('mv-7/stock-level')).toMatch(/^ORD-[0-9A-F]{16}$/);
    expect(orderIdFor('mv-7/stock-level')).toBe(orderIdFor('mv-7/stock-level'));
    expect(orderIdFor('mv-8/stock-level')).not.toBe(orderIdFor('mv-7/stock-level'));
  });

  it('carries what the decision saw and is due the lead time after the level', () => {
    const decidedAt = new Date('2026-03-04T10:00:02Z');
    const order = replenishmentOrderOf({ level: level(), agreement, line, stock: { onHand: 35, onOrder: 0 }, quantity: 90, decidedAt });
    expect(order).toEqual({
      eventId: 'mv-7/stock-level/replenishment-order',
      orderId: orderIdFor('mv-7/stock-level'),
      agreementId: 'AGR-1',
      buyerId: 'acme',
      supplierId: 'northwind',
      siteId: 'plant-lyon',
      itemId: 'brake-pad',
      quantity: 90,
      unit: 'EA',
      onHand: 35,
      onOrder: 0,
      minimum: 40,
      maximum: 120,
      packMultiple: 10,
      expectedDeliveryAt: new Date('2026-03-07T10:00:00Z'),
      decidedAt,
      triggeredByEventId: 'mv-7/stock-level',
    });
  });

  it('reads a goods receipt from a RECEIPT level naming its order, and nothing else', () => {
    expect(goodsReceiptOf(level({ movementKind: 'RECEIPT', movementQuantity: 90, orderReference: 'ORD-1' }))).toEqual({
      orderId: 'ORD-1',
      receivedQuantity: 90,
      receivedAt: new Date('2026-03-04T10:00:00Z'),
    });
    expect(goodsReceiptOf(level({ movementKind: 'RECEIPT', orderReference: null }))).toBeUndefined();
    expect(goodsReceiptOf(level({ movementKind: 'ADJUSTMENT', orderReference: 'ORD-1' }))).toBeUndefined();
  });
});
