import { ShipmentUpdate } from '@smi/contracts';
import { exampleOrder, exampleReceiptLevel, exampleShipment } from '../examples';
import { goodsReceiptIn } from '../goods-receipt/goods-receipt';
import { LogisticsReport, recordLogisticsReports, reportProblems } from './logistics-reports';
import { lineFor, plannedShipmentFor, settled } from './shipment';

const second = exampleOrder({ eventId: 'ord-evt-2', orderId: 'ORD-43', itemId: 'rotor', quantity: 20 });
/** Two orders of Acme's Lyon plant due on 13 March, consolidated, waiting for logistics. */
const planned = settled(
  { ...plannedShipmentFor(exampleOrder()), lines: [...plannedShipmentFor(exampleOrder()).lines, lineFor(second)] },
  new Date('2026-03-10T08:00:00Z'),
  'ord-evt-2',
);
const id = planned.shipmentId;
const supplier = { kind: 'supplier' as const, id: 'northwind' };

const update = (kind: ShipmentUpdate['kind'], overrides: Partial<ShipmentUpdate> = {}): ShipmentUpdate => ({
  eventId: `upd-${kind}`,
  supplierId: 'northwind',
  shipmentId: id,
  kind,
  occurredAt: new Date('2026-03-11T06:00:00Z'),
  carrier: null,
  trackingReference: null,
  expectedArrivalAt: null,
  reason: null,
  lines: [],
  ...overrides,
});
const report = (u: ShipmentUpdate, reportedBy: LogisticsReport['reportedBy'] = supplier): LogisticsReport => ({ update: u, reportedBy });

describe('what a logistics report must say', () => {
  it('names the field of each broken rule', () => {
    expect(reportProblems(update('DISPATCHED'))).toEqual([]);
    expect(reportProblems(update('DELAYED'))).toEqual([
      { field: 'expectedArrivalAt', problem: 'is required for a delay (the new expected arrival)' },
      { field: 'reason', problem: 'is required for a delay' },
    ]);
    expect(
      reportProblems(
        update('DISPATCHED', {
          lines: [
            { orderId: 'ORD-42', quantity: -1 },
            { orderId: 'ORD-42', quantity: 3 },
          ],
          expectedArrivalAt: new Date('2026-03-10T00:00:00Z'),
        }),
      ),
    ).toEqual([
      { field: 'expectedArrivalAt', problem: 'must not be before occurredAt' },
      { field: 'lines[0].quantity', problem: 'must be a number of at least 0' },
      { field: 'lines[1].orderId', problem: 'names order ORD-42 twice' },
    ]);
    expect(reportProblems(update('DISPATCHED', { carrier: 'DH\u0000L' }))).toEqual([
      { field: 'carrier', problem: 'holds a NUL or half of a surrogate pair' },
    ]);
    expect(reportProblems(update('DELIVERED', { lines: [{ orderId: 'ORD-42', quantity: 1 }] }))).toEqual([
      { field: 'lines', problem: 'are only for a DISPATCHED report' },
    ]);
  });
});

