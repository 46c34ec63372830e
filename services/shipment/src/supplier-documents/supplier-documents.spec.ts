import { readEdifactDespatchAdvice, readX12AdvanceShipNotice, readX12PurchaseOrder } from '@smi/edi';
import { exampleOrder } from '../examples';
import { lineFor, plannedShipmentFor, ShipmentState } from '../shipments/shipment';
import {
  controlNumbersWanted,
  dispatchDocumentsOf,
  interchangeIdOf,
  purchaseOrderDocumentOf,
  releasedOrderIndexes,
  writableDrafts,
  writeDocuments,
} from './supplier-documents';

const dispatched = (): ShipmentState => {
  const first = exampleOrder();
  const second = exampleOrder({ orderId: 'ORD-43', itemId: 'oil-filter', quantity: 30 });
  const planned = plannedShipmentFor(first);
  return {
    ...planned,
    status: 'DISPATCHED',
    dispatchedAt: new Date('2026-03-11T06:00:00Z'),
    expectedDeliveryAt: new Date('2026-03-13T10:00:00Z'),
    carrier: 'DHL',
    trackingReference: 'JJD0001',
    lines: [
      { ...planned.lines[0], dispatchedQuantity: 70 },
      { ...lineFor(second), dispatchedQuantity: 30 },
    ],
  };
};

describe("the EDI documents a supplier's or buyer's gateway gets", () => {
  it('makes an 856 and a DESADV for the buyer of a dispatched shipment, each reading back to what left', () => {
    const shipment = dispatched();
    const drafts = dispatchDocumentsOf(shipment);
    expect(drafts.map((d) => [d.documentType, d.standard, d.partyId, d.senderId])).toEqual([
      ['856', 'X12', 'acme', 'northwind'],
      ['DESADV', 'EDIFACT', 'acme', 'northwind'],
    ]);
    const [asn, desadv] = writeDocuments(drafts, new Map());
    const expectedLines = [
      { lineNumber: 1, item: 'brake-pad', quantity: 70, unit: 'EA', orderReference: 'ORD-42' },
      { lineNumber: 2, item: 'oil-filter', quantity: 30, unit: 'EA', orderReference: 'ORD-43' },
    ];
    for (const notice of [readX12AdvanceShipNotice(asn.content), readEdifactDespatchAdvice(desadv.content)]) {
      expect(notice).toMatchObject({ shipmentId: shipment.shipmentId, shipFrom: 'northwind', shipTo: 'plant-lyon', lines: expectedLines });
      expect(notice.dispatchedAt.toISOString()).toBe('2026-03-11T06:00:00.000Z');
    }
  });

  it('makes an 850 for the supplier of each released order, and none for other statuses', () => {
    const orders = [
      exampleOrder(),
      exampleOrder({ orderId: 'ORD-9', status: 'AWAITING_APPROVAL' }),
      exampleOrder({ orderId: 'ORD-10', status: 'REJECTED' }),
    ];
    expect(releasedOrderIndexes(orders)).toEqual([0]);
    const [po] = writeDocuments([purchaseOrderDocumentOf(orders[0])], new Map());
    expect(po).toMatchObject({
      documentId: 'ORD-42/850',
      documentType: '850',
      partyId: 'northwind',
      reference: 'ORD-42',
      controlNumber: 1,
    });
    expect(readX12PurchaseOrder(po.content)).toMatchObject({
      orderId: 'ORD-42',
      buyer: 'acme',
      supplier: 'northwind',
      shipTo: 'plant-lyon',
      lines: [{ lineNumber: 1, item: 'brake-pad', quantity: 80, unit: 'EA' }],
    });
  });

  it("numbers each partner's interchanges on from its last, one by one", () => {
    const drafts = [...dispatchDocumentsOf(dispatched()), purchaseOrderDocumentOf(exampleOrder())];
    expect(controlNumbersWanted(drafts)).toEqual(
      new Map([
        ['acme', 2],
        ['northwind', 1],
      ]),
    );
    const written = writeDocuments(drafts, new Map([['acme', 41]]));
    expect(written.map((d) => [d.partyId, d.controlNumber])).toEqual([
      ['acme', 42],
      ['acme', 43],
      ['northwind', 1],
    ]);
    expect(written[0].content).toContain('*000000042*');
  });

  it('names a partner in at most 15 characters, the same every time', () => {
    expect(interchangeIdOf('acme-motors')).toBe('acme-motors');
    const long = interchangeIdOf('supplier-3f9a61c2');
    expect(long).toHaveLength(15);
    expect(long).toBe(interchangeIdOf('supplier-3f9a61c2'));
    expect(long).not.toBe(interchangeIdOf('supplier-3f9a61c3'));
  });

  it('leaves a line nothing left for off the notice', () => {
    const shipment = dispatched();
    shipment.lines[1] = { ...shipment.lines[1], dispatchedQuantity: 0 };
    const [asn] = writeDocuments(dispatchDocumentsOf(shipment), new Map());
    expect(readX12AdvanceShipNotice(asn.content).lines.map((l) => l.orderReference)).toEqual(['ORD-42']);
  });

  it('leaves out, with why, a document the standard cannot carry', () => {
    const shipment = { ...dispatched(), lines: [] };
    const { writable, unwritable } = writableDrafts(dispatchDocumentsOf(shipment));
    expect(writable).toEqual([]);
    expect(unwritable.map((u) => u.reason)).toEqual([expect.stringContaining('no lines'), expect.any(String)]);
  });
});
