import { StockLevel, topics } from '@smi/contracts';
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
import { shipmentEvent } from './shipment-events';
import { eventually, positionReaches as positionAt, stockLevelsAt } from './stock-level-feed';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

describe('a short shipment against a real broker and database', () => {
  let replenishment: ServiceProcess;
  let kafka: KafkaTestClient;
  const parties = writeTestParties();
  const { buyer, supplier, keys } = parties;
  const agreementId = uniqueId('AGR');
  const site = uniqueId('site');
  const items = { dispatchFirst: uniqueId('item'), receiptFirst: uniqueId('item') };
  const level = stockLevelsAt(buyer, site);

  const publish = async (...levels: StockLevel[]) => {
    for (const l of levels) await kafka.publish(topics.stockLevels, l);
  };
  const get = (path: string) => fetch(`${replenishment.baseUrl}${path}`, { headers: { 'x-api-key': keys.supplier } });
  const ordersOf = (itemId: string, count: number) =>
    kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer && o.itemId === itemId, { count, settleMs: 2000 });
  /** Waits until the service has kept what the advance shipping notice says was dispatched for the order. */
  const dispatchKept = (orderId: string, quantity: number) =>
    eventually(async () => {
      const [row] = await queryDatabase<{ dispatched: number | null }>(
        process.env.DATABASE_URL!,
        'SELECT dispatched_quantity::float AS dispatched FROM replenishment.orders WHERE order_id = $1',
        [orderId],
      );
      return row?.dispatched === quantity ? true : undefined;
    });
  /** The supplier's logistics dispatch 80 of the 90 ordered, announced on the shipments topic. */
  const dispatch80 = (itemId: string, orderId: string, at: Date) =>
    shipmentEvent(uniqueId('SHP'), uniqueId('shipment-event'), [{ orderId, itemId, ordered: 90, dispatched: 80 }], {
      agreementId,
      buyerId: buyer,
      supplierId: supplier,
      siteId: site,
      statusChangedAt: at,
    });

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

  it('closes an order once the 80 dispatched of its 90 have arrived, and orders a full 90 again, not 80', async () => {
    const item = items.dispatchFirst;
    const low = level(item, 1, 30);
    await publish(low);
    const [first] = await ordersOf(item, 1);
    expect(first.value).toMatchObject({ onHand: 30, onOrder: 0, quantity: 90 });
    const orderId = first.value.orderId;

    // Dispatched 80 (delivered twice, as Kafka may), then the 80 arrive.
    const shipment = dispatch80(item, orderId, new Date(low.asOf.getTime() + 500));
    await kafka.publish(topics.shipments, shipment);
    await kafka.publish(topics.shipments, shipment);
    await dispatchKept(orderId, 80);
    const arrived = level(item, 2, 110, { movementKind: 'RECEIPT', movementQuantity: 80, orderReference: orderId });
    await publish(arrived);
    await positionAt(buyer, site, item, 2);

    const closed = await json(await get(`/orders/${orderId}`));
    expect(closed).toMatchObject({ status: 'received', quantity: 90, receivedQuantity: 80, dispatchedQuantity: 80 });
    expect(closed.history.at(-1)).toMatchObject({
      step: 'closed-short',
      status: 'received',
      eventId: arrived.eventId,
      reason: `received 80 EA; closed short: shipment ${shipment.shipmentId} dispatched 80 EA of 90 EA ordered and 80 EA arrived; 10 EA will not come`,
    });
    expect(await json(await get(`/orders?status=open&itemId=${item}`))).toEqual([]);

    // Stock falls back to 30: nothing is on order, so the full 90 again, and the explanation names the short close.
    const fallsAgain = level(item, 3, 30);
    await publish(fallsAgain);
    const orders = await ordersOf(item, 2);
    expect(orders[1].value).toMatchObject({ triggeredByEventId: fallsAgain.eventId, onHand: 30, onOrder: 0, quantity: 90 });
    expect(orders[1].value.explanation?.summary).toContain(`on order 0 (${orderId}: 80 of 90 dispatched, all received; 10 short)`);
  });

  it('closes it the same when the 80 arrive before the dispatch is read', async () => {
    const item = items.receiptFirst;
    const low = level(item, 1, 30);
    await publish(low);
    const [first] = await ordersOf(item, 1);
    const orderId = first.value.orderId;

    await publish(level(item, 2, 110, { movementKind: 'RECEIPT', movementQuantity: 80, orderReference: orderId }));
    await positionAt(buyer, site, item, 2);
    expect(await json(await get(`/orders/${orderId}`))).toMatchObject({
      status: 'released',
      receivedQuantity: 80,
      dispatchedQuantity: null,
    });

    const shipment = dispatch80(item, orderId, new Date(low.asOf.getTime() + 500));
    await kafka.publish(topics.shipments, shipment);
    await dispatchKept(orderId, 80);
    const closed = await json(await get(`/orders/${orderId}`));
    expect(closed).toMatchObject({ status: 'received', receivedQuantity: 80, dispatchedQuantity: 80 });
    expect(closed.history.map((h: { step: string }) => h.step)).toEqual(['released', 'partly-received', 'closed-short']);
    expect(closed.history.at(-1)).toMatchObject({ eventId: `${shipment.eventId}/${orderId}` });

    const fallsAgain = level(item, 3, 30);
    await publish(fallsAgain);
    const orders = await ordersOf(item, 2);
    expect(orders[1].value).toMatchObject({ triggeredByEventId: fallsAgain.eventId, onOrder: 0, quantity: 90 });
    expect(orders[1].value.explanation?.summary).toContain(`on order 0 (${orderId}: 80 of 90 dispatched, all received; 10 short)`);
  });
});
