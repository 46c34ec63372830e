import { StockMovement, topics } from '@smi/contracts';
import {
  KafkaTestClient,
  queryDatabase,
  ServiceName,
  ServiceProcess,
  SERVICE_PORTS,
  startServiceProcess,
  testAgreement,
  uniqueId,
  untilPasses,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';
import { createServer, Server } from 'node:http';
import { AddressInfo } from 'node:net';

interface WebhookCall {
  path: string;
  notificationId: string;
  body: { topic: string; subject: string; recipientId: string };
}

/**
 * The whole platform as its users see it: a buyer system sends stock movements
 * (Avro on Kafka and JSON over REST); the supplier gets an order of the right
 * quantity and a shipment; a stockout is announced to both parties' webhooks
 * (its penalty comes when the month closes); and the goods receipt closes the loop.
 */
describe('stock movements in, orders, shipments, stockouts and alerts out', () => {
  const buyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const site = uniqueId('plant');
  const item = uniqueId('part');
  const buyerKey = uniqueId('buyer-key');
  const supplierKey = uniqueId('supplier-key');
  const operatorKey = uniqueId('operator-key');
  const otherSupplierKey = uniqueId('other-supplier-key');
  const webhookCalls: WebhookCall[] = [];
  let webhookServer: Server;
  let services: ServiceProcess[] = [];
  let kafka: KafkaTestClient;

  const movement = (kind: StockMovement['kind'], quantity: number, orderReference: string | null = null): StockMovement => ({
    eventId: uniqueId('mv'),
    buyerId: buyer,
    siteId: site,
    itemId: item,
    kind,
    quantity,
    unit: 'EA',
    occurredAt: new Date(),
    source: 'buyer-erp',
    orderReference,
  });
  const api = (service: ServiceName, path: string, key: string, init: RequestInit = {}) =>
    fetch(`${services.find((s) => s.name === service)!.baseUrl}${path}`, {
      ...init,
      headers: { 'x-api-key': key, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const json = async (response: Response): Promise<any> => {
    if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  const postMovement = async (m: StockMovement) => {
    const response = await api('inventory-ingest', '/stock-movements', buyerKey, {
      method: 'POST',
      body: JSON.stringify({ ...m, occurredAt: m.occurredAt.toISOString() }),
    });
    expect(response.status).toBe(202);
  };
  const webhooksWhere = async (predicate: (c: WebhookCall) => boolean, count: number) => {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const found = webhookCalls.filter(predicate);
      if (found.length >= count) return found;
      await new Promise((r) => setTimeout(r, 200));
    }
    throw new Error(`expected ${count} webhook calls; got ${JSON.stringify(webhookCalls.map((c) => [c.path, c.body.topic]))}`);
  };

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    webhookServer = createServer((request, response) => {
      let body = '';
      request.on('data', (c) => (body += c));
      request.on('end', () => {
        webhookCalls.push({
          path: request.url ?? '',
          notificationId: String(request.headers['x-smi-notification-id']),
          body: JSON.parse(body),
        });
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((resolve) => webhookServer.listen(0, resolve));
    const hook = (party: string) => `http://localhost:${(webhookServer.address() as AddressInfo).port}/hooks/${party}`;
    const env = {
      SMI_PARTIES_FILE: writePartiesFile([
        { id: buyer, kind: 'buyer', name: 'E2E buyer', apiKey: buyerKey, webhookUrl: hook('buyer') },
        { id: supplier, kind: 'supplier', name: 'E2E supplier', apiKey: supplierKey, webhookUrl: hook('supplier') },
        { id: uniqueId('operator'), kind: 'operator', name: 'E2E operator', apiKey: operatorKey },
        { id: uniqueId('other-supplier'), kind: 'supplier', name: 'Another supplier', apiKey: otherSupplierKey },
      ]),
      SMI_AGREEMENTS_FILE: writeAgreementsFile([
        testAgreement({
          agreementId: uniqueId('agr'),
          buyerId: buyer,
          supplierId: supplier,
          penalties: { allowedStockoutsPerMonth: 0, penaltyPerStockout: 300 },
          lines: [{ siteId: site, itemId: item, unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 2, packMultiple: 10 }],
        }),
      ]),
    };
    services = await Promise.all((Object.keys(SERVICE_PORTS) as ServiceName[]).map((name) => startServiceProcess(name, env)));
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    webhookServer?.close();
    await kafka?.disconnect();
  });

  it('runs the replenishment loop from stock movements to goods receipt', async () => {
    // 1. Opening stock over REST; then consumption as Avro on Kafka, carrying the ERP's trace.
    await postMovement(movement('RECEIPT', 100));
    await kafka.waitFor(topics.stockLevels, (l) => l.itemId === item && l.onHand === 100);
    const traceId = 'e2e0'.repeat(8);
    await kafka.publish(topics.stockMovements, movement('CONSUMPTION', 70), { traceparent: `00-${traceId}-00f067aa0ba902b7-01` });

    // 2. On-hand 30 is at or below min 40: one order refilling to max 120, in packs of 10: 90.
    const [order] = await kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer);
    expect(order.value).toMatchObject({ supplierId: supplier, siteId: site, itemId: item, quantity: 90, onHand: 30, onOrder: 0 });
    // The order carries the trace of the movement that caused it, across inventory-ingest and replenishment.
    expect(order.headers.traceparent?.split('-')[1]).toBe(traceId);

    // 3. The supplier's logistics get a shipment for it.
    const [planned] = await kafka.waitFor(topics.shipments, (s) => s.orderId === order.value.orderId && s.status === 'PLANNED');
    expect(planned.value).toMatchObject({ quantity: 90, siteId: site, itemId: item });

    // 4. A forecast follows from the consumption.
    const [forecast] = await kafka.waitFor(topics.demandForecasts, (f) => f.itemId === item && f.siteId === site);
    expect(forecast.value.demandPerPeriod).toBeGreaterThan(0);

    // 5. Stock runs out before delivery: a stockout, the first of the month (its penalty comes when the month closes).
    await postMovement(movement('CONSUMPTION', 35));
    const [stockout] = await kafka.waitFor(topics.slaBreaches, (b) => b.buyerId === buyer && b.kind === 'STOCKOUT');
    expect(stockout.value).toMatchObject({
      supplierId: supplier,
      siteId: site,
      itemId: item,
      penaltyAmount: 0,
      stockoutsInPeriod: 1,
      allowedStockoutsPerPeriod: 0,
    });

    // 6. Both parties hear of the order and the stockout on their webhooks.
    await webhooksWhere((c) => c.body.topic === 'ORDER_RAISED', 2);
    await webhooksWhere((c) => c.body.topic === 'STOCKOUT', 2);
    expect(new Set(webhookCalls.filter((c) => c.body.topic === 'ORDER_RAISED').map((c) => c.path))).toEqual(
      new Set(['/hooks/buyer', '/hooks/supplier']),
    );
    await kafka.waitFor(topics.notifications, (n) => n.recipientId === supplier && n.status === 'DELIVERED');

    // 7. Logistics dispatch and deliver; the buyer books the goods receipt against the order.
    await json(
      await api('shipment', `/shipments/${encodeURIComponent(planned.value.shipmentId)}/dispatch`, supplierKey, { method: 'POST' }),
    );
    await json(
      await api('shipment', `/shipments/${encodeURIComponent(planned.value.shipmentId)}/deliver`, supplierKey, { method: 'POST' }),
    );
    await kafka.publish(topics.stockMovements, movement('RECEIPT', 90, order.value.orderId));
    const [received] = await kafka.waitFor(topics.shipments, (s) => s.shipmentId === planned.value.shipmentId && s.status === 'RECEIVED');
    expect(received.value.receivedQuantity).toBe(90);

    // 8. What each party reads back over the API, and the projections in Postgres.
    const levels = await json(await api('inventory-ingest', '/stock-levels', buyerKey));
    expect(levels).toEqual([expect.objectContaining({ siteId: site, itemId: item, quantity: 85 })]);
    const onHand = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT quantity::float AS quantity FROM inventory_ingest.on_hand WHERE buyer_id = $1',
      [buyer],
    );
    expect(onHand).toEqual([{ quantity: 85 }]);
    await untilPasses(async () => {
      const orders = await json(await api('replenishment', '/orders', supplierKey));
      expect(orders).toEqual([expect.objectContaining({ orderId: order.value.orderId, status: 'received' })]);
    });
    const breaches = await json(await api('sla-monitor', '/breaches', buyerKey));
    expect(breaches.map((b: { kind: string }) => b.kind)).toEqual(['STOCKOUT']);
    // Another party's key sees none of it.
    expect(await json(await api('replenishment', '/orders', otherSupplierKey))).toEqual([]);
    expect(await json(await api('inventory-ingest', '/stock-levels', otherSupplierKey))).toEqual([]);
    const asOperator = await json(await api('replenishment', '/orders', operatorKey));
    expect(asOperator.map((o: { orderId: string }) => o.orderId)).toContain(order.value.orderId);
  });
});
