import { exampleReceiptLevel, exampleShipment } from '../examples';
import { ShipmentState } from '../shipments/shipment';
import { bookGoodsReceipts, goodsReceiptIn, receiveShipment } from './goods-receipt';

const level = exampleReceiptLevel;
const shipment = exampleShipment();

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
    expect(receiveShipment(shipment, goodsReceiptIn(level({ buyerId: 'other' }))!)).toMatchObject({
      kind: 'ignored',
      reason: expect.stringMatching(/^buyerId is other/),
    });
    expect(receiveShipment(shipment, goodsReceiptIn(level({ unit: 'BOX' }))!)).toMatchObject({
      kind: 'ignored',
      reason: expect.stringMatching(/^unit is BOX/),
    });
  });

  it('receives a shipment once: a second receipt is ignored with the reason', () => {
    const received = { ...shipment, status: 'RECEIVED' as const, receivedQuantity: 78 };
    expect(receiveShipment(received, goodsReceiptIn(level({ eventId: 'mv-10/stock-level' }))!)).toEqual({
      kind: 'ignored',
      reason: 'the goods receipt is already booked; this one is RECEIVED',
    });
  });
});

describe('booking a batch of goods receipts', () => {
  const receipt = (overrides: Parameters<typeof level>[0] = {}) => goodsReceiptIn(level(overrides))!;
  const byId = (...shipments: ShipmentState[]) => new Map(shipments.map((s) => [s.shipmentId, s]));

  it('receives each shipment once: a second receipt for it in the batch is noted, not booked', () => {
    const first = receipt();
    const booked = bookGoodsReceipts(byId(shipment), [first, receipt({ eventId: 'mv-10/stock-level', movementQuantity: 2 })]);
    expect(booked.changed).toEqual([{ ...shipment, status: 'RECEIVED', statusChangedAt: first.receivedAt, receivedQuantity: 78 }]);
    expect(booked.announced.map((a) => [a.index, a.event.eventId])).toEqual([[0, 'mv-9/stock-level/shipment-received']]);
    expect(booked.notes).toEqual([
      'goods receipt mv-10/stock-level for shipment SHP-ORD-42 ignored: the goods receipt is already booked; this one is RECEIVED',
    ]);
  });

  it('keeps the first receipt per order that has no shipment yet, and notes each', () => {
    const early = receipt({ orderReference: 'ORD-7' });
    const booked = bookGoodsReceipts(new Map(), [early, receipt({ orderReference: 'ORD-7', eventId: 'mv-11/stock-level' })]);
    expect(booked.kept).toEqual([early]);
    expect(booked.changed).toEqual([]);
    expect(booked.notes).toHaveLength(2);
  });

  it('books nothing for goods that did not come with the shipment', () => {
    const booked = bookGoodsReceipts(byId(shipment), [receipt({ siteId: 'plant-turin' })]);
    expect(booked).toEqual({
      changed: [],
      announced: [],
      kept: [],
      notes: [
        'goods receipt mv-9/stock-level for shipment SHP-ORD-42 ignored: siteId is plant-turin but shipment SHP-ORD-42 has plant-lyon',
      ],
    });
  });
});