describe('logistics reports', () => {
  const arrival = new Date('2026-03-13T10:00:00Z');
  const asn = update('DISPATCHED', {
    carrier: 'DHL',
    trackingReference: 'JJD0001',
    expectedArrivalAt: arrival,
    lines: [
      { orderId: 'ORD-42', quantity: 75 },
      { orderId: 'ORD-43', quantity: 20 },
    ],
  });

  it('dispatches with the advance shipping notice: what left per order (a short shipment), carrier, tracking, expected arrival', () => {
    const [outcome] = recordLogisticsReports([planned], [report(asn)]).outcomes;
    if (outcome.kind !== 'moved') throw new Error(outcome.reason);
    expect(outcome.shipment).toMatchObject({
      status: 'DISPATCHED',
      statusChangedAt: asn.occurredAt,
      dispatchedAt: asn.occurredAt,
      carrier: 'DHL',
      trackingReference: 'JJD0001',
      expectedDeliveryAt: arrival,
      promisedDeliveryAt: planned.promisedDeliveryAt,
      quantity: 75,
      causedByEventId: 'upd-DISPATCHED',
    });
    expect(outcome.shipment.lines.map((l) => [l.orderId, l.orderedQuantity, l.dispatchedQuantity])).toEqual([
      ['ORD-42', 80, 75],
      ['ORD-43', 20, 20],
    ]);
    expect(outcome.events.map((e) => [e.eventId, e.status])).toEqual([['upd-DISPATCHED/shipment', 'DISPATCHED']]);
  });

  it('takes a notice without lines as everything left in full, and one leaving an order out as nothing sent for it', () => {
    const [full] = recordLogisticsReports([planned], [report(update('DISPATCHED'))]).outcomes;
    expect(full.kind === 'moved' && full.shipment.lines.map((l) => l.dispatchedQuantity)).toEqual([80, 20]);
    const [partial] = recordLogisticsReports(
      [planned],
      [report(update('DISPATCHED', { lines: [{ orderId: 'ORD-43', quantity: 20 }] }))],
    ).outcomes;
    expect(partial.kind === 'moved' && partial.shipment.lines.map((l) => l.dispatchedQuantity)).toEqual([0, 20]);
  });

  it('records a delay (new expected arrival and reason) without moving the promise, then the delivery', () => {
    const later = new Date('2026-03-15T10:00:00Z');
    const recorded = recordLogisticsReports(
      [planned],
      [
        report(asn),
        report(update('DELAYED', { occurredAt: new Date('2026-03-12T06:00:00Z'), expectedArrivalAt: later, reason: 'strike at the port' })),
        report(update('DELIVERED', { occurredAt: new Date('2026-03-15T09:00:00Z') })),
      ],
    );
    expect(
      recorded.outcomes.map((o) => o.kind === 'moved' && [o.shipment.status, o.shipment.expectedDeliveryAt, o.shipment.delayReason]),
    ).toEqual([
      ['DISPATCHED', arrival, null],
      ['DISPATCHED', later, 'strike at the port'],
      ['DELIVERED', later, 'strike at the port'],
    ]);
    expect(recorded.changed).toHaveLength(1);
    expect(recorded.changed[0]).toMatchObject({
      deliveredAt: new Date('2026-03-15T09:00:00Z'),
      statusChangedAt: new Date('2026-03-15T09:00:00Z'),
      promisedDeliveryAt: planned.promisedDeliveryAt,
    });
  });

  it("says why a report changes nothing: unknown shipment, another supplier's (as if unknown), its buyer, an order not on it, or out of order", () => {
    const recorded = recordLogisticsReports(
      [planned],
      [
        report(update('DISPATCHED', { shipmentId: 'SHP-nope' })),
        report(update('DISPATCHED', { supplierId: 'globex' }), { kind: 'supplier', id: 'globex' }),
        report(update('DISPATCHED'), { kind: 'buyer', id: 'acme' }),
        report(update('DISPATCHED', { lines: [{ orderId: 'ORD-99', quantity: 1 }] })),
        report(update('DELIVERED')),
        report(update('DISPATCHED')),
        report(update('DISPATCHED', { eventId: 'again' })),
      ],
    );
    expect(recorded.outcomes.map((o) => (o.kind === 'moved' ? o.kind : `${o.kind}: ${o.reason}`))).toEqual([
      'unknown: shipment SHP-nope is not known',
      `unknown: shipment ${id} is not known`,
      `not-theirs: only the shipment's supplier may move shipment ${id}`,
      `refused: shipment ${id}: lines[0].orderId: order ORD-99 is not on shipment ${id}`,
      `refused: shipment ${id}: only a DISPATCHED shipment can be delivered; this one is PLANNED`,
      'moved',
      `refused: shipment ${id}: only a PLANNED shipment can be dispatched; this one is DISPATCHED`,
    ]);
  });

  it('books receipts kept for its site and items, naming no order, once the shipment leaves', () => {
    const kept = goodsReceiptIn(
      exampleReceiptLevel({ eventId: 'lvl-early', orderReference: null, movementQuantity: 20, itemId: 'rotor' }),
    )!;
    const [outcome] = recordLogisticsReports([planned], [report(update('DISPATCHED'))], [kept]).outcomes;
    if (outcome.kind !== 'moved') throw new Error(outcome.reason);
    expect(outcome.receiptsUsed).toEqual(['lvl-early']);
    expect(outcome.events.map((e) => [e.eventId, e.status])).toEqual([
      ['upd-DISPATCHED/shipment', 'DISPATCHED'],
      ['lvl-early/shipment-received', 'PARTIALLY_RECEIVED'],
    ]);
    expect(outcome.shipment.lines[1]).toMatchObject({ receivedQuantity: 20, receiptEventIds: ['lvl-early'] });
  });

  it('keeps a delivered shipment as it is: a later report cannot move it back', () => {
    const delivered = exampleShipment({ status: 'DELIVERED', deliveredAt: new Date('2026-03-12T00:00:00Z') });
    const [outcome] = recordLogisticsReports(
      [delivered],
      [report(update('DELAYED', { shipmentId: delivered.shipmentId, expectedArrivalAt: new Date('2026-03-20T00:00:00Z'), reason: 'x' }))],
    ).outcomes;
    expect(outcome).toEqual({
      kind: 'refused',
      reason: `shipment ${delivered.shipmentId}: only a shipment not yet arrived can be delayed; this one is DELIVERED`,
    });
  });
});
