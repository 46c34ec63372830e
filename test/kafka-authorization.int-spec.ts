import { deadLetterTopicOf, inboundTopics, ShipmentUpdate, StockMovement, supplierInboundTopics, topics } from '@smi/contracts';
import {
  createKafka,
  DEAD_LETTER_HEADERS,
  ensureAcls,
  ensureTopics,
  partyPrincipalOf,
  platformAcls,
  platformTopicSpecs,
} from '@smi/messaging';
import {
  createKafkaPrincipals,
  KafkaTestClient,
  principalKafkaEnv,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

/**
 * The broker itself refuses what a principal may not do: each buyer's integration writes only its
 * own inbound topics and reads nothing, a supplier's writes only its own logistics reports topic, a service writes only its own topics, and a client
 * without credentials gets nowhere. What a buyer writes on its own topic in another buyer's name
 * is dead-lettered by the service.
 */
describe('Kafka identities and ACLs on the broker', () => {
  const buyerA = uniqueId('buyer');
  const buyerB = uniqueId('buyer');
  const site = uniqueId('site');
  let admin: KafkaTestClient;
  let asBuyerA: KafkaTestClient;
  let asSupplierA: KafkaTestClient;
  const supplierA = uniqueId('supplier');
  const supplierB = uniqueId('supplier');
  let ingest: ServiceProcess;
  const clients: KafkaTestClient[] = [];

  const client = (security: Record<string, string>) => {
    const c = new KafkaTestClient(undefined, security);
    clients.push(c);
    return c;
  };

  const movement = (buyerId: string, overrides: Partial<StockMovement> = {}): StockMovement => ({
    eventId: uniqueId('mv'),
    buyerId,
    siteId: site,
    itemId: 'item-a',
    kind: 'RECEIPT',
    quantity: 10,
    unit: 'EA',
    occurredAt: new Date(),
    source: 'acl-test',
    orderReference: null,
    ...overrides,
  });

  beforeAll(async () => {
    const buyers = [
      { id: buyerA, kind: 'buyer' as const },
      { id: buyerB, kind: 'buyer' as const },
    ];
    const suppliers = [
      { id: supplierA, kind: 'supplier' as const },
      { id: supplierB, kind: 'supplier' as const },
    ];
    const principals = createKafkaPrincipals([...buyers, ...suppliers].map((p) => partyPrincipalOf(p.id)));
    const adminKafka = createKafka('smi-acl-test-setup');
    await ensureTopics(adminKafka, platformTopicSpecs([...buyers, ...suppliers]));
    await ensureAcls(adminKafka, [
      ...platformAcls([...buyers, ...suppliers]),
      // Lets the buyers join a reader's group, so what refuses their reads below is the topic's rule alone.
      ...buyers.map((b) => ({
        principal: partyPrincipalOf(b.id),
        resource: 'group' as const,
        name: 'smi-test-reader-',
        match: 'prefixed' as const,
        operation: 'read' as const,
      })),
    ]);
    admin = client({});
    asBuyerA = client(principals.get(partyPrincipalOf(buyerA))!);
    asSupplierA = client(principals.get(partyPrincipalOf(supplierA))!);
    const line = { siteId: site, itemId: 'item-a', unit: 'EA', minimum: 10, maximum: 50, leadTimeDays: 2, packMultiple: 5 };
    const supplier = uniqueId('supplier');
    ingest = await startServiceProcess('inventory-ingest', {
      SMI_AGREEMENTS_FILE: writeAgreementsFile(
        buyers.map((b) => testAgreement({ agreementId: uniqueId('agr'), buyerId: b.id, supplierId: supplier, lines: [line] })),
      ),
      SMI_PARTIES_FILE: writePartiesFile([
        ...buyers.map((b) => ({ ...b, name: b.id, apiKey: uniqueId('key') })),
        { id: supplier, kind: 'supplier', name: supplier, apiKey: uniqueId('key') },
      ]),
    });
  });

  afterAll(async () => {
    await ingest?.stop();
    await Promise.all(clients.map((c) => c.disconnect().catch(() => undefined)));
  });

  it('applies a movement a buyer writes on its own topic, and dead-letters one naming another buyer', async () => {
    const own = movement(buyerA, { itemId: 'item-a', quantity: 7 });
    const impersonating = movement(buyerB, { itemId: 'item-a', quantity: 99 });
    await asBuyerA.publish(inboundTopics.stockMovements.of(buyerA), impersonating);
    await asBuyerA.publish(inboundTopics.stockMovements.of(buyerA), own);
    const [level] = await admin.waitFor(topics.stockLevels, (l) => l.buyerId === buyerA && l.siteId === site);
    expect(level.value).toMatchObject({ buyerId: buyerA, onHand: 7 });
    const [dead] = await admin.waitForRaw(deadLetterTopicOf('inventory-ingest'), (r) => r.value.includes(impersonating.eventId));
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toContain(`is not the buyer of topic ${inboundTopics.stockMovements.of(buyerA).name}`);
    // Nothing reached buyer B's stock.
    const levelsOfB = await admin
      .waitFor(topics.stockLevels, (l) => l.buyerId === buyerB && l.siteId === site, { timeoutMs: 3000 })
      .catch(() => []);
    expect(levelsOfB).toEqual([]);
  });

  it("refuses a buyer writing another buyer's inbound topic or any internal topic", async () => {
    await expect(asBuyerA.publish(inboundTopics.stockMovements.of(buyerB), movement(buyerB))).rejects.toThrow(/authoriz/i);
    await expect(asBuyerA.publish(inboundTopics.buyerForecasts.of(buyerB), buyerForecast(buyerB))).rejects.toThrow(/authoriz/i);
    await expect(asBuyerA.publish(topics.stockMovements, movement(buyerA))).rejects.toThrow(/authoriz/i);
    await expect(
      asBuyerA.publishRaw(topics.demandForecasts.name, `${buyerA}|${site}|item-a`, Buffer.from('forged forecast')),
    ).rejects.toThrow(/authoriz/i);
  });

  it("refuses a buyer reading another buyer's inbound topic or any internal topic", async () => {
    for (const topic of [inboundTopics.stockMovements.of(buyerB), topics.stockLevels, topics.demandForecasts, topics.stockMovements]) {
      await expect(asBuyerA.waitForRaw(topic.name, () => true, { timeoutMs: 15_000 })).rejects.toThrow(/authoriz/i);
    }
  });

  it("lets a supplier write its own logistics reports topic, and refuses it another supplier's, a buyer's or an internal topic", async () => {
    const report = (supplierId: string): ShipmentUpdate => ({
      eventId: uniqueId('report'),
      supplierId,
      shipmentId: uniqueId('SHP'),
      kind: 'DELIVERED',
      occurredAt: new Date(),
      carrier: null,
      trackingReference: null,
      expectedArrivalAt: null,
      reason: null,
      lines: [],
    });
    await asSupplierA.publish(supplierInboundTopics.shipmentUpdates.of(supplierA), report(supplierA));
    await expect(asSupplierA.publish(supplierInboundTopics.shipmentUpdates.of(supplierB), report(supplierB))).rejects.toThrow(/authoriz/i);
    await expect(asSupplierA.publish(topics.shipmentUpdates, report(supplierA))).rejects.toThrow(/authoriz/i);
    await expect(asSupplierA.publish(inboundTopics.stockMovements.of(buyerA), movement(buyerA))).rejects.toThrow(/authoriz/i);
  });

  it('refuses a service writing a topic it does not own', async () => {
    const asSlaMonitor = client(principalKafkaEnv('smi-sla-monitor'));
    expect(asSlaMonitor.kafka).toBeDefined();
    await expect(asSlaMonitor.publish(topics.stockMovements, movement(buyerA))).rejects.toThrow(/authoriz/i);
    await expect(asSlaMonitor.publishRaw(topics.replenishmentOrders.name, 'k', Buffer.from('forged order'))).rejects.toThrow(/authoriz/i);
  });

  /** The topics a client sees once connected (with this process's principal unless told otherwise). */
  const topicsSeen = async (security: Record<string, string>, brokers?: string[]) => {
    const probe = createKafka('smi-acl-test-probe', brokers, { ...process.env, ...security }).admin();
    try {
      await probe.connect();
      return await probe.listTopics();
    } finally {
      await probe.disconnect();
    }
  };

  it('refuses a client without credentials, or with a wrong password', async () => {
    await expect(topicsSeen({ KAFKA_SASL_MECHANISM: '' })).rejects.toThrow();
    await expect(topicsSeen({ KAFKA_SASL_PASSWORD: 'not-the-password' })).rejects.toThrow(/authenticat/i);
  });

  it('serves a client over TLS that trusts the CA the stack made, and refuses one speaking in clear there', async () => {
    const tlsBrokers = [process.env.SMI_KAFKA_TLS_BROKERS!];
    expect(tlsBrokers[0]).toBeTruthy();
    expect(await topicsSeen({ KAFKA_SSL_CA_FILE: process.env.SMI_KAFKA_TLS_CA_FILE! }, tlsBrokers)).toContain(topics.stockLevels.name);
    await expect(topicsSeen({}, tlsBrokers)).rejects.toThrow();
  });

  const buyerForecast = (buyerId: string) => ({
    eventId: uniqueId('bf'),
    buyerId,
    siteId: site,
    itemId: 'item-a',
    unit: 'EA',
    periodDays: 1,
    firstPeriodStart: '2026-01-05',
    quantities: [1, 2, 3],
    submittedAt: new Date(),
  });
});
