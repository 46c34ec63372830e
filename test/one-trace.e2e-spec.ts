import { StockMovement, topics } from '@smi/contracts';
import {
  Jaeger,
  jaegerTrace,
  JaegerTrace,
  jaegerTracesOf,
  KafkaTestClient,
  provideJaeger,
  ServiceName,
  ServiceProcess,
  SERVICE_PORTS,
  startServiceProcesses,
  testAgreement,
  uniqueId,
  untilPasses,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

const ALL_SERVICES = Object.keys(SERVICE_PORTS) as ServiceName[];

/**
 * What an operator sees in Jaeger after one stock movement: one trace, begun by the movement's POST to
 * inventory-ingest, through every service its stock level and the order it caused passed through, and the
 * order names that trace.
 */
describe('one stock movement, one trace across the services', () => {
  const buyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const site = uniqueId('plant');
  const item = uniqueId('part');
  const buyerKey = uniqueId('buyer-key');
  const supplierKey = uniqueId('supplier-key');
  let jaeger: Jaeger;
  let services: ServiceProcess[] = [];
  let kafka: KafkaTestClient;

  const api = (service: ServiceName, path: string, key: string, init: RequestInit = {}) =>
    fetch(`${services.find((s) => s.name === service)!.baseUrl}${path}`, {
      ...init,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
    });

  beforeAll(async () => {
    jaeger = await provideJaeger();
    kafka = new KafkaTestClient();
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: jaeger.otlpUrl,
      // Spans leave each service within a fifth of a second, not the default five.
      OTEL_BSP_SCHEDULE_DELAY: '200',
      SMI_PARTIES_FILE: writePartiesFile([
        { id: buyer, kind: 'buyer', name: 'Traced buyer', apiKey: buyerKey },
        { id: supplier, kind: 'supplier', name: 'Traced supplier', apiKey: supplierKey },
      ]),
      SMI_AGREEMENTS_FILE: writeAgreementsFile([
        testAgreement({
          agreementId: uniqueId('agr'),
          buyerId: buyer,
          supplierId: supplier,
          lines: [{ siteId: site, itemId: item, unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 2, packMultiple: 10 }],
        }),
      ]),
    };
    services = await startServiceProcesses(ALL_SERVICES, env);
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await kafka?.disconnect();
    await jaeger?.stop();
  });

  it('shows the movement, its stock level and its order in every service as one trace, the one the order names', async () => {
    // A first receipt of 30, at or below the minimum of 40: an order refilling to 120.
    const movement: StockMovement = {
      eventId: uniqueId('mv'),
      buyerId: buyer,
      siteId: site,
      itemId: item,
      kind: 'RECEIPT',
      quantity: 30,
      unit: 'EA',
      occurredAt: new Date(),
      source: 'buyer-erp',
      orderReference: null,
    };
    const posted = await api('inventory-ingest', '/stock-movements', buyerKey, {
      method: 'POST',
      body: JSON.stringify({ ...movement, occurredAt: movement.occurredAt.toISOString() }),
    });
    expect(posted.status).toBe(202);

    const [order] = await kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer);
    expect(order.value).toMatchObject({ supplierId: supplier, quantity: 90 });
    const traceId = order.headers.traceparent?.split('-')[1];
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    // The order says which trace decided it.
    const shown = await api('replenishment', `/orders/${encodeURIComponent(order.value.orderId)}`, supplierKey);
    expect(shown.status).toBe(200);
    expect(((await shown.json()) as { traceId?: string }).traceId).toBe(traceId);
    const listed = await api('replenishment', '/orders', supplierKey);
    expect(await listed.json()).toEqual([expect.objectContaining({ orderId: order.value.orderId, traceId })]);

    // Jaeger holds it as one trace: every service, every span's parent in it, the order handled downstream.
    const handlerOf = (trace: JaegerTrace, topic: string) =>
      new Set(trace.spans.filter((s) => s.operationName === `handle ${topic}`).map((s) => s.service));
    const trace = await untilPasses(async () => {
      const found = await jaegerTrace(jaeger.queryUrl, traceId!);
      expect(found).toBeDefined();
      expect(new Set(found!.spans.map((s) => s.service))).toEqual(new Set(ALL_SERVICES));
      expect(handlerOf(found!, topics.stockMovements.name)).toEqual(new Set(['inventory-ingest']));
      expect(handlerOf(found!, topics.stockLevels.name)).toEqual(
        new Set(['forecasting', 'replenishment', 'sla-monitor', 'notification', 'shipment']),
      );
      expect(handlerOf(found!, topics.replenishmentOrders.name)).toEqual(new Set(['shipment', 'notification', 'sla-monitor']));
      // One root, the movement's POST; every other span hangs from a span of the same trace (no gap in the chain).
      const spanIds = new Set(found!.spans.map((s) => s.spanId));
      const roots = found!.spans.filter((s) => s.parentSpanId === undefined);
      expect(roots).toEqual([expect.objectContaining({ service: 'inventory-ingest', operationName: expect.stringMatching(/^POST/) })]);
      expect(found!.spans.filter((s) => s.parentSpanId !== undefined && !spanIds.has(s.parentSpanId))).toEqual([]);
      return found!;
    }, 60_000);
    expect(trace.traceId).toBe(traceId);

    // And Jaeger's search for inventory-ingest, as in its UI, finds that trace.
    const searched = await jaegerTracesOf(jaeger.queryUrl, 'inventory-ingest');
    expect(searched.map((t) => t.traceId)).toContain(traceId);
  });
});
