import { StockMovement, topics } from '@smi/contracts';
import {
  KafkaTestClient,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
} from '@smi/testing';

/**
 * Kills inventory-ingest and replenishment with SIGKILL while stock movements
 * stream in, starts them again, and checks that no movement was lost and no
 * order was raised twice.
 */
describe('a service killed mid-stream', () => {
  const buyer = uniqueId('crash-buyer');
  const site = uniqueId('site');
  const items = [uniqueId('item'), uniqueId('item'), uniqueId('item')];
  const OPENING_STOCK = 200;
  const CONSUMPTIONS = 170; // one unit each: on-hand ends at 30, position crosses min 40 once
  let kafka: KafkaTestClient;
  let env: NodeJS.ProcessEnv;
  let running: ServiceProcess[] = [];

  const movement = (itemId: string, kind: StockMovement['kind'], quantity: number, n: number): StockMovement => ({
    eventId: `${itemId}-${n}`,
    buyerId: buyer,
    siteId: site,
    itemId,
    kind,
    quantity,
    unit: 'EA',
    occurredAt: new Date(Date.now() - 60_000 + n),
    source: 'crash-test',
    orderReference: null,
  });

  // Per item: the opening receipt, then CONSUMPTIONS single-unit consumptions, interleaved across items.
  const stream: StockMovement[] = [];
  for (const item of items) stream.push(movement(item, 'RECEIPT', OPENING_STOCK, 0));
  for (let n = 1; n <= CONSUMPTIONS; n++) for (const item of items) stream.push(movement(item, 'CONSUMPTION', 1, n));

  const start = async () => {
    running = await Promise.all([startServiceProcess('inventory-ingest', env), startServiceProcess('replenishment', env)]);
  };

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    const agreements = writeAgreementsFile([
      testAgreement({
        agreementId: uniqueId('agr'),
        buyerId: buyer,
        supplierId: uniqueId('supplier'),
        lines: items.map((itemId) => ({ siteId: site, itemId, unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 3, packMultiple: 10 })),
      }),
    ]);
    env = { SMI_AGREEMENTS_FILE: agreements };
    await start();
  });

  afterAll(async () => {
    await Promise.all(running.map((s) => s.stop()));
    await kafka.disconnect();
  });

  it('loses no stock movement and raises no duplicate order', async () => {
    const firstPart = stream.slice(0, 150);
    const rest = stream.slice(150);
    for (const m of firstPart) await kafka.publish(topics.stockMovements, m);
    // Wait until the services are busy with the stream, then pull the plug on both.
    await kafka.waitFor(topics.stockLevels, (l) => l.buyerId === buyer && l.sequence >= 20);
    await Promise.all(running.map((s) => s.kill()));
    for (const m of rest) await kafka.publish(topics.stockMovements, m);
    await start();

    const finalLevels = await kafka.waitFor(topics.stockLevels, (l) => l.buyerId === buyer && l.sequence === CONSUMPTIONS + 1, {
      count: items.length,
      timeoutMs: 120_000,
    });
    expect(finalLevels.map((l) => l.value.onHand)).toEqual(items.map(() => OPENING_STOCK - CONSUMPTIONS));

    const onHand = await queryDatabase<{ item_id: string; quantity: number; sequence: number }>(
      process.env.DATABASE_URL!,
      'SELECT item_id, quantity::float AS quantity, sequence::int AS sequence FROM inventory_ingest.on_hand WHERE buyer_id = $1 ORDER BY item_id',
      [buyer],
    );
    expect(onHand).toEqual([...items].sort().map((item_id) => ({ item_id, quantity: 30, sequence: CONSUMPTIONS + 1 })));

    // Every movement produced exactly one stock level: after the crash a level may be published again, but never
    // under a new id, so the distinct ids are exactly one per movement.
    const distinct = new Set<string>();
    await kafka.waitFor(topics.stockLevels, (l) => l.buyerId === buyer && !distinct.has(l.eventId) && distinct.add(l.eventId) !== undefined, {
      count: stream.length,
      timeoutMs: 60_000,
      settleMs: 2000,
    });
    expect([...distinct].sort()).toEqual(stream.map((m) => `${m.eventId}/stock-level`).sort());

    // One need per item, so one order per item, with the quantity the agreement gives: 120 - 40 = 80.
    const orders = await kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer, { count: items.length, settleMs: 5000 });
    const distinctOrders = new Map(orders.map((o) => [o.value.orderId, o.value]));
    expect([...distinctOrders.values()].map((o) => [o.itemId, o.quantity]).sort()).toEqual([...items].sort().map((i) => [i, 80]));
  });
});
