import { StockLevel } from '@smi/contracts';
import { exampleReceiptLevel, exampleShipment } from '../examples';
import { ShipmentState } from '../shipments/shipment';
import { bookGoodsReceipts, GoodsReceipt, goodsReceiptIn, lineForReceipt } from './goods-receipt';

const receipt = (overrides: Partial<StockLevel> = {}): GoodsReceipt => goodsReceiptIn(exampleReceiptLevel(overrides))!;
/** Dispatched 75 of the 80 ordered: five short. */
const shortShipped = exampleShipment({ lines: exampleShipment().lines.map((l) => ({ ...l, dispatchedQuantity: 75 })) });

describe('goods receipt', () => {
  it('is a RECEIPT level, naming the order when the buyer gave one', () => {
    expect(goodsReceiptIn(exampleReceiptLevel())).toEqual({
      stockLevelEventId: 'mv-9/stock-level',
      orderId: 'ORD-42',
      buyerId: 'acme',
      siteId: 'plant-lyon',
      itemId: 'brake-pad',
      unit: 'EA',
      quantity: 78,
      receivedAt: new Date('2026-03-12T09:30:00Z'),
    });
    expect(goodsReceiptIn(exampleReceiptLevel({ orderReference: null }))?.orderId).toBeNull();
    expect(goodsReceiptIn(exampleReceiptLevel({ movementKind: 'ADJUSTMENT' }))).toBeUndefined();
  });

  it('accumulates partial receipts on the line: PARTIALLY_RECEIVED, then RECEIVED once what left has arrived', () => {
    const first = receipt({ eventId: 'lvl-1', movementQuantity: 50 });
    const rest = receipt({ eventId: 'lvl-2', movementQuantity: 25, asOf: new Date('2026-03-13T09:00:00Z') });
    const booked = bookGoodsReceipts([shortShipped], [first, rest]);
    expect(booked.announced.map((a) => [a.index, a.event.eventId, a.event.status, a.event.lines[0].receivedQuantity])).toEqual([
      [0, 'lvl-1/shipment-received', 'PARTIALLY_RECEIVED', 50],
      [1, 'lvl-2/shipment-received', 'RECEIVED', 75],
    ]);
    expect(booked.changed).toEqual([
      {
        ...shortShipped,
        status: 'RECEIVED',
        statusChangedAt: rest.receivedAt,
        receivedQuantity: 75,
        quantity: 75,
        deliveredAt: first.receivedAt,
        causedByEventId: 'lvl-2',
        lines: [{ ...shortShipped.lines[0], receivedQuantity: 75, receiptEventIds: ['lvl-1', 'lvl-2'] }],
      },
    ]);
  });

  it('records an over-delivery on the line, and keeps the reported arrival when it came before the goods were booked', () => {
    const arrived = { ...shortShipped, status: 'DELIVERED' as const, deliveredAt: new Date('2026-03-12T07:00:00Z') };
    const booked = bookGoodsReceipts([arrived], [receipt({ movementQuantity: 78 })]);
    expect(booked.changed[0]).toMatchObject({ status: 'RECEIVED', deliveredAt: arrived.deliveredAt });
    expect(booked.changed[0].lines[0].receivedQuantity).toBe(78);
  });

  it('books a receipt naming no order on the open line of its site x item expected nearest to it', () => {
    const shipment = (id: string, expected: string, overrides: Partial<ShipmentState> = {}) =>
      exampleShipment({ shipmentId: id, expectedDeliveryAt: new Date(expected), ...overrides });
    const far = shipment('SHP-far', '2026-03-20T00:00:00Z');
    const near = shipment('SHP-near', '2026-03-12T12:00:00Z');
    const full = shipment('SHP-full', '2026-03-12T09:00:00Z', {
      lines: exampleShipment().lines.map((l) => ({ ...l, dispatchedQuantity: 80, receivedQuantity: 80 })),
    });
    const notLeft = shipment('SHP-planned', '2026-03-12T09:30:00Z', { dispatchedAt: null, status: 'PLANNED' });
    const leftAfter = shipment('SHP-after', '2026-03-12T09:30:00Z', { dispatchedAt: new Date('2026-03-12T10:00:00Z') });
    const found = lineForReceipt([far, near, full, notLeft, leftAfter], receipt({ orderReference: null }));
    expect('shipment' in found && found.shipment.shipmentId).toBe('SHP-near');
    expect(lineForReceipt([far], receipt({ orderReference: null, itemId: 'rotor' }))).toEqual({
      reason: 'no open shipment line of plant-lyon x rotor had left the supplier by then',
    });
  });

  it('keeps what matches nothing, with why, and never books a receipt twice', () => {
    const stray = receipt({ eventId: 'lvl-stray', orderReference: 'ORD-7' });
    const elsewhere = receipt({ eventId: 'lvl-turin', siteId: 'plant-turin' });
    const seen = receipt({ eventId: 'lvl-seen' });
    const twice = receipt({ eventId: 'lvl-twice', movementQuantity: 10 });
    const booked = bookGoodsReceipts([shortShipped], [stray, elsewhere, seen, twice, twice], new Set(['lvl-seen']));
    expect(booked.placed.map((p) => [p.receipt.stockLevelEventId, p.shipmentId])).toEqual([
      ['lvl-stray', null],
      ['lvl-turin', null],
      ['lvl-twice', shortShipped.shipmentId],
    ]);
    expect(booked.repeats).toEqual(['lvl-seen', 'lvl-twice']);
    expect(booked.notes).toEqual([
      'goods receipt lvl-stray kept unmatched: it names order ORD-7, which is on no shipment',
      `goods receipt lvl-turin kept unmatched: siteId is plant-turin but shipment ${shortShipped.shipmentId} has plant-lyon`,
    ]);
    expect(booked.changed[0].lines[0].receivedQuantity).toBe(10);
  });
});
