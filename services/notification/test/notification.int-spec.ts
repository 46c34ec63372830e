import { Notification, ReplenishmentOrder, Shipment, ShipmentStatus, SlaBreach, deadLetterTopicOf, topics } from '@smi/contracts';
import { DEAD_LETTER_HEADERS } from '@smi/messaging';
import {
  eventually,
  exampleReplenishmentOrder,
  KafkaTestClient,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  uniqueId,
  WebhookReceiver,
  writePartiesFile,
} from '@smi/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('notification against a real broker and database', () => {
  const receiver = new WebhookReceiver();
  let notification: ServiceProcess;
  let kafka: KafkaTestClient;

  const buyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const flakyBuyer = uniqueId('flaky-buyer');
  const brokenSupplier = uniqueId('broken-supplier');
  const buyerWithoutWebhook = uniqueId('mail-only-buyer');
  const hungSupplier = uniqueId('hung-supplier');
  const key = { buyer: uniqueId('key'), supplier: uniqueId('key'), brokenSupplier: uniqueId('key'), operator: uniqueId('key') };
  const site = uniqueId('site');

  const order = (overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder =>
    exampleReplenishmentOrder({
      eventId: uniqueId('order-event'),
      orderId: uniqueId('ORD'),
      agreementId: uniqueId('agr'),
      buyerId: buyer,
      supplierId: supplier,
      siteId: site,
      itemId: 'brake-pad-bp100',
      quantity: 90,
      packMultiple: 10,
      expectedDeliveryAt: new Date('2026-11-28T09:30:00Z'),
      decidedAt: new Date('2026-11-21T09:30:00Z'),
      triggeredByEventId: uniqueId('level'),
      ...overrides,
    });

  const shipment = (status: ShipmentStatus, overrides: Partial<Shipment> = {}): Shipment => ({
    eventId: uniqueId('shipment-event'),
    shipmentId: 'SHP-1',
    orderId: 'ORD-1',
    agreementId: 'AGR-1',
    buyerId: buyer,
    supplierId: supplier,
    siteId: site,
    itemId: 'brake-pad-bp100',
    quantity: 90,
    unit: 'EA',
    status,
    statusChangedAt: new Date(),
    expectedDeliveryAt: new Date('2026-11-28T09:30:00Z'),
    receivedQuantity: null,
    lines: [
      {
        orderId: 'ORD-1',
        itemId: 'brake-pad-bp100',
        unit: 'EA',
        orderedQuantity: 90,
        dispatchedQuantity: status === 'PLANNED' ? null : 90,
        receivedQuantity: 0,
        receiptEventIds: [],
      },
    ],
    promisedDeliveryAt: new Date('2026-11-28T09:30:00Z'),
    carrier: null,
    trackingReference: null,
    dispatchedAt: status === 'PLANNED' ? null : new Date(),
    deliveredAt: null,
    delayReason: null,
    causedByEventId: null,
    ...overrides,
  });

  const breach = (overrides: Partial<SlaBreach> = {}): SlaBreach => ({
    eventId: uniqueId('breach-event'),
    kind: 'STOCKOUT',
    agreementId: uniqueId('agr'),
    buyerId: buyer,
    supplierId: supplier,
    siteId: site,
    itemId: 'brake-pad-bp100',
    occurredAt: new Date('2026-11-20T14:05:00Z'),
    period: '2026-11',
    stockoutsInPeriod: 1,
    allowedStockoutsPerPeriod: 1,
    penaltyAmount: 0,
    currency: 'EUR',
    stockLevelEventId: uniqueId('level'),
    ...overrides,
  });

  const deliveryRows = (notificationIds: string[]) =>
    queryDatabase<{
      notification_id: string;
      recipient: string;
      status: string;
      attempts: number;
      last_error: string | null;
      completed_at: Date | null;
    }>(
      process.env.DATABASE_URL!,
      'SELECT notification_id, recipient, status, attempts, last_error, completed_at FROM notification.deliveries WHERE notification_id = ANY($1) ORDER BY recipient',
      [notificationIds],
    );

  const list = (apiKey: string | null, query = '') =>
    fetch(`${notification.baseUrl}/notifications${query}`, { headers: apiKey ? { 'x-api-key': apiKey } : {} });

  beforeAll(async () => {
    await receiver.start();
    receiver.alwaysFail(`/hooks/${brokenSupplier}`);
    receiver.neverAnswer(`/hooks/${hungSupplier}`);
    const hook = (party: string) => `${receiver.baseUrl}/hooks/${party}`;
    const partiesFile = writePartiesFile([
      { id: buyer, kind: 'buyer', name: 'Test buyer', apiKey: key.buyer, webhookUrl: hook(buyer) },
      { id: supplier, kind: 'supplier', name: 'Test supplier', apiKey: key.supplier, webhookUrl: hook(supplier) },
      { id: flakyBuyer, kind: 'buyer', name: 'Buyer with a flaky webhook', apiKey: uniqueId('key'), webhookUrl: hook(flakyBuyer) },
      {
        id: brokenSupplier,
        kind: 'supplier',
        name: 'Supplier with a broken webhook',
        apiKey: key.brokenSupplier,
        webhookUrl: hook(brokenSupplier),
      },
      { id: buyerWithoutWebhook, kind: 'buyer', name: 'Buyer without a webhook', apiKey: uniqueId('key') },
      { id: hungSupplier, kind: 'supplier', name: 'Supplier whose webhook hangs', apiKey: uniqueId('key'), webhookUrl: hook(hungSupplier) },
      { id: uniqueId('operator'), kind: 'operator', name: 'Test operator', apiKey: key.operator },
    ]);
    kafka = new KafkaTestClient();
    notification = await startServiceProcess('notification', {
      SMI_PARTIES_FILE: partiesFile,
      NOTIFICATION_RETRY_BASE_MS: '100',
      NOTIFICATION_MAX_ATTEMPTS: '3',
    });
  });

  afterAll(async () => {
    await notification?.stop();
    await kafka?.disconnect();
    await receiver.stop();
  });

  it('posts a raised order to the supplier and the buyer, once each, and records the delivery', async () => {
    const raised = order({ orderId: 'ORD-x' });
    await kafka.publish(topics.replenishmentOrders, raised);
    const toSupplier = `${raised.eventId}:${supplier}`;
    const toBuyer = `${raised.eventId}:${buyer}`;
    await eventually(() => receiver.postsFor(toSupplier).length > 0 && receiver.postsFor(toBuyer).length > 0, 'both webhooks to be posted');

    const [supplierPost] = receiver.postsFor(toSupplier);
    expect(supplierPost.path).toBe(`/hooks/${supplier}`);
    expect(supplierPost.headers['content-type']).toMatch(/^application\/json/);
    expect(supplierPost.body).toEqual({
      notificationId: toSupplier,
      topic: 'ORDER_RAISED',
      subject: `Order ORD-x: 90 EA of brake-pad-bp100 for ${site}, due 2026-11-28`,
      recipientId: supplier,
      payload: expect.objectContaining({
        eventId: raised.eventId,
        orderId: 'ORD-x',
        quantity: 90,
        expectedDeliveryAt: '2026-11-28T09:30:00.000Z',
      }),
    });
    expect(receiver.postsFor(toBuyer)[0]).toMatchObject({ path: `/hooks/${buyer}`, body: { recipientId: buyer, topic: 'ORDER_RAISED' } });

    const events = await kafka.waitFor(topics.notifications, (n) => n.causedByEventId === raised.eventId, { count: 2 });
    expect(events.map((e) => e.value).sort((a, b) => a.recipientId.localeCompare(b.recipientId))).toEqual(
      [
        { recipientId: buyer, notificationId: toBuyer },
        { recipientId: supplier, notificationId: toSupplier },
      ]
        .sort((a, b) => a.recipientId.localeCompare(b.recipientId))
        .map(({ recipientId, notificationId }): Notification => ({
          eventId: `${notificationId}/DELIVERED`,
          notificationId,
          recipientId,
          channel: 'WEBHOOK',
          topic: 'ORDER_RAISED',
          subject: `Order ORD-x: 90 EA of brake-pad-bp100 for ${site}, due 2026-11-28`,
          causedByEventId: raised.eventId,
          status: 'DELIVERED',
          attempts: 1,
          lastError: null,
          completedAt: expect.any(Date),
        })),
    );
    expect(events.every((e) => e.key === e.value.recipientId)).toBe(true);

    const rows = await deliveryRows([toSupplier, toBuyer]);
    expect(rows).toHaveLength(2);
    for (const row of rows)
      expect(row).toMatchObject({ status: 'delivered', attempts: 1, last_error: null, completed_at: expect.any(Date) });
    expect(receiver.postsFor(toSupplier)).toHaveLength(1);
    expect(receiver.postsFor(toBuyer)).toHaveLength(1);
  });

  it('tries a failing webhook again and records it delivered on the attempt that succeeds', async () => {
    receiver.answerFirst(`/hooks/${flakyBuyer}`, [500, 500]);
    const planned = shipment('PLANNED', { shipmentId: 'SHP-flaky', buyerId: flakyBuyer });
    const dispatched = shipment('DISPATCHED', { shipmentId: 'SHP-flaky', buyerId: flakyBuyer });
    await kafka.publish(topics.shipments, planned);
    await kafka.publish(topics.shipments, dispatched);
    const notificationId = `${dispatched.eventId}:${flakyBuyer}`;

    const [event] = await kafka.waitFor(topics.notifications, (n) => n.notificationId === notificationId);
    expect(event.value).toMatchObject({
      eventId: `${notificationId}/DELIVERED`,
      status: 'DELIVERED',
      attempts: 3,
      lastError: null,
      topic: 'SHIPMENT',
    });
    const posts = receiver.posts.filter((p) => p.path === `/hooks/${flakyBuyer}`);
    expect(posts.map((p) => p.headers['x-smi-notification-id'])).toEqual([notificationId, notificationId, notificationId]);
    expect(posts[0].body.subject).toBe(`Shipment SHP-flaky dispatched: 90 EA of brake-pad-bp100 for ${site} (order ORD-1), due 2026-11-28`);
    expect(await deliveryRows([notificationId])).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3, last_error: null })]);
  });

  it('gives a webhook that always fails up after the allowed attempts, and skips a party without a webhook', async () => {
    const stockout = breach({ buyerId: buyerWithoutWebhook, supplierId: brokenSupplier });
    await kafka.publish(topics.slaBreaches, stockout);
    const notificationId = `${stockout.eventId}:${brokenSupplier}`;

    const [event] = await kafka.waitFor(topics.notifications, (n) => n.causedByEventId === stockout.eventId);
    expect(event.value).toMatchObject({
      eventId: `${notificationId}/FAILED`,
      notificationId,
      recipientId: brokenSupplier,
      topic: 'STOCKOUT',
      status: 'FAILED',
      attempts: 3,
      lastError: 'HTTP 500 Internal Server Error: receiver is down for maintenance',
    });
    expect(receiver.postsFor(notificationId)).toHaveLength(3);
    const rows = await deliveryRows([notificationId, `${stockout.eventId}:${buyerWithoutWebhook}`]);
    expect(rows).toEqual([
      expect.objectContaining({ recipient: brokenSupplier, status: 'failed', attempts: 3, last_error: expect.stringMatching(/^HTTP 500/) }),
    ]);
  });

  it('keeps delivering other alerts while a webhook hangs, and gives the hung one up after its timeouts', async () => {
    // Same buyer, site and item: both orders travel on one partition, the hung one first.
    const first = order({ supplierId: hungSupplier, itemId: 'hub-nut' });
    const second = order({ itemId: 'hub-nut' });
    await kafka.publish(topics.replenishmentOrders, first);
    await kafka.publish(topics.replenishmentOrders, second);
    const hung = `${first.eventId}:${hungSupplier}`;
    await eventually(
      () => receiver.postsFor(`${second.eventId}:${supplier}`).length === 1 && receiver.postsFor(`${second.eventId}:${buyer}`).length === 1,
      'the second order to reach its parties',
    );
    expect(receiver.postsFor(hung).length).toBeGreaterThan(0);
    expect(await deliveryRows([hung])).toEqual([expect.objectContaining({ status: 'pending' })]);

    const [event] = await kafka.waitFor(topics.notifications, (n) => n.notificationId === hung);
    expect(event.value).toMatchObject({ status: 'FAILED', attempts: 3, lastError: 'no answer within 5000 ms' });
    expect(receiver.postsFor(hung)).toHaveLength(3);
  });

  it('posts a redelivered order once per party', async () => {
    const raised = order();
    await kafka.publish(topics.replenishmentOrders, raised);
    await kafka.publish(topics.replenishmentOrders, raised);
    const events = await kafka.waitFor(topics.notifications, (n) => n.causedByEventId === raised.eventId, { count: 2, settleMs: 2000 });
    expect(events.map((e) => e.value.status)).toEqual(['DELIVERED', 'DELIVERED']);
    // Once more after both were delivered: the delivery rows, keyed by event and party, make it a no-op.
    // A marker on the same partition behind it: once the marker is posted, the repeat has been read.
    const marker = order();
    await kafka.publish(topics.replenishmentOrders, raised);
    await kafka.publish(topics.replenishmentOrders, marker);
    await eventually(() => receiver.postsFor(`${marker.eventId}:${buyer}`).length > 0, 'the marker to be posted');
    expect(receiver.postsFor(`${raised.eventId}:${supplier}`)).toHaveLength(1);
    expect(receiver.postsFor(`${raised.eventId}:${buyer}`)).toHaveLength(1);
    expect((await deliveryRows([`${raised.eventId}:${supplier}`, `${raised.eventId}:${buyer}`])).map((r) => r.status)).toEqual([
      'delivered',
      'delivered',
    ]);
    const claimed = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT count(*)::int AS n FROM notification.inbox WHERE event_id = $1',
      [raised.eventId],
    );
    expect(claimed).toEqual([{ n: 0 }]);
  });

  it('dead-letters an order without a supplier, naming the field', async () => {
    const rejected = order({ supplierId: '' });
    await kafka.publish(topics.replenishmentOrders, rejected);
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf('notification'), (r) => r.headers['smi-event-id'] === rejected.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe('rejected: supplierId is required and must be a non-empty string');
  });

  it('lists a party only the alerts addressed to it, and an operator all of them', async () => {
    const raised = order();
    await kafka.publish(topics.replenishmentOrders, raised);
    await kafka.waitFor(topics.notifications, (n) => n.causedByEventId === raised.eventId, { count: 2 });

    const forBuyer = await json(await list(key.buyer));
    expect(forBuyer.length).toBeGreaterThan(0);
    expect(forBuyer.every((d: { recipientId: string }) => d.recipientId === buyer)).toBe(true);
    expect(forBuyer).toContainEqual(
      expect.objectContaining({
        notificationId: `${raised.eventId}:${buyer}`,
        status: 'delivered',
        attempts: 1,
        topic: 'ORDER_RAISED',
        nextAttemptAt: null,
      }),
    );

    const forOperator: Array<{ recipientId: string }> = await json(await list(key.operator));
    // Other suites in the same run may have deliveries too: the operator sees at least all of these.
    expect([...new Set(forOperator.map((d) => d.recipientId))]).toEqual(
      expect.arrayContaining([buyer, supplier, flakyBuyer, brokenSupplier, hungSupplier]),
    );

    const failed = await json(await list(key.brokenSupplier, '?status=failed'));
    expect(failed).toEqual([
      expect.objectContaining({ recipientId: brokenSupplier, status: 'failed', lastError: expect.stringMatching(/^HTTP 500/) }),
    ]);
    expect(await json(await list(key.supplier, '?status=failed'))).toEqual([]);

    const bad = await list(key.buyer, '?status=lost');
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toBe('status must be one of pending, delivered, failed (got lost)');
    expect((await list(null)).status).toBe(401);
  });

  it('signed every post with the secret of the party it went to', () => {
    expect(receiver.posts.length).toBeGreaterThan(10);
    expect(receiver.badlySigned().map((p) => [p.path, p.signature])).toEqual([]);
  });
});
