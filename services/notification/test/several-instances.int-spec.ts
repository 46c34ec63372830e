import { Penalty, topics } from '@smi/contracts';
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
  WebhookReceiver,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

const HOUR = 3_600_000;

/**
 * Two notification instances on one database and namespace, both sweeping for digests due on one
 * business clock (SMI_CLOCK_FILE): each party gets one digest per interval, listing each of its
 * alerts, and one instance killed in the middle of sending digests leaves them to the other.
 */
describe('digests with two notification instances against a real broker and database', () => {
  const receiver = new WebhookReceiver();
  let instances: ServiceProcess[] = [];
  let kafka: KafkaTestClient;
  const clock = new BusinessClockFile();
  const start = new Date('2026-11-20T12:00:00Z');
  const database = () => process.env.DATABASE_URL!;
  const agreementOf = () => ({
    agreementId: uniqueId('agr'),
    buyer: uniqueId('buyer'),
    supplier: uniqueId('supplier'),
    site: uniqueId('site'),
    item: uniqueId('item'),
  });
  const together = Array.from({ length: 4 }, agreementOf);
  const killed = Array.from({ length: 3 }, agreementOf);
  const partiesOf = (group: Array<ReturnType<typeof agreementOf>>) => group.flatMap((a) => [a.buyer, a.supplier]);

  const penalty = (a: ReturnType<typeof agreementOf>, amount: number): Penalty => {
    const penaltyId = uniqueId(`${a.agreementId}|v1|${a.site}|${a.item}|2026-10|STOCKOUT_DAYS`);
    return {
      eventId: `${penaltyId}/r1`,
      penaltyId,
      revision: 1,
      correctsEventId: null,
      agreementId: a.agreementId,
      agreementVersion: 1,
      buyerId: a.buyer,
      supplierId: a.supplier,
      siteId: a.site,
      itemId: a.item,
      rule: 'STOCKOUT_DAYS',
      period: '2026-10',
      quantity: amount / 50,
      rate: 50,
      amount,
      difference: amount,
      currency: 'EUR',
      computedAt: new Date('2026-11-01T00:00:00Z'),
      explanation: `${amount / 50} stockout days x 50.00 EUR = ${amount}.00 EUR`,
      evidence: [],
    };
  };

  /**
   * Publishes penalties under each agreement (by default two), each an alert to its buyer and its supplier, and waits
   * until the parties' alerts held for their digests number `held` each; returns each party's new alerts.
   */
  const alertsHeldFor = async (
    group: Array<ReturnType<typeof agreementOf>>,
    held = 2,
    penalties = (a: ReturnType<typeof agreementOf>) => [penalty(a, 150), penalty(a, 100)],
  ): Promise<Map<string, string[]>> => {
    const alerted = new Map<string, string[]>();
    for (const a of group) {
      for (const p of penalties(a)) {
        await kafka.publish(topics.penalties, p);
        for (const party of [a.buyer, a.supplier]) alerted.set(party, [...(alerted.get(party) ?? []), `${p.eventId}:${party}`]);
      }
    }
    await eventually(async () => {
      const rows = await queryDatabase(database(), 'SELECT 1 FROM notification.digest_items WHERE recipient = ANY($1)', [partiesOf(group)]);
      return rows.length === 2 * held * group.length;
    }, 'every alert held for a digest');
    return alerted;
  };

  const digestPostsTo = (party: string) => receiver.posts.filter((p) => p.body?.recipientId === party && p.body?.topic === 'DIGEST');
  /**
   * Each party got its `nth` digest, and no other since, listing each of the given alerts; and the delivery log holds
   * as many digests for it, delivered.
   */
  const expectOneDigestEach = async (alerted: Map<string, string[]>, nth = 1) => {
    const parties = [...alerted.keys()];
    await eventually(() => parties.every((party) => digestPostsTo(party).length >= nth), 'a digest to every party');
    const deliveries = await untilPasses(async () => {
      const rows = await queryDatabase<{ recipient: string; status: string }>(
        database(),
        `SELECT recipient, status FROM notification.deliveries WHERE topic = 'DIGEST' AND recipient = ANY($1)`,
        [parties],
      );
      expect(rows.every((row) => row.status === 'delivered')).toBe(true);
      return rows;
    });
    expect(deliveries.map((d) => d.recipient).sort()).toEqual(parties.flatMap((party) => Array(nth).fill(party)).sort());
    for (const party of parties) {
      const posts = digestPostsTo(party);
      expect(posts).toHaveLength(nth);
      const listed = (posts[nth - 1].body.payload.alerts as Array<{ notificationId: string }>).map((a) => a.notificationId);
      expect(listed.sort()).toEqual([...alerted.get(party)!].sort());
    }
    const unsent = await queryDatabase(
      database(),
      'SELECT 1 FROM notification.digest_items WHERE recipient = ANY($1) AND digest_id IS NULL',
      [parties],
    );
    expect(unsent).toEqual([]);
  };

  beforeAll(async () => {
    await receiver.start();
    clock.set(start);
    kafka = new KafkaTestClient();
    const all = [...together, ...killed];
    const env = {
      SMI_AGREEMENTS_FILE: writeAgreementsFile(
        all.map((a) =>
          testAgreement({
            agreementId: a.agreementId,
            buyerId: a.buyer,
            supplierId: a.supplier,
            communication: { digestEveryHours: 24, immediateAlerts: false },
            lines: [{ siteId: a.site, itemId: a.item, unit: 'EA', minimum: 20, maximum: 100, leadTimeDays: 3, packMultiple: 10 }],
          }),
        ),
      ),
      SMI_PARTIES_FILE: writePartiesFile(
        all.flatMap((a) => [
          { id: a.buyer, kind: 'buyer' as const, name: 'Buyer', apiKey: uniqueId('key'), webhookUrl: receiver.hookOf(a.buyer) },
          { id: a.supplier, kind: 'supplier' as const, name: 'Supplier', apiKey: uniqueId('key'), webhookUrl: receiver.hookOf(a.supplier) },
        ]),
      ),
      SMI_CLOCK_FILE: clock.path,
      SMI_NOTIFICATION_SWEEP_MS: '200',
      NOTIFICATION_RETRY_BASE_MS: '100',
    };
    instances = await allStartedOrNone([startServiceProcess('notification', env), startServiceProcess('notification', env)]);
  });

  afterAll(async () => {
    await Promise.all(instances.map((instance) => instance.stop()));
    await kafka?.disconnect();
    await receiver.stop();
  });

  it('sends each party one digest of all its alerts while both instances sweep at the same moment', async () => {
    const alerted = await alertsHeldFor(together);
    clock.set(new Date(start.getTime() + 25 * HOUR));
    await expectOneDigestEach(alerted);
  });

  it('lets the other instance send the digests one instance was sending when it is killed mid-sweep, alerts come meanwhile included', async () => {
    const alerted = await alertsHeldFor(killed);
    // A party that had its digest at +25 h: by +50 h its next one is due.
    const again = together[0];
    const before = await alertsHeldFor([again], 4);
    // The test holds when each party's last digest went: a sweep that has made its digests waits to record that, its transaction open.
    const held = await HeldLock.take(database(), 'LOCK TABLE notification.digests_sent IN SHARE ROW EXCLUSIVE MODE');
    let victim: ServiceProcess | undefined;
    try {
      clock.set(new Date(start.getTime() + 50 * HOUR));
      [victim] = await untilPasses(async () => {
        const waiting = await held.waiting(instances);
        expect(waiting.length).toBeGreaterThan(0);
        return waiting;
      });
      // An alert arrives while that sweep is under way; the other instance's sweeps come round several times meanwhile.
      const during = await alertsHeldFor([again], 5, (a) => [penalty(a, 50)]);
      await new Promise((r) => setTimeout(r, 1000));
      for (const party of [again.buyer, again.supplier]) before.set(party, [...before.get(party)!, ...during.get(party)!]);
      await victim.kill();
    } finally {
      await held.release();
    }
    const survivor = instances.find((instance) => instance !== victim)!;
    instances = [survivor];
    await expectOneDigestEach(alerted);
    // Its second digest lists what came before the sweep and during it: the other instance did not send a part of it.
    await expectOneDigestEach(before, 2);
    expect((await fetch(`${survivor.baseUrl}/health`)).status).toBe(200);
  });
});
