import {
  BusinessClockFile,
  eventually,
  exampleDemandForecast,
  exampleReplenishmentOrder,
  KafkaTestClient,
  MailInbox,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  WebhookReceiver,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';
import { Penalty, PenaltyDispute, Shipment, StockLevel, topics } from '@smi/contracts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();
const HOUR = 3_600_000;

describe('notification rules, channels, preferences and the delivery log, on business time', () => {
  const receiver = new WebhookReceiver();
  const inbox = new MailInbox();
  const mails = inbox.mails;
  let notification: ServiceProcess;
  let kafka: KafkaTestClient;

  const buyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const brokenBuyer = uniqueId('broken-buyer');
  const unsignedBuyer = uniqueId('unsigned-buyer');
  const digestBuyer = uniqueId('digest-buyer');
  const mailBuyer = uniqueId('mail-buyer');
  const key = { buyer: uniqueId('key'), brokenBuyer: uniqueId('key'), digestBuyer: uniqueId('key'), operator: uniqueId('key') };
  const site = uniqueId('site');
  const item = 'brake-pad-bp100';
  const agreementId = uniqueId('agr');
  const digestAddress = `${digestBuyer}@buyers.example`;
  const mailAddress = `${mailBuyer}@buyers.example`;

  /** The business clock the service runs on (SMI_CLOCK_FILE), moved by the test. */
  const clock = new BusinessClockFile();
  let businessNow = new Date('2026-11-20T12:00:00Z');
  const setClock = (at: Date) => {
    businessNow = at;
    clock.set(at);
  };

  const penalty = (overrides: Partial<Penalty> = {}): Penalty => {
    const penaltyId = uniqueId(`${agreementId}|v1|${site}|${item}|2026-10|STOCKOUT_DAYS`);
    return {
      eventId: `${penaltyId}/r1`,
      penaltyId,
      revision: 1,
      correctsEventId: null,
      agreementId,
      agreementVersion: 1,
      buyerId: buyer,
      supplierId: supplier,
      siteId: site,
      itemId: item,
      rule: 'STOCKOUT_DAYS',
      period: '2026-10',
      quantity: 3,
      rate: 50,
      amount: 150,
      difference: 150,
      currency: 'EUR',
      computedAt: new Date('2026-11-01T00:00:00Z'),
      explanation: '3 stockout days x 50.00 EUR = 150.00 EUR',
      evidence: [{ kind: 'STOCKOUT_DAY', id: '2026-10-07', at: null, quantity: 0, note: 'on hand 0 at the end of the day' }],
      ...overrides,
    };
  };

  let sequence = 0;
  const level = (onHand: number, asOf: Date): StockLevel => ({
    eventId: uniqueId('level'),
    buyerId: buyer,
    siteId: site,
    itemId: item,
    onHand,
    unit: 'EA',
    sequence: ++sequence,
    asOf,
    movementId: uniqueId('movement'),
    movementKind: 'CONSUMPTION',
    movementQuantity: 1,
    orderReference: null,
  });

  // Ids of this run alone: other suites of the same run publish shipments on the same topics.
  const lateShipmentId = uniqueId('SHP-late');
  const lateOrderId = uniqueId('ORD-late');
  const shipment = (overrides: Partial<Shipment> = {}): Shipment => ({
    eventId: uniqueId('shipment-event'),
    shipmentId: lateShipmentId,
    orderId: lateOrderId,
    agreementId,
    buyerId: buyer,
    supplierId: supplier,
    siteId: site,
    itemId: item,
    quantity: 90,
    unit: 'EA',
    status: 'DISPATCHED',
    statusChangedAt: new Date(businessNow.getTime() - 48 * HOUR),
    expectedDeliveryAt: new Date(businessNow.getTime() - 2 * HOUR),
    receivedQuantity: null,
    lines: [
      {
        orderId: lateOrderId,
        itemId: item,
        unit: 'EA',
        orderedQuantity: 90,
        dispatchedQuantity: 90,
        receivedQuantity: 0,
        receiptEventIds: [],
      },
    ],
    promisedDeliveryAt: new Date(businessNow.getTime() - 2 * HOUR),
    carrier: 'DHL',
    trackingReference: 'JD014600003',
    dispatchedAt: new Date(businessNow.getTime() - 48 * HOUR),
    deliveredAt: null,
    delayReason: null,
    causedByEventId: null,
    ...overrides,
  });

  const postsOf = (recipientId: string, topic: string) =>
    receiver.posts.filter((p) => p.body?.recipientId === recipientId && p.body?.topic === topic);
  const api = (path: string, apiKey: string, init: RequestInit = {}) =>
    fetch(`${notification.baseUrl}${path}`, {
      ...init,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });

  beforeAll(async () => {
    await receiver.start();
    receiver.alwaysFail(`/hooks/${brokenBuyer}`);
    await inbox.start();
    setClock(businessNow);
    const agreements = writeAgreementsFile([
      testAgreement({
        agreementId,
        buyerId: buyer,
        supplierId: supplier,
        communication: { digestEveryHours: 24, immediateAlerts: true },
        lines: [{ siteId: site, itemId: item, unit: 'EA', minimum: 20, maximum: 100, leadTimeDays: 3, packMultiple: 10 }],
      }),
      testAgreement({
        agreementId: uniqueId('agr'),
        buyerId: digestBuyer,
        supplierId: supplier,
        communication: { digestEveryHours: 24, immediateAlerts: false },
        lines: [{ siteId: site, itemId: item, unit: 'EA', minimum: 20, maximum: 100, leadTimeDays: 3, packMultiple: 10 }],
      }),
    ]);
    const parties = writePartiesFile([
      { id: buyer, kind: 'buyer', name: 'Buyer', apiKey: key.buyer, webhookUrl: receiver.hookOf(buyer) },
      { id: supplier, kind: 'supplier', name: 'Supplier', apiKey: uniqueId('key'), webhookUrl: receiver.hookOf(supplier) },
      { id: brokenBuyer, kind: 'buyer', name: 'Broken webhook', apiKey: key.brokenBuyer, webhookUrl: receiver.hookOf(brokenBuyer) },
      {
        id: unsignedBuyer,
        kind: 'buyer',
        name: 'Webhook without a secret',
        apiKey: uniqueId('key'),
        webhookUrl: receiver.hookOf(unsignedBuyer),
        webhookSecret: null,
      },
      { id: digestBuyer, kind: 'buyer', name: 'Digest reader', apiKey: key.digestBuyer, email: digestAddress },
      { id: mailBuyer, kind: 'buyer', name: 'Mail reader', apiKey: uniqueId('key'), email: mailAddress },
      { id: uniqueId('operator'), kind: 'operator', name: 'Operator', apiKey: key.operator },
    ]);
    kafka = new KafkaTestClient();
    notification = await startServiceProcess('notification', {
      SMI_PARTIES_FILE: parties,
      SMI_AGREEMENTS_FILE: agreements,
      SMI_CLOCK_FILE: clock.path,
      SMI_NOTIFICATION_SWEEP_MS: '200',
      SMI_SMTP_URL: inbox.smtpUrl,
      SMI_SMTP_FROM: 'SMI test <alerts@smi.example>',
      NOTIFICATION_RETRY_BASE_MS: '100',
      NOTIFICATION_MAX_ATTEMPTS: '3',
    });
  });

  afterAll(async () => {
    await notification?.stop();
    await kafka?.disconnect();
    await receiver.stop();
    await inbox.stop();
  });

  it('signs every webhook so the receiver verifies it, and sends a replayed penalty once', async () => {
    const raised = penalty();
    await kafka.publish(topics.penalties, raised);
    await eventually(
      () => postsOf(buyer, 'PENALTY_RAISED').length > 0 && postsOf(supplier, 'PENALTY_RAISED').length > 0,
      'both parties told',
    );
    const [post] = postsOf(buyer, 'PENALTY_RAISED');
    expect(post.headers['x-smi-signature']).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(post.signature).toEqual({ valid: true, timestamp: expect.any(Number) });
    expect(post.body.subject).toBe(
      `Penalty of 150.00 EUR under ${agreementId}, stockout days in 2026-10 (${item} at ${site}): 3 stockout days x 50.00 EUR = 150.00 EUR`,
    );

    // The same event again, then a marker behind it on the same partition (key agreementId).
    const marker = penalty();
    await kafka.publish(topics.penalties, raised);
    await kafka.publish(topics.penalties, marker);
    await eventually(() => receiver.postsFor(`${marker.eventId}:${buyer}`).length > 0, 'the marker to be posted');
    expect(receiver.postsFor(`${raised.eventId}:${buyer}`)).toHaveLength(1);
    expect(receiver.postsFor(`${raised.eventId}:${supplier}`)).toHaveLength(1);
  });

  it('alerts once when stock is projected below its minimum within the lead time, and once when it rises above its maximum', async () => {
    // 5 a day over the 3-day lead time: 15.
    await kafka.publish(
      topics.demandForecasts,
      exampleDemandForecast({
        eventId: uniqueId('forecast'),
        buyerId: buyer,
        siteId: site,
        itemId: item,
        periodDays: 1,
        demandPerPeriod: 5,
        generatedAt: new Date(businessNow.getTime() - 3 * HOUR),
      }),
    );
    await eventually(
      async () =>
        (await queryDatabase(process.env.DATABASE_URL!, 'SELECT 1 FROM notification.demand_outlooks WHERE buyer_id = $1', [buyer]))
          .length === 1,
      'the forecast to be kept',
    );
    const at = (hoursBefore: number) => new Date(businessNow.getTime() - hoursBefore * HOUR);
    // 50 - 15 = 35: fine; 30 - 15 = 15 < 20: alert; 28: still below, no second alert; 120 > 100: alert; 130: no second alert.
    const levels = [level(50, at(6)), level(30, at(5)), level(28, at(4)), level(120, at(3)), level(130, at(2))];
    for (const l of levels) await kafka.publish(topics.stockLevels, l);
    await eventually(() => postsOf(supplier, 'ABOVE_MAX').length > 0 && postsOf(buyer, 'ABOVE_MAX').length > 0, 'above-max alerts');
    await eventually(() => postsOf(supplier, 'PROJECTED_BELOW_MIN').length > 0, 'projected-below-min alerts');
    expect(postsOf(buyer, 'PROJECTED_BELOW_MIN').map((p) => p.body.subject)).toEqual([
      `Stock of ${item} at ${site} projected below its minimum within the lead time: 30 EA on hand, 15 forecast over 3 days leaves 15 < minimum 20`,
    ]);
    expect(postsOf(buyer, 'ABOVE_MAX').map((p) => p.body.subject)).toEqual([
      `Stock of ${item} at ${site} above its maximum: 120 EA > maximum 100`,
    ]);
    // A level delivered again is no newer than the last: nothing new.
    await kafka.publish(topics.stockLevels, levels[1]);
    await new Promise((r) => setTimeout(r, 1500));
    expect(postsOf(buyer, 'PROJECTED_BELOW_MIN')).toHaveLength(1);
  });

  it('raises a shipment past its promised delivery as late once, by the business clock, and tells the buyer of a delay', async () => {
    const dispatched = shipment();
    await kafka.publish(topics.shipments, dispatched);
    await eventually(() => postsOf(buyer, 'SHIPMENT_LATE').length > 0 && postsOf(supplier, 'SHIPMENT_LATE').length > 0, 'late alerts');
    expect(postsOf(buyer, 'SHIPMENT_LATE')[0].body.subject).toBe(
      `Shipment ${lateShipmentId} for ${site} is late: promised 2026-11-20 10:00 UTC, not delivered by 2026-11-20 12:00 UTC`,
    );
    const delayed = shipment({
      statusChangedAt: new Date(businessNow.getTime() - HOUR),
      expectedDeliveryAt: new Date('2026-11-23T08:00:00Z'),
      delayReason: 'customs hold at Lyon',
    });
    await kafka.publish(topics.shipments, delayed);
    await eventually(() => postsOf(buyer, 'SHIPMENT_DELAYED').length > 0, 'the delay alert');
    expect(postsOf(buyer, 'SHIPMENT_DELAYED')[0].body.subject).toBe(
      `Shipment ${lateShipmentId} for ${site} delayed: now expected 2026-11-23 (customs hold at Lyon)`,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(postsOf(buyer, 'SHIPMENT_LATE')).toHaveLength(1);
    expect(postsOf(supplier, 'SHIPMENT_DELAYED')).toHaveLength(0);
  });

  it('reminds the buyer once when less than a quarter of the approval window remains', async () => {
    const orderId = uniqueId('ORD');
    const awaiting = exampleReplenishmentOrder({
      eventId: `${orderId}/awaiting-approval`,
      orderId,
      agreementId,
      buyerId: buyer,
      supplierId: supplier,
      siteId: site,
      itemId: item,
      quantity: 90,
      status: 'AWAITING_APPROVAL',
      statusReason: 'value above the boundary',
      decidedAt: new Date(businessNow.getTime() - 40 * HOUR),
      approvalDeadline: new Date(businessNow.getTime() + 8 * HOUR),
    });
    await kafka.publish(topics.replenishmentOrders, awaiting);
    await eventually(() => postsOf(buyer, 'APPROVAL_DEADLINE_NEAR').length > 0, 'the reminder');
    expect(postsOf(buyer, 'APPROVAL_DEADLINE_NEAR')[0].body.subject).toBe(
      `Order ${orderId} still awaits your approval; about 8 h left, until 2026-11-20 20:00 UTC: 90 EA of ${item} for ${site}`,
    );
    await new Promise((r) => setTimeout(r, 1000));
    expect(postsOf(buyer, 'APPROVAL_DEADLINE_NEAR')).toHaveLength(1);
    expect(postsOf(buyer, 'APPROVAL_NEEDED').map((p) => p.body.payload.orderId)).toContain(orderId);
  });

  it('dead-letters a delivery after its last try, logs every attempt, and never sends a webhook unsigned', async () => {
    const toBroken = penalty({ buyerId: brokenBuyer });
    const toUnsigned = penalty({ buyerId: unsignedBuyer });
    await kafka.publish(topics.penalties, toBroken);
    await kafka.publish(topics.penalties, toUnsigned);
    const brokenId = `${toBroken.eventId}:${brokenBuyer}`;
    const unsignedId = `${toUnsigned.eventId}:${unsignedBuyer}`;
    await kafka.waitFor(topics.notifications, (n) => n.notificationId === brokenId && n.status === 'FAILED');
    await kafka.waitFor(topics.notifications, (n) => n.notificationId === unsignedId && n.status === 'FAILED');

    const log = await json(await api(`/notifications/${encodeURIComponent(brokenId)}`, key.brokenBuyer));
    expect(log).toMatchObject({ notificationId: brokenId, status: 'failed', attempts: 3, channel: 'WEBHOOK', topic: 'PENALTY_RAISED' });
    expect(log).toHaveProperty('payload.penaltyId', toBroken.penaltyId);
    expect(log.attemptLog).toEqual(
      [1, 2, 3].map((attempt) => ({
        attempt,
        at: expect.any(String),
        outcome: 'failed',
        error: 'HTTP 500 Internal Server Error: receiver is down for maintenance',
      })),
    );
    // Another party's notification is not there for the buyer.
    expect((await api(`/notifications/${encodeURIComponent(brokenId)}`, key.buyer)).status).toBe(404);

    const unsigned = await json(await api(`/notifications/${encodeURIComponent(unsignedId)}`, key.operator));
    expect(unsigned).toMatchObject({
      status: 'failed',
      lastError: expect.stringMatching(/^no webhookSecret for .* webhooks are only sent signed$/),
    });
    expect(receiver.posts.filter((p) => p.path === `/hooks/${unsignedBuyer}`)).toEqual([]);

    const letters = (await json(await api('/dead-letters?limit=1000', key.operator))).deadLetters as Array<{ reason: string }>;
    expect(letters.map((l) => l.reason)).toEqual(
      expect.arrayContaining([
        `WEBHOOK delivery ${brokenId} to ${brokenBuyer} given up after 3 attempt(s): HTTP 500 Internal Server Error: receiver is down for maintenance`,
        expect.stringContaining(`WEBHOOK delivery ${unsignedId} to ${unsignedBuyer} given up after 1 attempt(s): no webhookSecret`),
      ]),
    );
  });

  it('takes preferences over REST, defaulting to the agreement, and refuses a bad one naming the field', async () => {
    expect(await json(await api('/notification-preferences', key.digestBuyer))).toEqual({
      partyId: digestBuyer,
      rules: null,
      channel: 'EMAIL',
      mode: 'digest',
      digestEveryHours: 24,
      source: 'agreement',
    });
    const bad = await api('/notification-preferences', key.digestBuyer, {
      method: 'PUT',
      body: JSON.stringify({ channel: 'EMAIL', mode: 'hourly' }),
    });
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toBe('mode must be one of immediate, digest');
    const badRule = await api('/notification-preferences', key.digestBuyer, {
      method: 'PUT',
      body: JSON.stringify({ rules: ['PENALTY'], channel: 'WEBHOOK', mode: 'digest' }),
    });
    expect((await json(badRule)).message).toBe('channel WEBHOOK needs a webhookUrl for the party in the parties file');
    const put = await api('/notification-preferences', key.digestBuyer, {
      method: 'PUT',
      body: JSON.stringify({ rules: ['PENALTY_RAISED', 'PENALTY_CORRECTED'], channel: 'EMAIL', mode: 'digest' }),
    });
    expect(put.status).toBe(200);
    expect(await json(await api('/notification-preferences', key.digestBuyer))).toMatchObject({
      rules: ['PENALTY_RAISED', 'PENALTY_CORRECTED'],
      source: 'party',
    });
  });

  it('mails a digest of the chosen alerts at the agreed frequency, and an immediate alert by e-mail', async () => {
    const first = penalty({ buyerId: digestBuyer });
    const second = penalty({ buyerId: digestBuyer, rule: 'LATE_DELIVERY', explanation: '2 days late x 40.00 EUR = 80.00 EUR', amount: 80 });
    const opened: PenaltyDispute = {
      eventId: uniqueId('dispute'),
      disputeId: uniqueId('D'),
      penaltyId: first.penaltyId,
      penaltyEventId: first.eventId,
      agreementId,
      buyerId: digestBuyer,
      supplierId: supplier,
      step: 'OPENED',
      by: supplier,
      at: businessNow,
      reason: 'the site was closed',
      amount: 150,
      currency: 'EUR',
    };
    await kafka.publish(topics.penalties, first);
    await kafka.publish(topics.penalties, second);
    await kafka.publish(topics.penaltyDisputes, opened);
    await eventually(async () => {
      const rows = await queryDatabase(process.env.DATABASE_URL!, 'SELECT 1 FROM notification.digest_items WHERE recipient = $1', [
        digestBuyer,
      ]);
      return rows.length === 2;
    }, 'both penalties held for the digest');
    // The supplier is told at once; the digest reader gets nothing before the agreed 24 h.
    await eventually(() => receiver.postsFor(`${second.eventId}:${supplier}`).length > 0, 'the supplier told at once');
    await new Promise((r) => setTimeout(r, 1000));
    expect(mails.filter((m) => m.to.includes(digestAddress))).toEqual([]);

    setClock(new Date(businessNow.getTime() + 25 * HOUR));
    await eventually(() => mails.some((m) => m.to.includes(digestAddress)), 'the digest mail', 30_000);
    const digests = mails.filter((m) => m.to.includes(digestAddress));
    expect(digests).toHaveLength(1);
    expect(digests[0].subject).toBe(`Digest for ${digestBuyer}: 2 alerts since 2026-11-20 12:00 UTC`);
    expect(digests[0].body).toContain(`- [PENALTY_RAISED] Penalty of 150.00 EUR under ${agreementId}, stockout days in 2026-10`);
    expect(digests[0].body).toContain(`- [PENALTY_RAISED] Penalty of 80.00 EUR under ${agreementId}, late delivery in 2026-10`);
    expect(digests[0].body).not.toContain('disputes penalty');
    // The mail server has the digest before the delivery log records its outcome: wait for the record.
    let digest: Record<string, unknown> | undefined;
    await eventually(async () => {
      [digest] = await json(await api('/notifications?topic=DIGEST', key.digestBuyer));
      return digest?.status !== 'pending';
    }, 'the digest delivery recorded');
    expect(digest).toMatchObject({ channel: 'EMAIL', url: `mailto:${digestAddress}`, status: 'delivered', attempts: 1 });

    const resolved: PenaltyDispute = {
      ...opened,
      eventId: uniqueId('dispute'),
      buyerId: mailBuyer,
      step: 'ACCEPTED',
      by: mailBuyer,
      reason: 'fair',
    };
    await kafka.publish(topics.penaltyDisputes, resolved);
    await eventually(() => mails.some((m) => m.to.includes(mailAddress)), 'the immediate mail');
    const [mail] = mails.filter((m) => m.to.includes(mailAddress));
    expect(mail.subject).toBe(`${mailBuyer} accepted the dispute of penalty ${first.penaltyId}: 150.00 EUR credited (fair)`);
    expect(mail.body).toContain(`Notification ${resolved.eventId}:${mailBuyer}`);
  });

  it("reports the buyer's feed silent once past the agreed frequency, and resumed when data comes back", async () => {
    // The clock moved 25 h on; the buyer's last movement was 2 h before the start: 27 h > 24 h.
    await eventually(() => postsOf(buyer, 'FEED_SILENT').length > 0 && postsOf(supplier, 'FEED_SILENT').length > 0, 'silent-feed alerts');
    expect(postsOf(buyer, 'FEED_SILENT')[0].body.subject).toBe(
      `Stock feed of ${buyer} silent for 27 h (agreed: news at least every 24 h); last movement 2026-11-20 10:00 UTC`,
    );
    await kafka.publish(topics.stockLevels, level(90, businessNow));
    await eventually(() => postsOf(buyer, 'FEED_RESUMED').length > 0 && postsOf(supplier, 'FEED_RESUMED').length > 0, 'resumed alerts');
    await new Promise((r) => setTimeout(r, 1000));
    expect(postsOf(buyer, 'FEED_SILENT')).toHaveLength(1);
    expect(postsOf(buyer, 'FEED_RESUMED')).toHaveLength(1);
  });

  it('signed every webhook it sent with the secret of the party it went to', () => {
    expect(receiver.posts.length).toBeGreaterThan(20);
    expect(receiver.badlySigned().map((p) => [p.path, p.signature])).toEqual([]);
  });
});
