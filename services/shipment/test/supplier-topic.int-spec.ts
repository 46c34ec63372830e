import { outboundTopics, topics } from '@smi/contracts';
import { consumerGroupOf, createKafka, ensureAcls, partyPrincipalOf, platformAcls } from '@smi/messaging';
import { createKafkaPrincipals, KafkaTestClient, ServiceProcess, startServiceProcess, uniqueId, writePartiesFile } from '@smi/testing';
import { exampleOrder } from '../src/examples';

/**
 * A supplier's logistics reads its shipments from a topic of its own, which the broker lets no
 * other supplier read; the shared shipments topic, carrying every supplier's, it may not read.
 */
describe("a supplier's own shipments topic", () => {
  const supplier = uniqueId('supplier');
  const otherSupplier = uniqueId('supplier');
  const buyer = uniqueId('buyer');
  let shipments: ServiceProcess;
  let admin: KafkaTestClient;
  let asSupplier: KafkaTestClient;
  const readerGroup = () => `${consumerGroupOf(partyPrincipalOf(supplier))}.logistics-${uniqueId('g')}`;

  beforeAll(async () => {
    const parties = [
      { id: buyer, kind: 'buyer' as const, name: 'Buyer', apiKey: uniqueId('key') },
      { id: supplier, kind: 'supplier' as const, name: 'Supplier', apiKey: uniqueId('key') },
      { id: otherSupplier, kind: 'supplier' as const, name: 'Other supplier', apiKey: uniqueId('key') },
    ];
    const principals = createKafkaPrincipals([partyPrincipalOf(supplier)]);
    await ensureAcls(createKafka('smi-supplier-topic-test'), platformAcls(parties));
    admin = new KafkaTestClient();
    asSupplier = new KafkaTestClient(undefined, principals.get(partyPrincipalOf(supplier))!);
    // The service creates the suppliers' topics at boot, as its own principal.
    shipments = await startServiceProcess('shipment', { SMI_PARTIES_FILE: writePartiesFile(parties) });
  });

  afterAll(async () => {
    await shipments?.stop();
    await Promise.all([admin?.disconnect(), asSupplier?.disconnect()]);
  });

  it('carries each of its shipment events, readable by that supplier', async () => {
    const order = exampleOrder({ eventId: uniqueId('order-evt'), orderId: uniqueId('ORD'), buyerId: buyer, supplierId: supplier });
    await admin.publish(topics.replenishmentOrders, order);
    const [shipment] = await asSupplier.waitFor(outboundTopics.shipments.of(supplier), (s) => s.orderId === order.orderId, {
      groupId: readerGroup(),
    });
    expect(shipment.value).toMatchObject({ orderId: order.orderId, supplierId: supplier, buyerId: buyer, status: 'PLANNED' });
    expect(shipment.key).toBe(`SHP-${order.agreementId}-${order.siteId}-2026-03-13`);
  });

  it("refuses the supplier another supplier's topic and the shared topics", async () => {
    for (const topic of [outboundTopics.shipments.of(otherSupplier), topics.shipments, topics.replenishmentOrders]) {
      await expect(asSupplier.waitForRaw(topic.name, () => true, { groupId: readerGroup(), timeoutMs: 15_000 })).rejects.toThrow(
        /authoriz/i,
      );
    }
  });
});
