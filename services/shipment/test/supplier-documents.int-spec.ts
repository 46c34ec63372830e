import { EdiDocument, ReplenishmentOrder, topics } from '@smi/contracts';
import { readEdifactDespatchAdvice, readX12AdvanceShipNotice, readX12PurchaseOrder } from '@smi/edi';
import { KafkaTestClient, ServiceProcess, startServiceProcess, uniqueId, writePartiesFile } from '@smi/testing';
import { exampleOrder } from '../src/examples';

/**
 * The EDI documents the shipment service produces for trading partners' gateways, through the real
 * broker and database: a released order's 850 for the supplier, a dispatched shipment's 856 and
 * DESADV for the buyer, on smi.edi-documents.v1 and over the API.
 */
describe('supplier documents against a real broker and database', () => {
  let shipments: ServiceProcess;
  let kafka: KafkaTestClient;
  const buyer = uniqueId('buyer');
  const otherBuyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const key = { buyer: uniqueId('key'), otherBuyer: uniqueId('key'), supplier: uniqueId('key') };

  const order = (overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder =>
    exampleOrder({
      eventId: uniqueId('order-evt'),
      orderId: uniqueId('ORD'),
      agreementId: 'AGR-EDI',
      buyerId: buyer,
      supplierId: supplier,
      siteId: uniqueId('site'),
      triggeredByEventId: uniqueId('level'),
      ...overrides,
    });

  const get = (path: string, apiKey: string) => fetch(`${shipments.baseUrl}${path}`, { headers: { 'x-api-key': apiKey } });
  const documentsOf = (reference: string, count: number, settleMs?: number) =>
    kafka.waitFor(topics.ediDocuments, (d: EdiDocument) => d.reference === reference, { count, settleMs });

  beforeAll(async () => {
    const partiesFile = writePartiesFile([
      { id: buyer, kind: 'buyer', name: 'Test buyer', apiKey: key.buyer },
      { id: otherBuyer, kind: 'buyer', name: 'Another buyer', apiKey: key.otherBuyer },
      { id: supplier, kind: 'supplier', name: 'Test supplier', apiKey: key.supplier },
    ]);
    kafka = new KafkaTestClient();
    shipments = await startServiceProcess('shipment', { SMI_PARTIES_FILE: partiesFile });
  });

  afterAll(async () => {
    await shipments?.stop();
    await kafka?.disconnect();
  });

  it("sends a released order to its supplier as an 850, once, readable over the API by the order's two parties only", async () => {
    const placed = order({ quantity: 60 });
    await kafka.publish(topics.replenishmentOrders, placed);
    const [record] = await documentsOf(placed.orderId, 1);
    expect(record.key).toBe(supplier);
    expect(record.value).toMatchObject({ documentType: '850', standard: 'X12', partyId: supplier, agreementId: 'AGR-EDI' });
    expect(readX12PurchaseOrder(record.value.content)).toMatchObject({
      orderId: placed.orderId,
      buyer,
      supplier,
      shipTo: placed.siteId,
      lines: [{ lineNumber: 1, item: 'brake-pad', quantity: 60, unit: 'EA' }],
    });

    // The same order event again (a redelivery upstream) produces no second 850.
    await kafka.publish(topics.replenishmentOrders, placed);
    expect(await documentsOf(placed.orderId, 1, 3000)).toHaveLength(1);

    for (const apiKey of [key.supplier, key.buyer]) {
      const response = await get(`/orders/${placed.orderId}/edi`, apiKey);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^application\/edi-x12/);
      expect(await response.text()).toBe(record.value.content);
    }
    expect((await get(`/orders/${placed.orderId}/edi`, key.otherBuyer)).status).toBe(404);
  });

  it('sends a dispatched shipment to its buyer as an 856 and a DESADV that read back to the lines that left', async () => {
    const first = order();
    const second = order({ siteId: first.siteId, itemId: 'oil-filter', quantity: 30 });
    await kafka.publish(topics.replenishmentOrders, first);
    await kafka.publish(topics.replenishmentOrders, second);
    const planned = await kafka.waitFor(topics.shipments, (s) => s.orderId === first.orderId && s.lines.length === 2);
    const shipmentId = planned[0].value.shipmentId;

    const dispatch = await fetch(`${shipments.baseUrl}/shipments/${shipmentId}/dispatch`, {
      method: 'POST',
      headers: { 'x-api-key': key.supplier, 'content-type': 'application/json' },
      body: JSON.stringify({
        occurredAt: '2026-03-11T06:00:00Z',
        carrier: 'DHL',
        trackingReference: 'JJD0001',
        expectedArrivalAt: '2026-03-13T10:00:00Z',
        // Short on the brake pads: 70 of 80 left.
        lines: [
          { orderId: first.orderId, quantity: 70 },
          { orderId: second.orderId, quantity: 30 },
        ],
      }),
    });
    expect(dispatch.status).toBe(200);

    const documents = (await documentsOf(shipmentId, 2)).map((r) => r.value);
    const asn = documents.find((d) => d.documentType === '856')!;
    const desadv = documents.find((d) => d.documentType === 'DESADV')!;
    expect([asn.partyId, desadv.partyId]).toEqual([buyer, buyer]);
    // Control numbers rise per partner: the buyer's two interchanges follow each other.
    expect(Math.abs(asn.controlNumber - desadv.controlNumber)).toBe(1);

    const expectedLines = [
      { lineNumber: 1, item: 'brake-pad', quantity: 70, unit: 'EA', orderReference: first.orderId },
      { lineNumber: 2, item: 'oil-filter', quantity: 30, unit: 'EA', orderReference: second.orderId },
    ];
    const fromX12 = readX12AdvanceShipNotice(asn.content);
    expect(fromX12).toMatchObject({ shipmentId, shipFrom: supplier, shipTo: first.siteId, carrier: 'DHL', trackingReference: 'JJD0001' });
    expect(fromX12.lines).toEqual(expectedLines);
    expect(fromX12.dispatchedAt.toISOString()).toBe('2026-03-11T06:00:00.000Z');
    expect(readEdifactDespatchAdvice(desadv.content).lines).toEqual(expectedLines);

    const x12 = await get(`/shipments/${shipmentId}/edi`, key.buyer);
    expect(x12.status).toBe(200);
    expect(await x12.text()).toBe(asn.content);
    const edifact = await get(`/shipments/${shipmentId}/edi?standard=edifact`, key.supplier);
    expect(edifact.headers.get('content-type')).toMatch(/^application\/edifact/);
    expect(await edifact.text()).toBe(desadv.content);
    expect((await get(`/shipments/${shipmentId}/edi`, key.otherBuyer)).status).toBe(404);
    expect((await get(`/shipments/${shipmentId}/edi?standard=csv`, key.buyer)).status).toBe(400);
  });

  it('has no ASN for a shipment not dispatched yet', async () => {
    const placed = order();
    await kafka.publish(topics.replenishmentOrders, placed);
    const [event] = await kafka.waitFor(topics.shipments, (s) => s.orderId === placed.orderId);
    expect((await get(`/shipments/${event.value.shipmentId}/edi`, key.buyer)).status).toBe(404);
  });
});
