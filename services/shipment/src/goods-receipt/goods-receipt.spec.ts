import { StockLevel } from '@smi/contracts';
import { ShipmentState } from '../shipments/shipment';
import { goodsReceiptIn, receiveShipment } from './goods-receipt';

const level = (overrides: Partial<StockLevel> = {}): StockLevel => ({
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

const shipment: ShipmentState = {
  shipmentId: 'SHP-ORD-42',
  orderId: 'ORD-42',
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  quantity: 80,
  unit: 'EA',
  status: 'DISPATCHED',
  statusChangedAt: new Date('2026-03-11T06:00:00Z'),
  expectedDeliveryAt: new Date('2026-03-13T08:00:00Z'),
  receivedQuantity: null,
};

describe('goods receipt', () => {
  it('is a RECEIPT level naming an order, with the quantity booked', () => {
    expect(goodsReceiptIn(level())).toEqual({
      orderId: 'ORD-42',
      buyerId: 'acme',
      siteId: 'plant-lyon',
      itemId: 'brake-pad',
      unit: 'EA',
      quantity: 78,
      receivedAt: new Date('2026-03-12T09:30:00Z'),
      stockLevelEventId: 'mv-9/stock-level',
    });
  });

  it('is not a receipt without an order reference, nor another kind of movement', () => {
    expect(goodsReceiptIn(level({ orderReference: null }))).toBeUndefined();
    expect(goodsReceiptIn(level({ movementKind: 'ADJUSTMENT' }))).toBeUndefined();
  });

  it('receives the shipment with the quantity booked, when the goods were booked, under an id from the level', () => {
    expect(receiveShipment(shipment, goodsReceiptIn(level())!)).toEqual({
      kind: 'received',
      eventId: 'mv-9/stock-level/shipment-received',
      shipment: { ...shipment, status: 'RECEIVED', statusChangedAt: new Date('2026-03-12T09:30:00Z'), receivedQuantity: 78 },
    });
  });

  it('ignores goods booked by another buyer, at another site, of another item or in another unit', () => {
    expect(receiveShipment(shipment, goodsReceiptIn(level({ siteId: 'plant-turin' }))!)).toEqual({
      kind: 'ignored',
      reason: 'siteId is plant-turin but shipment SHP-ORD-42 has plant-lyon',
    });
    expect(receiveShipment(shipment, goodsReceiptIn(level({ buyerId: 'other' }))!)).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/^buyerId is other/) });
    expect(receiveShipment(shipment, goodsReceiptIn(level({ unit: 'BOX' }))!)).toMatchObject({ kind: 'ignored', reason: expect.stringMatching(/^unit is BOX/) });
  });

  it('receives a shipment once: a second receipt is ignored with the reason', () => {
    const received = { ...shipment, status: 'RECEIVED' as const, receivedQuantity: 78 };
    expect(receiveShipment(received, goodsReceiptIn(level({ eventId: 'mv-10/stock-level' }))!)).toEqual({
      kind: 'ignored',
      reason: 'the goods receipt is already booked; this one is RECEIVED',
    });
  });
});
