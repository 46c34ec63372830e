import { Penalty, PenaltyDispute, ReplenishmentOrder, Shipment, StockLevel, topics } from '@smi/contracts';
import {
  BusinessClockFile,
  KafkaTestClient,
  MailInbox,
  SERVICE_PORTS,
  ServiceName,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  untilPasses,
  WebhookReceiver,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/**
 * The supplier's accountability loop through all six services, on business time: a scripted March
 * 2026 in which a short shipment, a three-day stockout, a late delivery and a partial receipt happen.
 * The platform's clock is a file the test moves (SMI_CLOCK_FILE), so the month closes when the test
 * says so, not when the wall clock does. Every KPI and penalty below is worked out by hand from the
 * agreement and the events; the evidence must name the records behind them; a dispute runs to its
 * end; every webhook is signed; the buyer's digest reaches its mail server; and replaying the whole
 * month changes nothing.
 *
 * The agreement line: min 40, max 120, lead time 2 days, packs of 10; per stockout day 50 EUR, per
 * day late 20, per unit short 3, fill-rate floor 95% (200 a month below it); no stockout allowed,
 * 100 per stockout beyond.
 *
 * The month, as it happens:
 *   Mar  1 00:00  receipt 100 (opening stock)                               on-hand 100
 *   Mar  2 10:00  consumption 70                                              30: order O1 of 90 (up to 120), due Mar 4 10:00
 *   Mar  3 09:00  O1 dispatched, 80 of 90 (short 10)
 *   Mar  4 09:00  receipt 80 against O1 (on time; all that left arrived)    110
 *   Mar  9 10:00  consumption 80                                              30: order O2 of 90, due Mar 11 10:00
 *   Mar 10 08:00  O2 dispatched in full
 *   Mar 10 12:00  consumption 30                                               0: stockout begins
 *   Mar 11 06:00  O2 delayed to Mar 12 16:00 ("truck breakdown")
 *   Mar 12 16:00  receipt 50 against O2 (partial, one day late)              50: stockout ends (52 hours)
 *   Mar 13 10:00  receipt 40 against O2 (the rest)                            90
 *   Mar 20 10:00  consumption 20                                              70
 */
describe('a month of supplier accountability: deliveries, KPIs, penalties with evidence, a dispute and notifications', () => {
  const buyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const agreementId = uniqueId('AGR');
  const site = uniqueId('plant');
  const item = uniqueId('part');
  const key = { buyer: uniqueId('buyer-key'), supplier: uniqueId('supplier-key'), operator: uniqueId('operator-key') };
  const buyerMail = `${buyer}@buyers.example`;
  const receiver = new WebhookReceiver();
  const inbox = new MailInbox();
  const clock = new BusinessClockFile();
  /** Moves the platform's business clock; services re-read the file at most every 100 ms. */
  const setClock = async (at: string) => {
    clock.set(at);
    await new Promise((r) => setTimeout(r, 250));
  };
  let services: ServiceProcess[] = [];
  let kafka: KafkaTestClient;

  const api = async (service: ServiceName, path: string, apiKey: string, init: RequestInit = {}): Promise<Response> =>
    fetch(`${services.find((s) => s.name === service)!.baseUrl}${path}`, {
      ...init,
      headers: { 'x-api-key': apiKey, 'content-type': 'application/json', ...(init.headers ?? {}) },
    });
  const json = async (response: Response): Promise<Json> => {
    if (!response.ok) throw new Error(`${response.url} answered ${response.status}: ${await response.text()}`);
    return response.json();
  };
  /** Every movement the buyer sent, to send them all again at the end. */
  const sent: Json[] = [];
  const move = async (kind: string, quantity: number, occurredAt: string, orderReference: string | null = null) => {
    await setClock(occurredAt);
    const movement = {
      eventId: uniqueId('mv'),
      buyerId: buyer,
      siteId: site,
      itemId: item,
      kind,
      quantity,
      unit: 'EA',
      occurredAt,
      source: 'buyer-erp',
      orderReference,
    };
    sent.push(movement);
    const response = await api('inventory-ingest', '/stock-movements', key.buyer, { method: 'POST', body: JSON.stringify(movement) });
    if (response.status !== 202)
      throw new Error(`${kind} ${quantity} at ${occurredAt} answered ${response.status}: ${await response.text()}`);
  };
  const levelReached = (onHand: number, asOf: string) =>
    kafka.waitFor(topics.stockLevels, (l: StockLevel) => l.itemId === item && l.onHand === onHand && l.asOf.toISOString() === asOf);
  const releasedOrders = (count: number) =>
    kafka.waitForEvents(topics.replenishmentOrders, (o: ReplenishmentOrder) => o.itemId === item && o.status === 'RELEASED', { count });
  const shipmentOf = async (orderId: string): Promise<Json> =>
    untilPasses(async () => {
      const shipments: Json[] = await json(await api('shipment', '/shipments', key.supplier));
      const found = shipments.find((s) => s.lines.some((l: Json) => l.orderId === orderId));
      expect(found).toBeDefined();
      return found;
    });
  /** Reports on a shipment as the supplier's logistics do (an id per report, so a resend is harmless). */
  const reports: Array<{ path: string; body: Json }> = [];
  const report = async (shipmentId: string, step: 'dispatch' | 'delay', body: Json) => {
    await setClock(body.occurredAt);
    const path = `/shipments/${encodeURIComponent(shipmentId)}/${step}`;
    const withId = { eventId: uniqueId(step), ...body };
    reports.push({ path, body: withId });
    await json(await api('shipment', path, key.supplier, { method: 'POST', body: JSON.stringify(withId) }));
  };

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    await receiver.start();
    await inbox.start();
    await setClock('2026-03-01T00:00:00Z');
    const env = {
      SMI_CLOCK_FILE: clock.path,
      SMI_SMTP_URL: inbox.smtpUrl,
      SMI_PERIOD_CLOSE_SWEEP_MS: '500',
      SMI_NOTIFICATION_SWEEP_MS: '500',
      SMI_PARTIES_FILE: writePartiesFile([
        { id: buyer, kind: 'buyer', name: 'Month buyer', apiKey: key.buyer, webhookUrl: receiver.hookOf(buyer), email: buyerMail },
        { id: supplier, kind: 'supplier', name: 'Month supplier', apiKey: key.supplier, webhookUrl: receiver.hookOf(supplier) },
        { id: uniqueId('operator'), kind: 'operator', name: 'Operator', apiKey: key.operator },
      ]),
      SMI_AGREEMENTS_FILE: writeAgreementsFile([
        testAgreement({
          agreementId,
          buyerId: buyer,
          supplierId: supplier,
          penalties: { allowedStockoutsPerMonth: 0, penaltyPerStockout: 100 },
          communication: { digestEveryHours: 24, immediateAlerts: true },
          lines: [
            {
              siteId: site,
              itemId: item,
              unit: 'EA',
              minimum: 40,
              maximum: 120,
              leadTimeDays: 2,
              packMultiple: 10,
              penalties: { perStockoutDay: 50, perLateDelivery: 20, perShortDelivery: 3, fillRateFloor: 0.95, perFillRateShortfall: 200 },
            },
          ],
        }),
      ]),
    };
    services = await Promise.all((Object.keys(SERVICE_PORTS) as ServiceName[]).map((name) => startServiceProcess(name, env)));
    // The buyer reads its alerts as a daily e-mail digest; the supplier takes them at once on its webhook.
    await json(
      await api('notification', '/notification-preferences', key.buyer, {
        method: 'PUT',
        body: JSON.stringify({ rules: null, channel: 'EMAIL', mode: 'digest' }),
      }),
    );
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await receiver.stop();
    await inbox.stop();
    await kafka?.disconnect();
  });

  it('charges exactly what the agreement implies for March, with evidence, and a replay changes nothing', async () => {
    // Mar 1-4: O1 ordered at 30, dispatched 10 short, everything that left arrives on time.
    await move('RECEIPT', 100, '2026-03-01T00:00:00.000Z');
    await levelReached(100, '2026-03-01T00:00:00.000Z');
    await move('CONSUMPTION', 70, '2026-03-02T10:00:00.000Z');
    const [o1] = (await releasedOrders(1)).map((r) => r.value);
    expect(o1).toMatchObject({ quantity: 90, onHand: 30, onOrder: 0 });
    expect(o1.decidedAt.toISOString()).toBe('2026-03-02T10:00:00.000Z');
    expect(o1.expectedDeliveryAt.toISOString()).toBe('2026-03-04T10:00:00.000Z');
    const s1 = await shipmentOf(o1.orderId);
    await report(s1.shipmentId, 'dispatch', {
      occurredAt: '2026-03-03T09:00:00.000Z',
      carrier: 'DHL',
      trackingReference: 'JJD-0001',
      expectedArrivalAt: '2026-03-04T09:00:00.000Z',
      lines: [{ orderId: o1.orderId, quantity: 80 }],
    });
    await move('RECEIPT', 80, '2026-03-04T09:00:00.000Z', o1.orderId);
    await levelReached(110, '2026-03-04T09:00:00.000Z');

    // Mar 9-13: O2 ordered at 30 (the 10 never sent are not on order any more), late and received in two parts.
    await move('CONSUMPTION', 80, '2026-03-09T10:00:00.000Z');
    const o2 = (await releasedOrders(2)).map((r) => r.value).find((o) => o.orderId !== o1.orderId)!;
    expect(o2).toMatchObject({ quantity: 90, onHand: 30, onOrder: 0 });
    expect(o2.expectedDeliveryAt.toISOString()).toBe('2026-03-11T10:00:00.000Z');
    const s2 = await shipmentOf(o2.orderId);
    await report(s2.shipmentId, 'dispatch', {
      occurredAt: '2026-03-10T08:00:00.000Z',
      carrier: 'DHL',
      trackingReference: 'JJD-0002',
      expectedArrivalAt: '2026-03-11T10:00:00.000Z',
    });
    await move('CONSUMPTION', 30, '2026-03-10T12:00:00.000Z');
    await report(s2.shipmentId, 'delay', {
      occurredAt: '2026-03-11T06:00:00.000Z',
      expectedArrivalAt: '2026-03-12T16:00:00.000Z',
      reason: 'truck breakdown',
    });
    await move('RECEIPT', 50, '2026-03-12T16:00:00.000Z', o2.orderId);
    const partly = await untilPasses(async () => {
      const shipment = await json(await api('shipment', `/shipments/${encodeURIComponent(s2.shipmentId)}`, key.buyer));
      expect(shipment.status).toBe('PARTIALLY_RECEIVED');
      return shipment;
    });
    expect(partly.lines[0]).toMatchObject({ orderedQuantity: 90, dispatchedQuantity: 90, receivedQuantity: 50 });
    // The rest of O2 is still on order: 50 on hand + 40 coming is above the minimum, so nothing more is ordered.
    await move('RECEIPT', 40, '2026-03-13T10:00:00.000Z', o2.orderId);
    await move('CONSUMPTION', 20, '2026-03-20T10:00:00.000Z');
    await levelReached(70, '2026-03-20T10:00:00.000Z');
    const s1Final = await json(await api('shipment', `/shipments/${encodeURIComponent(s1.shipmentId)}`, key.supplier));
    expect(s1Final.lines[0]).toMatchObject({ orderedQuantity: 90, dispatchedQuantity: 80, receivedQuantity: 80, shortQuantity: 10 });

    // Before the month closes, sla-monitor has every fact of March (it reads them from Kafka at its own pace);
    // what came later would be a correction, which the replay below checks separately.
    const kpisOfMarch = async () =>
      (await json(await api('sla-monitor', `/kpis?period=2026-03&agreementId=${encodeURIComponent(agreementId)}`, key.buyer))).agreements[0]
        .lines[0].kpis;
    await untilPasses(async () => {
      const facts = await kpisOfMarch();
      expect([facts.turnover.issued, facts.orderAccuracy.delivered, facts.orderAccuracy.accurate]).toEqual([200, 2, 1]);
    });

    // April 2, 01:00: a day's grace after March ended, the month closes.
    await setClock('2026-04-02T01:00:00.000Z');
    const penalties = (
      await kafka.waitForEvents(topics.penalties, (p: Penalty) => p.agreementId === agreementId, { count: 5, settleMs: 3000 })
    ).map((r) => r.value);
    // Worked by hand:
    //   STOCKOUT_DAYS: Mar 10, 11 and 12 were at or below zero at some moment: 3 x 50 = 150.00
    //   STOCKOUTS_BEYOND_ALLOWANCE: one stockout began, none allowed: 1 x 100 = 100.00
    //   LATE_DELIVERY: O2 promised Mar 11, first arrival Mar 12: 1 day x 20 = 20.00 (O1 came an hour early)
    //   SHORT_DELIVERY: O1 dispatched 80 of 90: 10 units x 3 = 30.00
    //   FILL_RATE_FLOOR: issued 70 + 80 + 30 + 20 = 200, all met from stock. Lost while out: the mean
    //     consumption of the in-stock days before (Mar 1-9: 150 / 9 = 16.666667 a day) x hours out / 24:
    //     Mar 10 12 h 8.333333, Mar 11 24 h 16.666667, Mar 12 16 h 11.111111 = 36.111111.
    //     Fill rate 200 / 236.111111 = 84.7% < 95%: 200.00
    //   Total 500.00 EUR.
    const byRule = Object.fromEntries(penalties.map((p) => [p.rule, p]));
    expect(Object.fromEntries(penalties.map((p) => [p.rule, [p.quantity, p.rate, p.amount]]))).toEqual({
      STOCKOUT_DAYS: [3, 50, 150],
      STOCKOUTS_BEYOND_ALLOWANCE: [1, 100, 100],
      LATE_DELIVERY: [1, 20, 20],
      SHORT_DELIVERY: [10, 3, 30],
      FILL_RATE_FLOOR: [1, 200, 200],
    });
    expect(penalties.reduce((sum, p) => sum + p.amount, 0)).toBe(500);
    for (const p of penalties)
      expect(p).toMatchObject({ period: '2026-03', agreementVersion: 1, revision: 1, currency: 'EUR', siteId: site, itemId: item });
    // The evidence names the records behind each penalty.
    const ids = (p: Penalty, kind: string) => p.evidence.filter((e) => e.kind === kind).map((e) => e.id);
    expect(ids(byRule.STOCKOUT_DAYS, 'STOCKOUT_DAY')).toEqual(['2026-03-10', '2026-03-11', '2026-03-12']);
    expect(ids(byRule.LATE_DELIVERY, 'ORDER')).toEqual([o2.orderId]);
    expect(ids(byRule.LATE_DELIVERY, 'SHIPMENT')).toEqual([s2.shipmentId]);
    expect(ids(byRule.SHORT_DELIVERY, 'ORDER')).toEqual([o1.orderId]);
    expect(ids(byRule.SHORT_DELIVERY, 'SHIPMENT')).toEqual([s1.shipmentId]);
    const o2Receipts = (await kafka.waitFor(topics.stockLevels, (l: StockLevel) => l.orderReference === o2.orderId, { count: 2 })).map(
      (r) => r.value.eventId,
    );
    expect(ids(byRule.LATE_DELIVERY, 'RECEIPT')).toEqual(expect.arrayContaining([o2Receipts[0]]));

    // The month's KPIs, as the buyer reads them.
    const line = await kpisOfMarch();
    expect(line.stockouts).toMatchObject({ days: 31, stockoutDays: 3, stockoutsBegun: 1, hoursStockedOut: 52 });
    expect(line.stockouts.rate).toBeCloseTo(3 / 31, 6);
    expect(line.fillRate.rate).toBeCloseTo(200 / 236.111111, 5);
    // Closing on-hand inside 40..120 on Mar 1, 4-8, 12, 13-19 and 20-31: 1 + 5 + 1 + 7 + 12 = 26 of 31 days.
    expect(line.band).toMatchObject({ days: 31, daysInBand: 26 });
    // O1 arrived 80 of 90 (not accurate), O2 90 of 90; O1 on time, O2 a day late.
    expect(line.orderAccuracy).toMatchObject({ delivered: 2, accurate: 1 });
    expect(line.onTimeDelivery).toMatchObject({ onTime: 1, deliveredLate: 1 });
    // Lead times: O1 Mar 2 10:00 -> Mar 4 09:00 = 1.958333 days (-0.041667), O2 Mar 9 10:00 -> Mar 12 16:00 = 3.25 (+1.25).
    expect(line.leadTime.meanDeviationDays).toBeCloseTo((-1 / 24 + 1.25) / 2, 5);

    // The supplier disputes the late-delivery penalty; the buyer accepts and it is credited.
    const dispute = await json(
      await api('sla-monitor', `/penalties/${encodeURIComponent(byRule.LATE_DELIVERY.penaltyId)}/disputes`, key.supplier, {
        method: 'POST',
        body: JSON.stringify({ reason: 'the site was closed for inventory on the 11th' }),
      }),
    );
    await json(
      await api('sla-monitor', `/disputes/${encodeURIComponent(dispute.disputeId)}/accept`, key.buyer, {
        method: 'POST',
        body: JSON.stringify({ reason: 'confirmed by our gate log' }),
      }),
    );
    const steps = (
      await kafka.waitForEvents(topics.penaltyDisputes, (d: PenaltyDispute) => d.disputeId === dispute.disputeId, { count: 2 })
    ).map((r) => [r.value.step, r.value.by, r.value.amount]);
    expect(steps).toEqual([
      ['OPENED', supplier, 20],
      ['ACCEPTED', buyer, 20],
    ]);
    const settled = await json(await api('sla-monitor', `/penalties/${encodeURIComponent(byRule.LATE_DELIVERY.penaltyId)}`, key.buyer));
    expect(settled).toMatchObject({ amount: 20, credited: 20, due: 0 });

    // Notifications: the supplier heard at once on its webhook, every post signed; the buyer got its digest by mail.
    await untilPasses(async () => {
      const topicsHeard = receiver.posts.filter((p) => p.path.endsWith(`/${supplier}`)).map((p) => p.body.topic);
      expect(topicsHeard).toEqual(expect.arrayContaining(['ORDER_RAISED', 'STOCKOUT', 'PENALTY_RAISED', 'DISPUTE_RESOLVED']));
    }, 60_000);
    expect(receiver.posts.length).toBeGreaterThan(0);
    expect(receiver.posts.filter((p) => !p.signature.valid)).toEqual([]);
    await untilPasses(async () => {
      const digests = inbox.to(buyerMail);
      expect(digests.length).toBeGreaterThan(0);
      expect(digests.map((m) => m.body).join('\n')).toMatch(/stockout/i);
    }, 60_000);

    // Replaying the whole month: every movement sent again (same ids, same channel), every logistics
    // report again, and every event the services published for it delivered a second time.
    const postsBefore = new Set(receiver.posts.map((p) => p.headers['x-smi-notification-id'])).size;
    for (const movement of sent) {
      const again = await api('inventory-ingest', '/stock-movements', key.buyer, { method: 'POST', body: JSON.stringify(movement) });
      expect(again.status).toBe(202);
    }
    for (const { path, body } of reports) await api('shipment', path, key.supplier, { method: 'POST', body: JSON.stringify(body) });
    const everything = { count: 10_000, timeoutMs: 8000, fewerOnTimeout: true };
    for (const r of await kafka.waitFor(topics.stockLevels, (l: StockLevel) => l.itemId === item, everything))
      await kafka.publish(topics.stockLevels, r.value);
    for (const r of await kafka.waitFor(topics.replenishmentOrders, (o: ReplenishmentOrder) => o.itemId === item, everything))
      await kafka.publish(topics.replenishmentOrders, r.value);
    for (const r of await kafka.waitFor(topics.shipments, (s: Shipment) => s.buyerId === buyer, everything))
      await kafka.publish(topics.shipments, r.value);
    // A sweep after the replay recomputes March from the same facts: nothing changes, nothing is published.
    await new Promise((r) => setTimeout(r, 5000));
    const after = await kafka.waitForEvents(topics.penalties, (p: Penalty) => p.agreementId === agreementId, { count: 5, settleMs: 3000 });
    expect(after.map((r) => r.value.eventId).sort()).toEqual(penalties.map((p) => p.eventId).sort());
    const levels = await kafka.waitForEvents(topics.stockLevels, (l: StockLevel) => l.itemId === item, { count: 8, settleMs: 2000 });
    expect(levels).toHaveLength(8);
    const orders = await json(await api('replenishment', '/orders', key.buyer));
    expect(orders.map((o: Json) => o.orderId).sort()).toEqual([o1.orderId, o2.orderId].sort());
    expect(await kpisOfMarch()).toEqual(line);
    expect(new Set(receiver.posts.map((p) => p.headers['x-smi-notification-id'])).size).toBe(postsBefore);
  });
});
