import { AgreementLine } from '@smi/agreements';
import { ReplenishmentOrder, topics } from '@smi/contracts';
import {
  allStartedOrNone,
  BusinessClockFile,
  createTestDatabase,
  eventually,
  HeldLock,
  KafkaTestClient,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  untilPasses,
  writeAgreementsFile,
  writeTestParties,
} from '@smi/testing';
import { levelPublisher, stockLevelsAt } from './stock-level-feed';

/**
 * Two replenishment instances on one database and namespace, both sweeping for orders past their
 * approval deadline on one business clock (SMI_CLOCK_FILE): they start together on a new database,
 * each order expires once, and one instance killed in the middle of its sweep leaves its orders to
 * the other.
 */
describe('order expiry with two replenishment instances against a real broker and database', () => {
  let instances: ServiceProcess[] = [];
  let kafka: KafkaTestClient;
  const parties = writeTestParties();
  const { buyer } = parties;
  const site = uniqueId('site');
  const together = Array.from({ length: 12 }, () => uniqueId('item'));
  const killed = Array.from({ length: 6 }, () => uniqueId('item'));
  const level = stockLevelsAt(buyer, site);
  const publish = levelPublisher(() => kafka);
  const clock = new BusinessClockFile();
  let databaseUrl: string;
  const database = () => databaseUrl;

  // 40/120 in packs of 10 at 25 EUR: a fall to 35 orders 90 EA worth 2,250 EUR, beyond the 1,000 the supplier may release alone.
  const line = (itemId: string, expiresAfterHours: number): AgreementLine => ({
    siteId: site,
    itemId,
    unit: 'EA',
    minimum: 40,
    maximum: 120,
    leadTimeDays: 3,
    packMultiple: 10,
    unitPrice: 25,
    approval: { maxValue: 1000, vetoWindowHours: 24, expiresAfterHours },
  });

  const awaiting = new Map<string, ReplenishmentOrder>();
  /** Every order event of these items on the topic now, once everything the instances committed has been published. */
  const orderEventsOf = async (items: string[]) => {
    await eventually(
      async () => (await queryDatabase(database(), 'SELECT 1 FROM replenishment.outbox LIMIT 1')).length === 0,
      'the outbox relayed',
    );
    return kafka.readToEnd(topics.replenishmentOrders, (o) => o.buyerId === buyer && items.includes(o.itemId));
  };
  const allExpired = (items: string[]) =>
    eventually(async () => {
      const rows = await queryDatabase(
        database(),
        'SELECT 1 FROM replenishment.orders WHERE buyer_id = $1 AND item_id = ANY($2) AND status = $3',
        [buyer, items, 'expired'],
      );
      return rows.length === items.length;
    }, `all ${items.length} orders expired`);
  const expectEachExpiredOnce = async (items: string[]) => {
    const events = await orderEventsOf(items);
    const expired = events.filter((o) => o.status === 'EXPIRED');
    expect(expired.map((o) => o.itemId).sort()).toEqual([...items].sort());
    expect(new Set(expired.map((o) => o.eventId)).size).toBe(items.length);
    const steps = await queryDatabase<{ order_id: string; steps: number }>(
      database(),
      `SELECT e.order_id, count(*)::int AS steps FROM replenishment.order_events e JOIN replenishment.orders o USING (order_id)
        WHERE o.buyer_id = $1 AND o.item_id = ANY($2) AND e.step = 'expired' GROUP BY e.order_id`,
      [buyer, items],
    );
    expect(steps.map((s) => s.steps)).toEqual(items.map(() => 1));
  };
  const latestDeadline = (items: string[]) => Math.max(...items.map((item) => awaiting.get(item)!.approvalDeadline!.getTime()));

  beforeAll(async () => {
    clock.set(new Date());
    kafka = new KafkaTestClient();
    // A database of their own, new: the two instances migrate it as they start, together.
    databaseUrl = await createTestDatabase(process.env.DATABASE_URL!);
    const env = {
      DATABASE_URL: databaseUrl,
      SMI_AGREEMENTS_FILE: writeAgreementsFile([
        testAgreement({
          agreementId: uniqueId('AGR'),
          buyerId: buyer,
          supplierId: parties.supplier,
          lines: [...together.map((item) => line(item, 2)), ...killed.map((item) => line(item, 10))],
        }),
      ]),
      SMI_PARTIES_FILE: parties.file,
      SMI_CLOCK_FILE: clock.path,
      SMI_ORDER_EXPIRY_SWEEP_MS: '200',
    };
    instances = await allStartedOrNone([startServiceProcess('replenishment', env), startServiceProcess('replenishment', env)]);
    const items = [...together, ...killed];
    for (const item of items) await publish(level(item, 1, 100), level(item, 2, 35));
    const raised = await kafka.waitFor(topics.replenishmentOrders, (o) => o.buyerId === buyer && o.status === 'AWAITING_APPROVAL', {
      count: items.length,
    });
    for (const { value } of raised) awaiting.set(value.itemId, value);
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await kafka?.disconnect();
  });

  it('expires each overdue order once while both instances sweep at the same moment', async () => {
    // Past the first orders' deadlines (2 h), well before the others' (10 h).
    clock.set(new Date(latestDeadline(together) + 60_000));
    await allExpired(together);
    await expectEachExpiredOnce(together);
  });

  it('lets the other instance expire the orders one instance had claimed when it is killed mid-sweep', async () => {
    await eventually(
      async () => (await queryDatabase(database(), 'SELECT 1 FROM replenishment.outbox LIMIT 1')).length === 0,
      'the outbox relayed',
    );
    // The test holds the order history: a sweep that has claimed and updated its orders waits on it, its transaction open.
    const held = await HeldLock.take(database(), 'LOCK TABLE replenishment.order_events IN SHARE ROW EXCLUSIVE MODE');
    let victim: ServiceProcess | undefined;
    try {
      clock.set(new Date(latestDeadline(killed) + 60_000));
      [victim] = await untilPasses(async () => {
        const waiting = await held.waiting(instances);
        expect(waiting.length).toBeGreaterThan(0);
        return waiting;
      });
      await victim.kill();
    } finally {
      await held.release();
    }
    const survivor = instances.find((instance) => instance !== victim)!;
    instances = [survivor];
    await allExpired(killed);
    await expectEachExpiredOnce(killed);
    expect((await fetch(`${survivor.baseUrl}/health`)).status).toBe(200);
  });
});
