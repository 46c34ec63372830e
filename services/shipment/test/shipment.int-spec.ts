import { ReplenishmentOrder, Shipment, StockLevel, deadLetterTopicOf, topics } from '@smi/contracts';
import { KafkaTestClient, queryDatabase, ServiceProcess, startServiceProcess, uniqueId, writePartiesFile } from '@smi/testing';
import { exampleOrder, exampleReceiptLevel } from '../src/examples';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

/** Polls until the condition holds: the service applies events in its own time. */
async function until(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('shipment against a real broker and database', () => {
  let shipments: ServiceProcess;
  let kafka: KafkaTestClient;
  const buyer = uniqueId('buyer');
  const otherBuyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const otherSupplier = uniqueId('supplier');
  const key = {
    buyer: uniqueId('buyer-key'),
    otherBuyer: uniqueId('buyer-key'),
    supplier: uniqueId('supplier-key'),
    otherSupplier: uniqueId('supplier-key'),
    operator: uniqueId('operator-key'),
  };
  const site = uniqueId('site');

  const order = (overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder =>
    exampleOrder({
      eventId: uniqueId('order-evt'),
      orderId: uniqueId('ORD'),
      agreementId: 'AGR-TEST',
      buyerId: buyer,
      supplierId: supplier,
      siteId: site,
      triggeredByEventId: uniqueId('level'),
      ...overrides,
    });

  const receiptLevel = (placed: ReplenishmentOrder, overrides: Partial<StockLevel> = {}): StockLevel =>
    exampleReceiptLevel({
      eventId: uniqueId('level'),
      buyerId: placed.buyerId,
      siteId: placed.siteId,
      itemId: placed.itemId,
      onHand: 108,
      unit: placed.unit,
      sequence: 12,
      movementId: uniqueId('mv'),
      orderReference: placed.orderId,
      ...overrides,
    });

  const call = (method: 'GET' | 'POST', path: string, apiKey: string | null) =>
    fetch(`${shipments.baseUrl}${path}`, { method, headers: apiKey ? { 'x-api-key': apiKey } : {} });

  /** Publishes an order and waits until its shipment is announced, so it exists for REST calls. */
  async function planned(overrides: Partial<ReplenishmentOrder> = {}): Promise<{ placed: ReplenishmentOrder; shipmentId: string }> {
    const placed = order(overrides);
    await kafka.publish(topics.replenishmentOrders, placed);
    const [event] = await kafka.waitFor(topics.shipments, (s) => s.orderId === placed.orderId);
    return { placed, shipmentId: event.value.shipmentId };
  }

  const statusesOf = async (orderId: string, count: number, settleMs?: number): Promise<Shipment[]> =>
    (await kafka.waitFor(topics.shipments, (s) => s.orderId === orderId, { count, settleMs })).map((r) => r.value);

  beforeAll(async () => {
    const partiesFile = writePartiesFile([
      { id: buyer, kind: 'buyer', name: 'Test buyer', apiKey: key.buyer },
      { id: otherBuyer, kind: 'buyer', name: 'Another buyer', apiKey: key.otherBuyer },
      { id: supplier, kind: 'supplier', name: 'Test supplier', apiKey: key.supplier },
      { id: otherSupplier, kind: 'supplier', name: 'Another supplier', apiKey: key.otherSupplier },
      { id: 'test-operator', kind: 'operator', name: 'Operator', apiKey: key.operator },
    ]);
    kafka = new KafkaTestClient();
    shipments = await startServiceProcess('shipment', { SMI_PARTIES_FILE: partiesFile });
  });

  afterAll(async () => {
    await shipments?.stop();
    await kafka?.disconnect();
  });

  it('plans a shipment for each replenishment order and announces it with every field', async () => {
    const placed = order();
    await kafka.publish(topics.replenishmentOrders, placed);
    const [event] = await kafka.waitFor(topics.shipments, (s) => s.orderId === placed.orderId);
    expect(event.key).toBe(`SHP-${placed.orderId}`);
    expect(event.value).toEqual({
      eventId: `${placed.eventId}/shipment`,
      shipmentId: `SHP-${placed.orderId}`,
      orderId: placed.orderId,
      agreementId: 'AGR-TEST',
      buyerId: buyer,
      supplierId: supplier,
      siteId: site,
      itemId: 'brake-pad',
      quantity: 80,
      unit: 'EA',
      status: 'PLANNED',
      statusChangedAt: placed.decidedAt,
      expectedDeliveryAt: placed.expectedDeliveryAt,
      receivedQuantity: null,
    });
    const response = await call('GET', `/shipments/SHP-${placed.orderId}`, key.supplier);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ shipmentId: `SHP-${placed.orderId}`, status: 'PLANNED', quantity: 80 });
  });

  it("ships nothing for an order awaiting the buyer's approval, and plans the shipment when the approval releases it", async () => {
    const awaiting = order({
      status: 'AWAITING_APPROVAL',
      statusReason: 'value 2,250 EUR exceeds the 1,000 EUR the supplier may release alone',
    });
    await kafka.publish(topics.replenishmentOrders, awaiting);
    const approved = {
      ...awaiting,
      eventId: `${awaiting.orderId}/approved`,
      status: 'RELEASED',
      statusChangedBy: buyer,
      statusReason: `approved by ${buyer}`,
    };
    await kafka.publish(topics.replenishmentOrders, approved);
    // Both events share the order's key and partition: the one shipment is the approval's.
    const events = await statusesOf(awaiting.orderId, 1, 2000);
    expect(events.map((e) => [e.eventId, e.status])).toEqual([[`${awaiting.orderId}/approved/shipment`, 'PLANNED']]);
  });

  it('ships nothing for an order that expired or was rejected before release', async () => {
    const expired = order({ status: 'EXPIRED' });
    const rejected = order({ status: 'REJECTED', statusChangedBy: buyer, statusReason: 'not needed' });
    await kafka.publish(topics.replenishmentOrders, expired);
    await kafka.publish(topics.replenishmentOrders, rejected);
    const marker = await planned(); // published after both on the same key, so they were handled before it
    expect(marker.shipmentId).toBe(`SHP-${marker.placed.orderId}`);
    const rows = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT count(*)::int AS n FROM shipment.shipments WHERE order_id = ANY($1)',
      [[expired.orderId, rejected.orderId]],
    );
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('cancels a planned shipment when the buyer vetoes its released order, but not one already dispatched', async () => {
    const vetoed = await planned();
    await kafka.publish(topics.replenishmentOrders, {
      ...vetoed.placed,
      eventId: `${vetoed.placed.orderId}/rejected`,
      status: 'REJECTED',
      statusChangedBy: buyer,
      statusReason: 'not needed',
    });
    const events = await statusesOf(vetoed.placed.orderId, 2, 1500);
    expect(events.map((e) => [e.status, e.eventId])).toEqual([
      ['PLANNED', `${vetoed.placed.eventId}/shipment`],
      ['CANCELLED', `${vetoed.placed.orderId}/rejected/shipment`],
    ]);
    const dispatch = await call('POST', `/shipments/${vetoed.shipmentId}/dispatch`, key.supplier);
    expect(dispatch.status).toBe(409);
    expect((await json(dispatch)).message).toMatch(/is CANCELLED/);

    const onItsWay = await planned();
    expect((await call('POST', `/shipments/${onItsWay.shipmentId}/dispatch`, key.supplier)).status).toBe(200);
    await kafka.publish(topics.replenishmentOrders, {
      ...onItsWay.placed,
      eventId: `${onItsWay.placed.orderId}/rejected`,
      status: 'REJECTED',
    });
    expect((await statusesOf(onItsWay.placed.orderId, 2, 2000)).map((e) => e.status)).toEqual(['PLANNED', 'DISPATCHED']);
  });

  it('moves a shipment through dispatch and delivery over REST, announcing each status in order', async () => {
    const { placed, shipmentId } = await planned();
    const dispatched = await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier);
    expect(dispatched.status).toBe(200);
    expect(await json(dispatched)).toMatchObject({ shipmentId, status: 'DISPATCHED' });
    const delivered = await call('POST', `/shipments/${shipmentId}/deliver`, key.supplier);
    expect(delivered.status).toBe(200);
    expect(await json(delivered)).toMatchObject({ status: 'DELIVERED' });

    const events = await statusesOf(placed.orderId, 3, 1500);
    expect(events.map((e) => [e.status, e.eventId])).toEqual([
      ['PLANNED', `${placed.eventId}/shipment`],
      ['DISPATCHED', `${shipmentId}/dispatched`],
      ['DELIVERED', `${shipmentId}/delivered`],
    ]);
    expect(events[2].statusChangedAt.getTime()).toBeGreaterThanOrEqual(events[1].statusChangedAt.getTime());
    const rows = await queryDatabase(process.env.DATABASE_URL!, 'SELECT status FROM shipment.shipments WHERE shipment_id = $1', [
      shipmentId,
    ]);
    expect(rows).toEqual([{ status: 'DELIVERED' }]);
  });

  it('answers 409 naming the current status for an illegal step, and changes nothing', async () => {
    const { placed, shipmentId } = await planned();
    const early = await call('POST', `/shipments/${shipmentId}/deliver`, key.supplier);
    expect(early.status).toBe(409);
    expect((await json(early)).message).toMatch(/is PLANNED/);
    expect((await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier)).status).toBe(200);
    const twice = await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier);
    expect(twice.status).toBe(409);
    expect((await json(twice)).message).toMatch(/is DISPATCHED/);
    const events = await statusesOf(placed.orderId, 2, 1500);
    expect(events.map((e) => e.status)).toEqual(['PLANNED', 'DISPATCHED']);
  });

  it("lets only the shipment's supplier move it: 403 for its buyer or an operator; 404 for another supplier, as for an unknown id; 401 without a key", async () => {
    const { shipmentId } = await planned();
    const foreign = await call('POST', `/shipments/${shipmentId}/dispatch`, key.otherSupplier);
    expect(foreign.status).toBe(404);
    expect(await json(foreign)).toMatchObject({ message: `shipment ${shipmentId} is not known` });
    const byBuyer = await call('POST', `/shipments/${shipmentId}/dispatch`, key.buyer);
    expect(byBuyer.status).toBe(403);
    expect((await json(byBuyer)).message).toBe(`only the shipment's supplier may move shipment ${shipmentId}`);
    expect((await call('POST', `/shipments/${shipmentId}/dispatch`, key.operator)).status).toBe(403);
    expect((await call('POST', `/shipments/SHP-${uniqueId('nope')}/dispatch`, key.supplier)).status).toBe(404);
    expect((await call('POST', `/shipments/${shipmentId}/dispatch`, null)).status).toBe(401);
    const unchanged = await json(await call('GET', `/shipments/${shipmentId}`, key.operator));
    expect(unchanged.status).toBe('PLANNED');
  });

  it("marks a shipment RECEIVED on the buyer's goods receipt, from any earlier status, with the quantity booked", async () => {
    const { placed, shipmentId } = await planned();
    expect((await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier)).status).toBe(200);
    // A level that is not a receipt, even naming the order, moves nothing.
    await kafka.publish(topics.stockLevels, receiptLevel(placed, { movementKind: 'ADJUSTMENT', sequence: 11 }));
    const receipt = receiptLevel(placed);
    await kafka.publish(topics.stockLevels, receipt);
    const events = await statusesOf(placed.orderId, 3, 1500);
    expect(events.map((e) => e.status)).toEqual(['PLANNED', 'DISPATCHED', 'RECEIVED']);
    expect(events[2]).toMatchObject({
      eventId: `${receipt.eventId}/shipment-received`,
      receivedQuantity: 78,
      statusChangedAt: receipt.asOf,
      quantity: 80,
    });
    // Logistics can no longer move a received shipment.
    const late = await call('POST', `/shipments/${shipmentId}/deliver`, key.supplier);
    expect(late.status).toBe(409);
    expect((await json(late)).message).toMatch(/is RECEIVED/);
  });

  it('receives a shipment logistics never reported, and neither applies nor dead-letters a receipt for an unknown order', async () => {
    const stray = receiptLevel(order(), { orderReference: uniqueId('ORD-unknown') });
    await kafka.publish(topics.stockLevels, stray);
    const { placed } = await planned();
    await kafka.publish(topics.stockLevels, receiptLevel(placed, { movementQuantity: 80 }));
    const events = await statusesOf(placed.orderId, 2);
    expect(events.map((e) => [e.status, e.receivedQuantity])).toEqual([
      ['PLANNED', null],
      ['RECEIVED', 80],
    ]);
    const unplaced = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT count(*)::int AS n FROM shipment.shipments WHERE order_id = $1',
      [stray.orderReference],
    );
    expect(unplaced).toEqual([{ n: 0 }]);
    // Same key as the receipt that was applied after it, so it was handled first: handled, not parked.
    await expect(
      kafka.waitForRaw(deadLetterTopicOf('shipment'), (r) => r.headers['smi-event-id'] === stray.eventId, { timeoutMs: 5000 }),
    ).rejects.toThrow(/0 matched/);
  });

  it('books a goods receipt read before its order on the shipment as soon as the order arrives', async () => {
    const late = order();
    const receipt = receiptLevel(late, { movementQuantity: 75 });
    await kafka.publish(topics.stockLevels, receipt);
    await until(
      async () =>
        (
          await queryDatabase(process.env.DATABASE_URL!, 'SELECT 1 FROM shipment.unmatched_goods_receipts WHERE order_id = $1', [
            late.orderId,
          ])
        ).length === 1,
    );
    await kafka.publish(topics.replenishmentOrders, late);
    const events = await statusesOf(late.orderId, 2, 1500);
    expect(events.map((e) => [e.status, e.receivedQuantity, e.eventId])).toEqual([
      ['PLANNED', null, `${late.eventId}/shipment`],
      ['RECEIVED', 75, `${receipt.eventId}/shipment-received`],
    ]);
    const kept = await queryDatabase(process.env.DATABASE_URL!, 'SELECT 1 FROM shipment.unmatched_goods_receipts WHERE order_id = $1', [
      late.orderId,
    ]);
    expect(kept).toEqual([]);
  });

  it('books a redelivered goods receipt once, and writes nothing for stock levels that carry none', async () => {
    const { placed } = await planned();
    const plain = receiptLevel(placed, { movementKind: 'CONSUMPTION', orderReference: null, sequence: 11 });
    const receipt = receiptLevel(placed);
    await kafka.publish(topics.stockLevels, plain);
    await kafka.publish(topics.stockLevels, receipt);
    await kafka.publish(topics.stockLevels, receipt);
    const events = await statusesOf(placed.orderId, 2, 3000);
    expect(events.map((e) => [e.status, e.eventId])).toEqual([
      ['PLANNED', `${placed.eventId}/shipment`],
      ['RECEIVED', `${receipt.eventId}/shipment-received`],
    ]);
    // Stock levels are deduplicated by the shipments' own state, not by an inbox row each.
    const claimed = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT count(*)::int AS n FROM shipment.inbox WHERE event_id = ANY($1)',
      [[plain.eventId, receipt.eventId]],
    );
    expect(claimed).toEqual([{ n: 0 }]);
  });

  it('keeps one shipment for a redelivered order event', async () => {
    const once = order();
    await kafka.publish(topics.replenishmentOrders, once);
    await kafka.publish(topics.replenishmentOrders, once);
    // The same order under a new event id (a replay upstream) is still the same shipment.
    await kafka.publish(topics.replenishmentOrders, { ...once, eventId: uniqueId('order-evt') });
    const events = await statusesOf(once.orderId, 1, 3000);
    expect(events).toHaveLength(1);
    const rows = await queryDatabase(process.env.DATABASE_URL!, 'SELECT count(*)::int AS n FROM shipment.shipments WHERE order_id = $1', [
      once.orderId,
    ]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('lists shipments by status: a buyer and a supplier see their own, an operator all', async () => {
    const mine = await planned({ siteId: uniqueId('site') });
    const theirs = await planned({ buyerId: otherBuyer, supplierId: otherSupplier });
    const ids = async (apiKey: string, query = '') =>
      (await json(await call('GET', `/shipments${query}`, apiKey))).map((s: Shipment) => s.shipmentId);

    expect(await ids(key.buyer, '?status=PLANNED')).toContain(mine.shipmentId);
    expect(await ids(key.buyer)).not.toContain(theirs.shipmentId);
    expect(await ids(key.supplier)).not.toContain(theirs.shipmentId);
    expect(await ids(key.otherSupplier)).toEqual([theirs.shipmentId]);
    expect(await ids(key.otherBuyer, '?status=PLANNED')).toEqual([theirs.shipmentId]);
    expect(await ids(key.otherBuyer, '?status=DELIVERED')).toEqual([]);
    expect(await ids(key.operator, '?status=PLANNED')).toEqual(expect.arrayContaining([mine.shipmentId, theirs.shipmentId]));

    const foreign = await call('GET', `/shipments/${theirs.shipmentId}`, key.buyer);
    expect(foreign.status).toBe(404);
    expect(await json(foreign)).toMatchObject({ message: `shipment ${theirs.shipmentId} is not known` });
    expect((await call('GET', `/shipments/${theirs.shipmentId}`, key.otherBuyer)).status).toBe(200);
    const bad = await call('GET', '/shipments?status=LOST', key.operator);
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toMatch(/^status must be one of PLANNED, DISPATCHED, DELIVERED, RECEIVED/);
  });
});
