import { deadLetterTopicOf, ReplenishmentOrder, Shipment, ShipmentUpdate, StockLevel, supplierInboundTopics, topics } from '@smi/contracts';
import { DEAD_LETTER_HEADERS } from '@smi/messaging';
import { eventually, KafkaTestClient, queryDatabase, ServiceProcess, startServiceProcess, uniqueId, writePartiesFile } from '@smi/testing';
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

  const order = (overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder =>
    exampleOrder({
      eventId: uniqueId('order-evt'),
      orderId: uniqueId('ORD'),
      agreementId: 'AGR-TEST',
      buyerId: buyer,
      supplierId: supplier,
      // A site of its own: orders of one site and day share a shipment, and most tests follow one order.
      siteId: uniqueId('site'),
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

  const call = (method: 'GET' | 'POST', path: string, apiKey: string | null, body?: unknown) =>
    fetch(`${shipments.baseUrl}${path}`, {
      method,
      headers: { ...(apiKey ? { 'x-api-key': apiKey } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Publishes an order and waits until its shipment is announced, so it exists for REST calls. */
  async function planned(overrides: Partial<ReplenishmentOrder> = {}): Promise<{ placed: ReplenishmentOrder; shipmentId: string }> {
    const placed = order(overrides);
    await kafka.publish(topics.replenishmentOrders, placed);
    const [event] = await kafka.waitFor(topics.shipments, (s) => s.orderId === placed.orderId);
    return { placed, shipmentId: event.value.shipmentId };
  }

  const statusesOf = async (orderId: string, count: number, settleMs?: number): Promise<Shipment[]> =>
    (await kafka.waitFor(topics.shipments, (s) => s.orderId === orderId, { count, settleMs })).map((r) => r.value);

  const eventsOf = async (shipmentId: string, count: number, settleMs?: number): Promise<Shipment[]> =>
    (await kafka.waitFor(topics.shipments, (s) => s.shipmentId === shipmentId, { count, settleMs })).map((r) => r.value);

  /** A logistics report from the test supplier, by default the dispatch of a shipment. */
  const update = (shipmentId: string, overrides: Partial<ShipmentUpdate> = {}): ShipmentUpdate => ({
    eventId: uniqueId('update'),
    supplierId: supplier,
    shipmentId,
    kind: 'DISPATCHED',
    occurredAt: new Date('2026-03-11T06:00:00Z'),
    carrier: 'DHL',
    trackingReference: 'JJD0001',
    expectedArrivalAt: new Date('2026-03-13T10:00:00Z'),
    reason: null,
    lines: [],
    ...overrides,
  });

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

  it('plans a shipment for a released order and announces it with every field, its id from the site and delivery day', async () => {
    const placed = order();
    await kafka.publish(topics.replenishmentOrders, placed);
    const [event] = await kafka.waitFor(topics.shipments, (s) => s.orderId === placed.orderId);
    const shipmentId = `SHP-AGR-TEST-${placed.siteId}-2026-03-13`;
    expect(event.key).toBe(shipmentId);
    expect(event.value).toEqual({
      eventId: `${placed.eventId}/shipment`,
      shipmentId,
      orderId: placed.orderId,
      agreementId: 'AGR-TEST',
      buyerId: buyer,
      supplierId: supplier,
      siteId: placed.siteId,
      itemId: 'brake-pad',
      quantity: 80,
      unit: 'EA',
      status: 'PLANNED',
      statusChangedAt: placed.decidedAt,
      expectedDeliveryAt: placed.expectedDeliveryAt,
      receivedQuantity: null,
      lines: [
        {
          orderId: placed.orderId,
          itemId: 'brake-pad',
          unit: 'EA',
          orderedQuantity: 80,
          dispatchedQuantity: null,
          receivedQuantity: 0,
          receiptEventIds: [],
        },
      ],
      promisedDeliveryAt: placed.expectedDeliveryAt,
      carrier: null,
      trackingReference: null,
      dispatchedAt: null,
      deliveredAt: null,
      delayReason: null,
      causedByEventId: placed.eventId,
    });
    const response = await call('GET', `/shipments/${shipmentId}`, key.supplier);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ shipmentId, status: 'PLANNED', quantity: 80 });
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
    const siteId = uniqueId('site');
    const expired = order({ status: 'EXPIRED', siteId });
    const rejected = order({ status: 'REJECTED', statusChangedBy: buyer, statusReason: 'not needed', siteId });
    await kafka.publish(topics.replenishmentOrders, expired);
    await kafka.publish(topics.replenishmentOrders, rejected);
    const marker = await planned({ siteId }); // published after both on the same key, so they were handled before it
    const shipment = await json(await call('GET', `/shipments/${marker.shipmentId}`, key.operator));
    expect(shipment.lines.map((l: { orderId: string }) => l.orderId)).toEqual([marker.placed.orderId]);
    const rows = await queryDatabase(
      process.env.DATABASE_URL!,
      `SELECT count(*)::int AS n FROM shipment.shipments, jsonb_array_elements(lines) AS line WHERE line->>'orderId' = ANY($1)`,
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
      ['DISPATCHED', `${shipmentId}/dispatched/shipment`],
      ['DELIVERED', `${shipmentId}/delivered/shipment`],
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

  it("marks a shipment RECEIVED on the buyer's goods receipt of all that left, with the quantity booked", async () => {
    const { placed, shipmentId } = await planned();
    expect((await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier)).status).toBe(200);
    // A level that is not a receipt, even naming the order, moves nothing.
    await kafka.publish(topics.stockLevels, receiptLevel(placed, { movementKind: 'ADJUSTMENT', sequence: 11 }));
    const receipt = receiptLevel(placed, { movementQuantity: 80 });
    await kafka.publish(topics.stockLevels, receipt);
    const events = await statusesOf(placed.orderId, 3, 1500);
    expect(events.map((e) => e.status)).toEqual(['PLANNED', 'DISPATCHED', 'RECEIVED']);
    expect(events[2]).toMatchObject({
      eventId: `${receipt.eventId}/shipment-received`,
      receivedQuantity: 80,
      statusChangedAt: receipt.asOf,
      deliveredAt: receipt.asOf,
      quantity: 80,
      causedByEventId: receipt.eventId,
    });
    expect(events[2].lines[0]).toMatchObject({ receivedQuantity: 80, receiptEventIds: [receipt.eventId] });
    // Logistics can no longer move a received shipment.
    const late = await call('POST', `/shipments/${shipmentId}/deliver`, key.supplier);
    expect(late.status).toBe(409);
    expect((await json(late)).message).toMatch(/is RECEIVED/);
  });

  it('receives a shipment logistics never reported, and keeps (neither applies nor dead-letters) a receipt for an unknown order', async () => {
    const { placed } = await planned();
    const stray = receiptLevel(placed, { orderReference: uniqueId('ORD-unknown') });
    await kafka.publish(topics.stockLevels, stray);
    await kafka.publish(topics.stockLevels, receiptLevel(placed, { movementQuantity: 80 }));
    const events = await statusesOf(placed.orderId, 2);
    expect(events.map((e) => [e.status, e.receivedQuantity])).toEqual([
      ['PLANNED', null],
      ['RECEIVED', 80],
    ]);
    const kept = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT order_id AS "orderId", shipment_id AS "shipmentId" FROM shipment.goods_receipts WHERE stock_level_event_id = $1',
      [stray.eventId],
    );
    expect(kept).toEqual([{ orderId: stray.orderReference, shipmentId: null }]);
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
          await queryDatabase(
            process.env.DATABASE_URL!,
            'SELECT 1 FROM shipment.goods_receipts WHERE order_id = $1 AND shipment_id IS NULL',
            [late.orderId],
          )
        ).length === 1,
    );
    await kafka.publish(topics.replenishmentOrders, late);
    // Planned and received in the order's batch: announced once, as the batch leaves it.
    const events = await statusesOf(late.orderId, 1, 1500);
    expect(events.map((e) => [e.status, e.receivedQuantity, e.eventId])).toEqual([
      ['PARTIALLY_RECEIVED', 75, `${receipt.eventId}/shipment-received`],
    ]);
    const kept = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT shipment_id AS "shipmentId" FROM shipment.goods_receipts WHERE stock_level_event_id = $1',
      [receipt.eventId],
    );
    expect(kept).toEqual([{ shipmentId: events[0].shipmentId }]);
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
      ['PARTIALLY_RECEIVED', `${receipt.eventId}/shipment-received`],
    ]);
    expect(events[1].lines[0]).toMatchObject({ receivedQuantity: 78, receiptEventIds: [receipt.eventId] });
    // Stock levels are deduplicated by the receipts kept, not by an inbox row each.
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
    const rows = await queryDatabase(
      process.env.DATABASE_URL!,
      `SELECT count(*)::int AS n FROM shipment.shipments, jsonb_array_elements(lines) AS line WHERE line->>'orderId' = $1`,
      [once.orderId],
    );
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

  it('consolidates two orders of a site and day, dispatches them short by 5, announces a delay, and is received in parts', async () => {
    const siteId = uniqueId('site');
    const pads = order({ siteId, quantity: 80, expectedDeliveryAt: new Date('2026-03-13T15:00:00Z') });
    const rotors = order({ siteId, itemId: 'rotor', quantity: 20, expectedDeliveryAt: new Date('2026-03-13T08:00:00Z') });
    const shipmentId = `SHP-AGR-TEST-${siteId}-2026-03-13`;
    // Two items travel on two keys, in no order between them: the rotors are sent once the pads are planned.
    await kafka.publish(topics.replenishmentOrders, pads);
    await eventsOf(shipmentId, 1);
    await kafka.publish(topics.replenishmentOrders, rotors);
    const planned = await eventsOf(shipmentId, 2);
    expect(planned.map((e) => [e.eventId, e.status, e.lines.map((l) => l.orderId)])).toEqual([
      [`${pads.eventId}/shipment`, 'PLANNED', [pads.orderId]],
      [`${rotors.eventId}/shipment`, 'PLANNED', [pads.orderId, rotors.orderId]],
    ]);
    // The first line's fields stay on top; the promise is the earliest of the two.
    expect(planned[1]).toMatchObject({ orderId: pads.orderId, quantity: 80, promisedDeliveryAt: rotors.expectedDeliveryAt });

    // Bad reports are refused naming the field, and change nothing.
    const negative = await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier, {
      lines: [{ orderId: pads.orderId, quantity: -1 }],
    });
    expect(negative.status).toBe(400);
    expect((await json(negative)).message).toBe('lines[0].quantity must be a number of at least 0');
    const noReason = await call('POST', `/shipments/${shipmentId}/delay`, key.supplier, {
      expectedArrivalAt: '2026-03-14T10:00:00Z',
      occurredAt: '2026-03-12T06:00:00Z',
    });
    expect(noReason.status).toBe(400);
    expect((await json(noReason)).message).toBe('reason is required for a delay');

    const dispatched = await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier, {
      carrier: 'DHL',
      trackingReference: 'JJD0001',
      expectedArrivalAt: '2026-03-13T10:00:00Z',
      occurredAt: '2026-03-11T06:00:00Z',
      lines: [
        { orderId: pads.orderId, quantity: 75 },
        { orderId: rotors.orderId, quantity: 20 },
      ],
    });
    expect(dispatched.status).toBe(200);
    expect(await json(dispatched)).toMatchObject({
      status: 'DISPATCHED',
      carrier: 'DHL',
      trackingReference: 'JJD0001',
      dispatchedAt: '2026-03-11T06:00:00.000Z',
      expectedDeliveryAt: '2026-03-13T10:00:00.000Z',
      lines: [
        { orderId: pads.orderId, orderedQuantity: 80, dispatchedQuantity: 75, shortQuantity: 5 },
        { orderId: rotors.orderId, orderedQuantity: 20, dispatchedQuantity: 20, shortQuantity: 0 },
      ],
    });
    const delayed = await call('POST', `/shipments/${shipmentId}/delay`, key.supplier, {
      expectedArrivalAt: '2026-03-14T10:00:00Z',
      reason: 'strike at the port',
      occurredAt: '2026-03-12T06:00:00Z',
    });
    expect(delayed.status).toBe(200);
    expect(await json(delayed)).toMatchObject({
      status: 'DISPATCHED',
      expectedDeliveryAt: '2026-03-14T10:00:00.000Z',
      promisedDeliveryAt: '2026-03-13T08:00:00.000Z',
      delayReason: 'strike at the port',
    });

    // The buyer books 40 pads, then the other 35 and 22 rotors (two more than left: an over-delivery).
    const first = receiptLevel(pads, { movementQuantity: 40, asOf: new Date('2026-03-14T09:00:00Z') });
    const rest = receiptLevel(pads, { movementQuantity: 35, asOf: new Date('2026-03-14T11:00:00Z') });
    const rotorsIn = receiptLevel(rotors, {
      movementQuantity: 22,
      asOf: new Date('2026-03-14T10:00:00Z'),
    });
    await kafka.publish(topics.stockLevels, first);
    const [, , , , partial] = await eventsOf(shipmentId, 5);
    expect(partial).toMatchObject({
      eventId: `${first.eventId}/shipment-received`,
      status: 'PARTIALLY_RECEIVED',
      receivedQuantity: 40,
      deliveredAt: first.asOf,
      causedByEventId: first.eventId,
    });
    await kafka.publish(topics.stockLevels, rest);
    await kafka.publish(topics.stockLevels, rotorsIn);
    const events = await eventsOf(shipmentId, 7, 1500);
    expect(events.map((e) => e.status)).toEqual([
      'PLANNED',
      'PLANNED',
      'DISPATCHED',
      'DISPATCHED',
      'PARTIALLY_RECEIVED',
      expect.stringMatching(/RECEIVED$/),
      'RECEIVED',
    ]);
    const received = await json(await call('GET', `/shipments/${shipmentId}`, key.buyer));
    expect(received).toMatchObject({
      status: 'RECEIVED',
      deliveredAt: first.asOf.toISOString(),
      lines: [
        { orderId: pads.orderId, receivedQuantity: 75, receiptEventIds: [first.eventId, rest.eventId], shortQuantity: 5, overQuantity: 0 },
        { orderId: rotors.orderId, receivedQuantity: 22, receiptEventIds: [rotorsIn.eventId], shortQuantity: 0, overQuantity: 2 },
      ],
    });
  });

  it('starts a new shipment for an order of a site and day whose shipment has already left', async () => {
    const siteId = uniqueId('site');
    const first = order({ siteId });
    await kafka.publish(topics.replenishmentOrders, first);
    const shipmentId = `SHP-AGR-TEST-${siteId}-2026-03-13`;
    await eventsOf(shipmentId, 1);
    expect((await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier)).status).toBe(200);
    const later = order({ siteId });
    await kafka.publish(topics.replenishmentOrders, later);
    const [next] = (await kafka.waitFor(topics.shipments, (s) => s.orderId === later.orderId)).map((r) => r.value);
    expect(next).toMatchObject({ shipmentId: `${shipmentId}-2`, status: 'PLANNED', lines: [{ orderId: later.orderId }] });
  });

  it('keeps a receipt that matches nothing, reports it to its buyer (and operators), and books it when a shipment of its site and item leaves', async () => {
    const siteId = uniqueId('site');
    const stray = receiptLevel(order({ siteId }), { orderReference: null, movementQuantity: 80, asOf: new Date('2026-03-13T09:00:00Z') });
    await kafka.publish(topics.stockLevels, stray);
    const unmatchedFor = async (apiKey: string) =>
      ((await json(await call('GET', '/unmatched-receipts', apiKey))) as Array<{ stockLevelEventId: string }>).map(
        (r) => r.stockLevelEventId,
      );
    await eventually(async () => (await unmatchedFor(key.buyer)).includes(stray.eventId), 'the receipt kept unmatched');
    expect(await unmatchedFor(key.operator)).toContain(stray.eventId);
    expect(await unmatchedFor(key.otherBuyer)).not.toContain(stray.eventId);
    // No supplier has shipped to that site and item yet: none can tell it is theirs.
    expect(await unmatchedFor(key.supplier)).not.toContain(stray.eventId);

    const placed = order({ siteId });
    await kafka.publish(topics.replenishmentOrders, placed);
    const shipmentId = `SHP-AGR-TEST-${siteId}-2026-03-13`;
    await eventsOf(shipmentId, 1);
    expect(await unmatchedFor(key.supplier)).toContain(stray.eventId);
    expect(await unmatchedFor(key.otherSupplier)).not.toContain(stray.eventId);
    // It left before the goods were booked, so they can be its.
    expect((await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier, { occurredAt: '2026-03-12T06:00:00Z' })).status).toBe(
      200,
    );
    const events = await eventsOf(shipmentId, 3, 1000);
    expect(events.map((e) => [e.status, e.eventId])).toEqual([
      ['PLANNED', `${placed.eventId}/shipment`],
      ['DISPATCHED', `${shipmentId}/dispatched/shipment`],
      ['RECEIVED', `${stray.eventId}/shipment-received`],
    ]);
    expect(events[2].lines[0]).toMatchObject({ receivedQuantity: 80, receiptEventIds: [stray.eventId] });
    expect(await unmatchedFor(key.buyer)).not.toContain(stray.eventId);
  });

  it("applies a logistics report from the shipment's supplier on its own topic once, and dead-letters reports in another's name or breaking a rule", async () => {
    const placed = order({ siteId: uniqueId('site') });
    await kafka.publish(topics.replenishmentOrders, placed);
    const shipmentId = `SHP-AGR-TEST-${placed.siteId}-2026-03-13`;
    await eventsOf(shipmentId, 1);
    const ownTopic = supplierInboundTopics.shipmentUpdates.of(supplier);
    const dispatch = update(shipmentId, { lines: [{ orderId: placed.orderId, quantity: 75 }] });
    const inAnothersName = update(shipmentId, { supplierId: otherSupplier });
    const fromAnother = update(shipmentId, { supplierId: otherSupplier });
    const delayWithoutReason = update(shipmentId, { kind: 'DELAYED', carrier: null, trackingReference: null });
    await kafka.publish(ownTopic, dispatch);
    await kafka.publish(ownTopic, dispatch); // redelivered: applied once
    await kafka.publish(ownTopic, inAnothersName);
    await kafka.publish(supplierInboundTopics.shipmentUpdates.of(otherSupplier), fromAnother);
    await kafka.publish(ownTopic, delayWithoutReason);

    const reasonOf = async (eventId: string) =>
      (await kafka.waitForRaw(deadLetterTopicOf('shipment'), (r) => r.headers['smi-event-id'] === eventId))[0].headers[
        DEAD_LETTER_HEADERS.reason
      ];
    expect(await reasonOf(inAnothersName.eventId)).toBe(
      `rejected: supplierId ${JSON.stringify(otherSupplier)} is not the supplier of topic ${ownTopic.name}`,
    );
    expect(await reasonOf(fromAnother.eventId)).toBe(`rejected: shipment ${shipmentId} is not known`);
    expect(await reasonOf(delayWithoutReason.eventId)).toBe('rejected: reason is required for a delay');

    const events = await eventsOf(shipmentId, 2, 2000);
    expect(events.map((e) => [e.status, e.eventId, e.causedByEventId])).toEqual([
      ['PLANNED', `${placed.eventId}/shipment`, placed.eventId],
      ['DISPATCHED', `${dispatch.eventId}/shipment`, dispatch.eventId],
    ]);
    expect(events[1]).toMatchObject({ carrier: 'DHL', dispatchedAt: dispatch.occurredAt, lines: [{ dispatchedQuantity: 75 }] });
  });

  it('applies a REST report sent twice under one eventId once, and refuses that eventId with another report', async () => {
    const placed = order({ siteId: uniqueId('site') });
    await kafka.publish(topics.replenishmentOrders, placed);
    const shipmentId = `SHP-AGR-TEST-${placed.siteId}-2026-03-13`;
    await eventsOf(shipmentId, 1);
    expect((await call('POST', `/shipments/${shipmentId}/dispatch`, key.supplier, { occurredAt: '2026-03-11T06:00:00Z' })).status).toBe(
      200,
    );
    const report = { eventId: uniqueId('arrival'), occurredAt: '2026-03-13T07:30:00Z' };
    const once = await call('POST', `/shipments/${shipmentId}/deliver`, key.supplier, report);
    const twice = await call('POST', `/shipments/${shipmentId}/deliver`, key.supplier, report);
    expect([once.status, twice.status]).toEqual([200, 200]);
    expect(await json(twice)).toMatchObject({ status: 'DELIVERED', deliveredAt: '2026-03-13T07:30:00.000Z' });
    const changed = await call('POST', `/shipments/${shipmentId}/deliver`, key.supplier, { ...report, occurredAt: '2026-03-13T08:00:00Z' });
    expect(changed.status).toBe(409);
    const events = await eventsOf(shipmentId, 3, 1500);
    expect(events.map((e) => [e.status, e.eventId])).toEqual([
      ['PLANNED', `${placed.eventId}/shipment`],
      ['DISPATCHED', `${shipmentId}/dispatched/shipment`],
      ['DELIVERED', `${report.eventId}/shipment`],
    ]);
  });
});
