import { ReplenishmentOrder, StockLevel, deadLetterTopicOf, topics } from '@smi/contracts';
import { DEAD_LETTER_HEADERS } from '@smi/messaging';
import {
  KafkaTestClient,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';
import { orderIdFor } from '../src/orders/replenishment-order';
import { levelsHandled, positionReaches as positionAt, stockLevelsAt } from './stock-level-feed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();
const DAY_MS = 24 * 60 * 60 * 1000;

describe('replenishment against a real broker and database', () => {
  let replenishment: ServiceProcess;
  let kafka: KafkaTestClient;
  const parties = writeTestParties();
  const { buyer, supplier, keys } = parties;
  const agreementId = uniqueId('AGR');
  const site = uniqueId('site');
  const items = { falling: uniqueId('item'), stale: uniqueId('item'), receipt: uniqueId('item'), kilograms: uniqueId('item') };
  const database = () => process.env.DATABASE_URL!;

  const level = stockLevelsAt(buyer, site);

  const publish = async (...levels: StockLevel[]) => {
    for (const l of levels) await kafka.publish(topics.stockLevels, l);
  };

  const positionReaches = (itemId: string, sequence: number) => positionAt(buyer, site, itemId, sequence);

  const ordersInDatabase = (itemId: string) =>
    queryDatabase<{ order_id: string; status: string; quantity: number; received_quantity: number | null }>(
      database(),
      `SELECT order_id, status, quantity::float AS quantity, received_quantity::float AS received_quantity
         FROM replenishment.orders WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3 ORDER BY decided_at, order_id`,
      [buyer, site, itemId],
    );

  const ordersFor = (itemId: string, count: number) =>
    kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer && o.itemId === itemId, { count, settleMs: 2000 });

  const get = (path: string, key: string | null) => fetch(`${replenishment.baseUrl}${path}`, { headers: key ? { 'x-api-key': key } : {} });

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const line = (itemId: string) => ({ siteId: site, itemId, unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 3, packMultiple: 10 });
    const agreementsFile = writeAgreementsFile([
      testAgreement({ agreementId, buyerId: buyer, supplierId: supplier, lines: Object.values(items).map(line) }),
    ]);
    replenishment = await startServiceProcess('replenishment', { SMI_AGREEMENTS_FILE: agreementsFile, SMI_PARTIES_FILE: parties.file });
  });

  afterAll(async () => {
    await replenishment?.stop();
    await kafka?.disconnect();
  });

  it('reports broker and database up on /health', async () => {
    const response = await get('/health', null);
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: 'up', kafka: 'up', database: 'up' });
  });

  it('orders once when stock falls below the minimum, even when the level is redelivered and stock keeps falling while the order is open', async () => {
    const item = items.falling;
    const trigger = level(item, 2, 35);
    await publish(level(item, 1, 100), trigger, trigger, level(item, 3, 20), level(item, 4, 5));
    await positionReaches(item, 4);

    const orders = await ordersFor(item, 1);
    expect(orders).toHaveLength(1);
    expect(orders[0].key).toBe(`${buyer}|${site}|${item}`);
    expect(orders[0].value).toEqual<ReplenishmentOrder>({
      eventId: `${orderIdFor(trigger.eventId)}/released`,
      orderId: orderIdFor(trigger.eventId),
      agreementId,
      buyerId: buyer,
      supplierId: supplier,
      siteId: site,
      itemId: item,
      quantity: 90, // 120 - 35 = 85, up to whole packs of 10
      unit: 'EA',
      onHand: 35,
      onOrder: 0,
      minimum: 40,
      maximum: 120,
      reorderPoint: 40,
      orderUpTo: 120,
      packMultiple: 10,
      expectedDeliveryAt: new Date(trigger.asOf.getTime() + 3 * DAY_MS),
      decidedAt: trigger.asOf, // business time: the level's, not when it was processed
      triggeredByEventId: trigger.eventId,
      status: 'RELEASED', // no approval boundary on the line
      agreementVersion: 1, // the agreements file is version 1
      emergency: false,
      orderValue: 0, // no unit price agreed
      statusChangedBy: 'replenishment',
      statusReason: '',
      approvalDeadline: null,
      explanation: expect.objectContaining({
        policy: 'min-max',
        inventoryPosition: 35,
        reorderPoint: 40,
        orderUpTo: 120,
        neededQuantity: 85,
        steps: [{ rule: 'pack-multiple', before: 85, after: 90, note: 'rounded up to 9 whole packs of 10' }],
        promisedServiceLevel: null, // no service level agreed: nothing promised
      }),
    });
    expect(await ordersInDatabase(item)).toEqual([
      { order_id: orders[0].value.orderId, status: 'released', quantity: 90, received_quantity: null },
    ]);
  });

  it('ignores a stale level (lower sequence than one already applied)', async () => {
    const item = items.stale;
    const latest = level(item, 4, 30);
    // Sequence 2 arrives after 3: had it been applied, on-hand 10 would have raised an order for 110.
    await publish(level(item, 1, 100), level(item, 3, 80), level(item, 2, 10), latest);
    expect(await positionReaches(item, 4)).toEqual({ sequence: 4, on_hand: 30 });

    const orders = await ordersFor(item, 1);
    expect(orders.map((o) => [o.value.triggeredByEventId, o.value.onHand, o.value.quantity])).toEqual([[latest.eventId, 30, 90]]);
  });

  it('keeps a partly received order open with the rest due, orders nothing of what is on its way, and closes it when the rest arrives', async () => {
    const item = items.receipt;
    await publish(level(item, 1, 35), level(item, 2, 5));
    const [first] = await kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer && o.itemId === item);
    expect(first.value).toMatchObject({ onHand: 35, onOrder: 0, quantity: 90 });
    const orderId = first.value.orderId;

    // Only 30 of the 90 arrive, then stock falls to 20: position 20 + 60 still on order = 80, above the minimum 40: no new order.
    const partialReceipt = level(item, 3, 35, { movementKind: 'RECEIPT', movementQuantity: 30, orderReference: orderId });
    await publish(partialReceipt, level(item, 4, 20));
    await positionReaches(item, 4);
    expect(await ordersInDatabase(item)).toEqual([{ order_id: orderId, status: 'released', quantity: 90, received_quantity: 30 }]);
    const partly = await json(await get(`/orders/${orderId}`, keys.supplier));
    expect(partly).toMatchObject({ status: 'released', quantity: 90, receivedQuantity: 30 });
    expect(partly.history.at(-1)).toMatchObject({
      step: 'partly-received',
      status: 'released',
      eventId: partialReceipt.eventId,
      reason: 'received 30 EA: 30 EA of 90 EA ordered have arrived, 60 EA still due',
    });
    expect(await json(await get(`/orders?status=open&itemId=${item}`, keys.supplier))).toHaveLength(1);

    // The rest arrives: the order is received in full.
    await publish(level(item, 5, 80, { movementKind: 'RECEIPT', movementQuantity: 60, orderReference: orderId }));
    await positionReaches(item, 5);
    expect(await ordersInDatabase(item)).toEqual([{ order_id: orderId, status: 'received', quantity: 90, received_quantity: 90 }]);

    // Stock falls again: nothing of the first order counts as on order any more.
    const fallsAgain = level(item, 6, 10);
    await publish(fallsAgain);
    const orders = await ordersFor(item, 2);
    expect(orders[1].value).toMatchObject({ triggeredByEventId: fallsAgain.eventId, onHand: 10, onOrder: 0, quantity: 110 });
    const received = await json(await get(`/orders?status=received&itemId=${item}`, keys.supplier));
    expect(received.map((o: { orderId: string }) => o.orderId)).toEqual([orderId]);
    expect(received[0]).toMatchObject({ status: 'received', receivedQuantity: 90, quantity: 90, supplierId: supplier });
    expect(await json(await get(`/orders?status=open&itemId=${item}`, keys.supplier))).toHaveLength(1);
  });

  it('does nothing for a site x item without an agreement line', async () => {
    const item = uniqueId('item');
    const unagreed = level(item, 1, 0);
    await publish(unagreed);
    await levelsHandled(kafka);
    expect(await ordersInDatabase(item)).toEqual([]);
    const positions = await queryDatabase(database(), 'SELECT 1 FROM replenishment.stock_position WHERE item_id = $1', [item]);
    expect(positions).toEqual([]);
  });

  it('dead-letters a level in another unit than the agreement, naming the field', async () => {
    const item = items.kilograms;
    const inKilograms = level(item, 1, 3, { unit: 'KG' });
    await publish(inKilograms);
    const [dead] = await kafka.waitForRaw(deadLetterTopicOf('replenishment'), (r) => r.headers['smi-event-id'] === inKilograms.eventId);
    expect(dead.headers[DEAD_LETTER_HEADERS.reason]).toBe(`rejected: unit is KG but the agreement for ${site} x ${item} is in EA`);
    expect(await ordersInDatabase(item)).toEqual([]);
  });

  it('lists orders to the parties of the agreement and to operators only', async () => {
    await ordersFor(items.falling, 1);
    const orderIds = async (key: string, query = '') =>
      ((await json(await get(`/orders?siteId=${site}${query}`, key))) as Array<{ orderId: string; itemId: string }>).map((o) => o.itemId);
    expect(await orderIds(keys.buyer, '&status=open')).toEqual(expect.arrayContaining([items.falling, items.stale]));
    expect(await orderIds(keys.supplier, '&status=open')).toEqual(expect.arrayContaining([items.falling, items.stale]));
    expect(await orderIds(keys.operator)).toEqual(expect.arrayContaining([items.falling, items.stale, items.receipt]));
    expect(await orderIds(keys.otherSupplier)).toEqual([]);
    expect((await get('/orders', null)).status).toBe(401);
    const bad = await get('/orders?status=shipped', keys.operator);
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toBe(
      'status must be one of open, awaiting-approval, released, rejected, expired, received (got shipped)',
    );
  });
});
