import { Agreement } from '@smi/agreements';
import { OrderExplanation, StockLevel } from '@smi/contracts';
import type { ReplenishmentDecision } from '@smi/replenishment-planning';
import { goodsReceiptOf, OrderDecided, orderFor, orderIdFor } from './replenishment-order';

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

  const explanation: OrderExplanation = {
    policy: 'min-max',
    backorders: 0,
    inventoryPosition: 35,
    forecastPerDay: 4,
    forecastStdDevPerDay: 1.5,
    demandClass: 'smooth',
    leadTimeDays: 3,
    protectionDays: 3,
    safetyStockMethod: 'normal',
    serviceLevelTarget: 0.95,
    promisedServiceLevel: 0.95,
    safetyStock: 4.3,
    reorderPoint: 16.3,
    orderUpTo: 120,
    neededQuantity: 85,
    steps: [{ rule: 'pack-multiple', before: 85, after: 90, note: 'rounded up to whole packs of 10 EA' }],
    summary: 'Inventory position 35 EA is at or below the reorder point.',
  };
  const decidedAt = new Date('2026-03-04T10:00:02Z');
  const decided = (overrides: Partial<OrderDecided> = {}): OrderDecided => ({
    triggerEventId: 'mv-7/stock-level',
    triggerAsOf: new Date('2026-03-04T10:00:00Z'),
    agreement,
    line,
    agreementVersion: 3,
    decision: { quantity: 90, emergency: false, leadTimeDays: 3, orderValue: 1125, explanation },
    onHand: 35,
    onOrder: 0,
    decidedAt,
    ...overrides,
  });

  it('releases an order with no approval boundary, carrying what the decision saw, due the lead time after the level', () => {
    expect(orderFor(decided())).toEqual({
      eventId: `${orderIdFor('mv-7/stock-level')}/released`,
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
      minimum: 16.3,
      maximum: 120,
      reorderPoint: 16.3,
      orderUpTo: 120,
      packMultiple: 10,
      expectedDeliveryAt: new Date('2026-03-07T10:00:00Z'),
      decidedAt,
      triggeredByEventId: 'mv-7/stock-level',
      status: 'RELEASED',
      agreementVersion: 3,
      emergency: false,
      orderValue: 1125,
      statusChangedBy: 'replenishment',
      statusReason: '',
      approvalDeadline: null,
      explanation,
    });
  });

  it('holds an order beyond the approval boundary for the buyer, lapsing expiresAfterHours after the decision', () => {
    const bounded = { ...line, unitPrice: 12.5, approval: { maxValue: 1000, vetoWindowHours: 12, expiresAfterHours: 48 } };
    const order = orderFor(decided({ line: bounded }));
    expect(order).toMatchObject({
      eventId: `${order.orderId}/awaiting-approval`,
      status: 'AWAITING_APPROVAL',
      statusReason: 'value 1,125 EUR exceeds the 1,000 EUR the supplier may release alone',
      approvalDeadline: new Date('2026-03-06T10:00:02Z'),
    });
  });

  it('takes the engine’s decision as it is, and its due date (moved to a delivery weekday) over as-of plus lead time', () => {
    const engine: Extract<ReplenishmentDecision, { kind: 'order' }> = {
      kind: 'order',
      quantity: 90,
      emergency: false,
      leadTimeDays: 3,
      dueAt: new Date('2026-03-09T10:00:00Z'),
      orderValue: 1125,
      explanation,
    };
    expect(orderFor(decided({ decision: engine })).expectedDeliveryAt).toEqual(new Date('2026-03-09T10:00:00Z'));
  });

  it('dates an emergency order by its emergency lead time', () => {
    const order = orderFor(decided({ decision: { quantity: 90, emergency: true, leadTimeDays: 0.5, orderValue: 0, explanation } }));
    expect(order).toMatchObject({ emergency: true, expectedDeliveryAt: new Date('2026-03-04T22:00:00Z') });
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
