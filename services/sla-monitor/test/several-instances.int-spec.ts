import { Penalty, StockLevel, topics } from '@smi/contracts';
import {
  allStartedOrNone,
  BusinessClockFile,
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
  writePartiesFile,
} from '@smi/testing';

/**
 * Two sla-monitor instances on one database and namespace, both closing penalty months on one
 * business clock (SMI_CLOCK_FILE): each agreement's month closes once, with its penalties published
 * once, and one instance killed in the middle of a close leaves the month to the other.
 */
describe('period close with two sla-monitor instances against a real broker and database', () => {
  let instances: ServiceProcess[] = [];
  let kafka: KafkaTestClient;
  const clock = new BusinessClockFile();
  const database = () => process.env.DATABASE_URL!;
  const supplier = uniqueId('supplier');
  const agreements = Array.from({ length: 4 }, () => ({
    agreementId: uniqueId('AGR'),
    buyer: uniqueId('buyer'),
    site: uniqueId('site'),
    item: uniqueId('coolant'),
  }));
  const agreementIds = agreements.map((a) => a.agreementId);

  /** Stocked out from March 10th 14:00 to the 12th 09:00, and from April 5th 06:00 to the 6th 12:00. */
  const levelsOf = (a: (typeof agreements)[number]): StockLevel[] =>
    (
      [
        [20, '2026-03-01T00:00:00Z', 'RECEIPT', 20],
        [-2, '2026-03-10T14:00:00Z', 'CONSUMPTION', 22],
        [15, '2026-03-12T09:00:00Z', 'RECEIPT', 17],
        [0, '2026-04-05T06:00:00Z', 'CONSUMPTION', 15],
        [10, '2026-04-06T12:00:00Z', 'RECEIPT', 10],
      ] as const
    ).map(([onHand, asOf, movementKind, movementQuantity], i) => ({
      eventId: uniqueId('level'),
      buyerId: a.buyer,
      siteId: a.site,
      itemId: a.item,
      onHand,
      unit: 'EA',
      sequence: i + 1,
      asOf: new Date(asOf),
      movementId: uniqueId('mv'),
      movementKind,
      movementQuantity,
      orderReference: null,
    }));

  const outboxRelayed = () =>
    eventually(
      async () => (await queryDatabase(database(), 'SELECT 1 FROM sla_monitor.outbox LIMIT 1')).length === 0,
      'the outbox relayed',
    );
  const allClosed = (period: string) =>
    eventually(async () => {
      const rows = await queryDatabase(
        database(),
        'SELECT 1 FROM sla_monitor.period_closings WHERE agreement_id = ANY($1) AND period = $2',
        [agreementIds, period],
      );
      return rows.length === agreements.length;
    }, `${period} closed for every agreement`);
  /** Each agreement's month computed once, and each of its penalties published once: as many records as revisions kept. */
  const expectClosedOnce = async (period: string) => {
    await outboxRelayed();
    const closings = await queryDatabase<{ computations: number }>(
      database(),
      'SELECT computations FROM sla_monitor.period_closings WHERE agreement_id = ANY($1) AND period = $2',
      [agreementIds, period],
    );
    expect(closings.map((c) => c.computations)).toEqual(agreements.map(() => 1));
    // And none is left for a sweep to correct: what the close read covers every touch of its facts.
    const stillTouched = await queryDatabase(
      database(),
      `SELECT 1 FROM sla_monitor.period_closings c JOIN sla_monitor.touched_period t USING (agreement_id, period)
        WHERE c.agreement_id = ANY($1) AND c.period = $2
          AND (c.facts_seen->>(t.site_id || '|' || t.item_id) IS NULL OR t.touched_at > (c.facts_seen->>(t.site_id || '|' || t.item_id))::timestamptz)`,
      [agreementIds, period],
    );
    expect(stillTouched).toEqual([]);
    const published: Penalty[] = await kafka.readToEnd(
      topics.penalties,
      (p) => agreementIds.includes(p.agreementId) && p.period === period,
    );
    const kept = await queryDatabase<{ event_id: string }>(
      database(),
      'SELECT event_id FROM sla_monitor.penalty_revisions WHERE agreement_id = ANY($1) AND period = $2',
      [agreementIds, period],
    );
    expect(published.map((p) => p.eventId).sort()).toEqual(kept.map((k) => k.event_id).sort());
    expect(published.every((p) => p.revision === 1)).toBe(true);
    // Every agreement had stockout days that month: each is charged.
    expect(new Set(published.map((p) => p.agreementId))).toEqual(new Set(agreementIds));
  };

  beforeAll(async () => {
    clock.set('2026-03-15T00:00:00Z');
    kafka = new KafkaTestClient();
    const env = {
      SMI_AGREEMENTS_FILE: writeAgreementsFile(
        agreements.map((a) =>
          testAgreement({
            agreementId: a.agreementId,
            buyerId: a.buyer,
            supplierId: supplier,
            currency: 'EUR',
            validFrom: '2026-03-01',
            validTo: '2026-12-31',
            penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 250 },
            lines: [
              {
                siteId: a.site,
                itemId: a.item,
                unit: 'EA',
                minimum: 5,
                maximum: 40,
                leadTimeDays: 2,
                packMultiple: 1,
                penalties: { perStockoutDay: 50 },
              },
            ],
          }),
        ),
      ),
      SMI_PARTIES_FILE: writePartiesFile([
        ...agreements.map((a) => ({ id: a.buyer, kind: 'buyer' as const, name: 'Buyer', apiKey: uniqueId('k') })),
        { id: supplier, kind: 'supplier', name: 'Supplier', apiKey: uniqueId('k') },
      ]),
      SMI_CLOCK_FILE: clock.path,
      SMI_PERIOD_CLOSE_SWEEP_MS: '200',
      SMI_PERIOD_CLOSE_GRACE_HOURS: '24',
    };
    instances = await allStartedOrNone([startServiceProcess('sla-monitor', env), startServiceProcess('sla-monitor', env)]);
    for (const a of agreements) for (const level of levelsOf(a)) await kafka.publish(topics.stockLevels, level);
    // Every level recorded, so nothing but the sweeps writes while the test holds April's facts.
    await eventually(async () => {
      const rows = await queryDatabase(database(), 'SELECT 1 FROM sla_monitor.stock_level_history WHERE buyer_id = ANY($1)', [
        agreements.map((a) => a.buyer),
      ]);
      return rows.length === 5 * agreements.length;
    }, 'every level recorded');
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await kafka?.disconnect();
  });

  it('closes each agreement’s month once while both instances sweep at the same moment', async () => {
    clock.set('2026-04-02T00:00:00Z');
    await allClosed('2026-03');
    await expectClosedOnce('2026-03');
  });

  it('lets the other instance close a month one instance had claimed when it is killed mid-close', async () => {
    await outboxRelayed();
    // The test holds April's facts: a close that has claimed its month waits to read them, its transaction open.
    const held = await HeldLock.take(
      database(),
      'SELECT 1 FROM sla_monitor.touched_period WHERE agreement_id = ANY($1) AND period = $2 FOR UPDATE',
      [agreementIds, '2026-04'],
    );
    let victim: ServiceProcess | undefined;
    try {
      clock.set('2026-05-02T00:00:00Z');
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
    await allClosed('2026-04');
    await expectClosedOnce('2026-04');
    expect((await fetch(`${survivor.baseUrl}/health`)).status).toBe(200);
  });
});
