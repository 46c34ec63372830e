import { ForecastAccuracy, ReplenishmentOrder, Shipment, StockLevel, topics } from '@smi/contracts';
import {
  BusinessClockFile,
  eventually,
  exampleReplenishmentOrder,
  KafkaTestClient,
  queryDatabase,
  ServiceProcess,
  startServiceProcess,
  testAgreement,
  uniqueId,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
const json = (response: Response): Promise<any> => response.json();

/**
 * A scripted March: line A runs out for three days (4, 5 and 6 March) and its refill comes two days
 * late; line B's first order is shipped short, its second only partly received. Every KPI below is
 * worked out by hand from these events.
 */
describe('KPIs from stock levels, orders and shipments, through a real broker and database', () => {
  let monitor: ServiceProcess;
  let kafka: KafkaTestClient;
  const buyer = uniqueId('buyer');
  const supplier = uniqueId('supplier');
  const otherBuyer = uniqueId('buyer');
  const agreementId = uniqueId('AGR');
  const otherAgreementId = uniqueId('AGR');
  const site = uniqueId('site');
  const itemA = uniqueId('item-a');
  const itemB = uniqueId('item-b');
  const itemC = uniqueId('item-c');
  const key = { buyer: uniqueId('k'), supplier: uniqueId('k'), otherBuyer: uniqueId('k'), operator: uniqueId('k') };
  const line = (itemId: string) => ({
    siteId: site,
    itemId,
    unit: 'EA',
    minimum: 10,
    maximum: 50,
    leadTimeDays: 2,
    packMultiple: 5,
    serviceLevel: { measure: 'fill-rate' as const, target: 0.95 },
    penalties: { perStockoutDay: 100, perLateDelivery: 20, perShortDelivery: 3, fillRateFloor: 0.9, perFillRateShortfall: 500 },
  });

  let sequence = 0;
  const level = (
    asOf: string,
    kind: StockLevel['movementKind'],
    quantity: number,
    onHand: number,
    orderReference: string | null = null,
  ) => ({
    eventId: uniqueId('level'),
    buyerId: buyer,
    siteId: site,
    itemId: itemA,
    onHand,
    unit: 'EA',
    sequence: ++sequence,
    asOf: new Date(asOf),
    movementId: uniqueId('mv'),
    movementKind: kind,
    movementQuantity: quantity,
    orderReference,
  });
  const order = (orderId: string, itemId: string, decidedAt: string, expectedDeliveryAt: string, quantity: number, status = 'RELEASED') =>
    exampleReplenishmentOrder({
      eventId: `${orderId}/${status.toLowerCase()}`,
      orderId,
      agreementId,
      buyerId: buyer,
      supplierId: supplier,
      siteId: site,
      itemId,
      quantity,
      status,
      decidedAt: new Date(decidedAt),
      expectedDeliveryAt: new Date(expectedDeliveryAt),
    });
  const shipment = (
    shipmentId: string,
    status: Shipment['status'],
    at: string,
    carried: { orderId: string; itemId: string; ordered: number; dispatched: number | null; received: number; receipts?: string[] },
    deliveredAt: string | null,
    promised: string,
  ): Shipment => ({
    eventId: uniqueId('shipment-event'),
    shipmentId,
    orderId: carried.orderId,
    agreementId,
    buyerId: buyer,
    supplierId: supplier,
    siteId: site,
    itemId: carried.itemId,
    quantity: carried.dispatched ?? carried.ordered,
    unit: 'EA',
    status,
    statusChangedAt: new Date(at),
    expectedDeliveryAt: new Date(promised),
    receivedQuantity: carried.received,
    lines: [
      {
        orderId: carried.orderId,
        itemId: carried.itemId,
        unit: 'EA',
        orderedQuantity: carried.ordered,
        dispatchedQuantity: carried.dispatched,
        receivedQuantity: carried.received,
        receiptEventIds: carried.receipts ?? [],
      },
    ],
    promisedDeliveryAt: new Date(promised),
    carrier: 'DHL',
    trackingReference: 'TRK-1',
    dispatchedAt: carried.dispatched === null ? null : new Date(at),
    deliveredAt: deliveredAt ? new Date(deliveredAt) : null,
    delayReason: null,
    causedByEventId: null,
  });
  const accuracy = (scope: 'SITE_ITEM' | 'AGREEMENT', throughPeriodStart: string, mase: number): ForecastAccuracy => ({
    eventId: uniqueId('accuracy'),
    scope,
    buyerId: buyer,
    agreementId,
    siteId: scope === 'SITE_ITEM' ? site : null,
    itemId: scope === 'SITE_ITEM' ? itemA : null,
    periodsScored: 4,
    censoredPeriodsSkipped: 1,
    mase,
    bias: 0.5,
    relativeBias: 0.05,
    linesScored: 1,
    throughPeriodStart,
    measuredAt: new Date(`${throughPeriodStart}T06:00:00Z`),
  });

  // Line A: a count of 40 on 1 March, 10 consumed each day, empty from 4 March 00:00, 5 more booked on
  // the 6th (unmet: the shelf is empty), the late order's 45 received at 7 March 00:00.
  const levels = [
    level('2026-03-01T00:00:00Z', 'COUNT', 40, 40),
    level('2026-03-01T12:00:00Z', 'CONSUMPTION', 10, 30),
    level('2026-03-02T12:00:00Z', 'CONSUMPTION', 10, 20),
    level('2026-03-03T12:00:00Z', 'CONSUMPTION', 10, 10),
    level('2026-03-04T00:00:00Z', 'CONSUMPTION', 10, 0),
    level('2026-03-06T12:00:00Z', 'CONSUMPTION', 5, -5),
  ];
  const ids = {
    late: uniqueId('ORD-late'),
    short: uniqueId('ORD-short'),
    partial: uniqueId('ORD-partial'),
    vetoed: uniqueId('ORD-vetoed'),
    wrongItem: uniqueId('ORD-wrong-item'),
  };
  levels.push(level('2026-03-07T00:00:00Z', 'RECEIPT', 45, 40, ids.late));
  const receipt = levels[levels.length - 1];
  // Line C's only level: a receipt of item C booked against line B's last order.
  const wrongReceipt = { ...level('2026-03-26T08:00:00Z', 'RECEIPT', 10, 10, ids.wrongItem), itemId: itemC, sequence: 1 };
  sequence--;
  const orders: ReplenishmentOrder[] = [
    // Line A: decided 3 March 12:00, promised 5 March 12:00, arrives 7 March 00:00: 2 days late, 3.5 days of lead time.
    order(ids.late, itemA, '2026-03-03T12:00:00Z', '2026-03-05T12:00:00Z', 45),
    // Line B: 20 ordered, 15 dispatched and received on the promised moment (2 days of lead time).
    order(ids.short, itemB, '2026-03-10T08:00:00Z', '2026-03-12T08:00:00Z', 20),
    // Line B: 30 ordered and dispatched, 10 received on the promised day at 20:00 (2.5 days).
    order(ids.partial, itemB, '2026-03-20T08:00:00Z', '2026-03-22T08:00:00Z', 30),
    // Vetoed after its release: never owed.
    order(ids.vetoed, itemB, '2026-03-25T08:00:00Z', '2026-03-27T08:00:00Z', 10),
    order(ids.vetoed, itemB, '2026-03-25T09:00:00Z', '2026-03-27T08:00:00Z', 10, 'REJECTED'),
    // Line B: 10 ordered, shipped and received on time (2 days), but the buyer booked item C against it: the wrong item.
    order(ids.wrongItem, itemB, '2026-03-24T08:00:00Z', '2026-03-26T08:00:00Z', 10),
  ];
  const shipments: Shipment[] = [
    shipment(
      'SHP-late',
      'DISPATCHED',
      '2026-03-05T08:00:00Z',
      { orderId: ids.late, itemId: itemA, ordered: 45, dispatched: 45, received: 0 },
      null,
      '2026-03-05T12:00:00Z',
    ),
    shipment(
      'SHP-late',
      'RECEIVED',
      '2026-03-07T00:00:00Z',
      { orderId: ids.late, itemId: itemA, ordered: 45, dispatched: 45, received: 45, receipts: [receipt.eventId] },
      '2026-03-07T00:00:00Z',
      '2026-03-05T12:00:00Z',
    ),
    shipment(
      'SHP-short',
      'RECEIVED',
      '2026-03-12T08:00:00Z',
      { orderId: ids.short, itemId: itemB, ordered: 20, dispatched: 15, received: 15, receipts: ['rcpt-short'] },
      '2026-03-12T08:00:00Z',
      '2026-03-12T08:00:00Z',
    ),
    shipment(
      'SHP-partial',
      'PARTIALLY_RECEIVED',
      '2026-03-22T20:00:00Z',
      { orderId: ids.partial, itemId: itemB, ordered: 30, dispatched: 30, received: 10, receipts: ['rcpt-partial'] },
      '2026-03-22T20:00:00Z',
      '2026-03-22T08:00:00Z',
    ),
    shipment(
      'SHP-wrong-item',
      'RECEIVED',
      '2026-03-26T08:00:00Z',
      { orderId: ids.wrongItem, itemId: itemB, ordered: 10, dispatched: 10, received: 10, receipts: [wrongReceipt.eventId] },
      '2026-03-26T08:00:00Z',
      '2026-03-26T08:00:00Z',
    ),
  ];
  const accuracies = [
    accuracy('SITE_ITEM', '2026-03-16', 1.2),
    accuracy('SITE_ITEM', '2026-03-23', 0.8),
    accuracy('SITE_ITEM', '2026-04-06', 2),
    accuracy('AGREEMENT', '2026-03-23', 0.9),
  ];

  const publishEverything = async () => {
    for (const l of [...levels, wrongReceipt]) await kafka.publish(topics.stockLevels, l);
    for (const o of orders) await kafka.publish(topics.replenishmentOrders, o);
    for (const s of shipments) await kafka.publish(topics.shipments, s);
    for (const a of accuracies) await kafka.publish(topics.forecastAccuracy, a);
  };
  const get = (path: string, apiKey: string) => fetch(`${monitor.baseUrl}${path}`, { headers: { 'x-api-key': apiKey } });
  const marchOf = async (apiKey: string) => {
    const response = await get(`/kpis?period=2026-03&agreementId=${agreementId}`, apiKey);
    expect(response.status).toBe(200);
    return json(response);
  };
  /** Waits until every fact of the scripted month is stored (the partial receipt is the last shipment event). */
  const settled = () =>
    eventually(async () => {
      const [row] = await queryDatabase(
        process.env.DATABASE_URL!,
        `SELECT (SELECT count(*)::int FROM sla_monitor.stock_level_history WHERE item_id = ANY($1)) AS levels,
                (SELECT count(*)::int FROM sla_monitor.ordered_lines WHERE order_id = ANY($2)) AS orders,
                (SELECT count(*)::int FROM sla_monitor.shipped_lines WHERE order_id = ANY($2) AND status IN ('RECEIVED', 'PARTIALLY_RECEIVED')) AS shipped,
                (SELECT count(*)::int FROM sla_monitor.forecast_accuracy WHERE agreement_id = $3) AS accuracies,
                (SELECT bool_and(withdrawn) FROM sla_monitor.ordered_lines WHERE order_id = $4) AS vetoed`,
        [[itemA, itemC], Object.values(ids), agreementId, ids.vetoed],
      );
      return JSON.stringify(row) === JSON.stringify({ levels: levels.length + 1, orders: 5, shipped: 4, accuracies: 4, vetoed: true });
    }, 'every fact of March stored');

  beforeAll(async () => {
    const clock = new BusinessClockFile();
    clock.set('2026-04-10T12:00:00.000Z');
    const agreementsFile = writeAgreementsFile([
      testAgreement({ agreementId, buyerId: buyer, supplierId: supplier, currency: 'EUR', lines: [line(itemA), line(itemB), line(itemC)] }),
      testAgreement({ agreementId: otherAgreementId, buyerId: otherBuyer, supplierId: supplier, currency: 'EUR', lines: [line(itemA)] }),
    ]);
    const partiesFile = writePartiesFile([
      { id: buyer, kind: 'buyer', name: 'Test buyer', apiKey: key.buyer },
      { id: supplier, kind: 'supplier', name: 'Test supplier', apiKey: key.supplier },
      { id: otherBuyer, kind: 'buyer', name: 'Another buyer', apiKey: key.otherBuyer },
      { id: 'test-operator', kind: 'operator', name: 'Operator', apiKey: key.operator },
    ]);
    kafka = new KafkaTestClient();
    monitor = await startServiceProcess('sla-monitor', {
      SMI_AGREEMENTS_FILE: agreementsFile,
      SMI_PARTIES_FILE: partiesFile,
      SMI_CLOCK_FILE: clock.path,
      // March is over by the business clock: its penalties are made at once.
      SMI_PERIOD_CLOSE_SWEEP_MS: '500',
      SMI_PERIOD_CLOSE_GRACE_HOURS: '0',
    });
    await publishEverything();
    await settled();
  });

  afterAll(async () => {
    await monitor?.stop();
    await kafka?.disconnect();
  });

  it("measures line A's month: a three-day stockout, its lost demand, the band and turnover, the late delivery", async () => {
    const march = await marchOf(key.buyer);
    expect(march.period).toEqual({ kind: 'month', id: '2026-03', firstDay: '2026-03-01', lastDay: '2026-03-31' });
    const [report] = march.agreements;
    const a = report.lines.find((l: { itemId: string }) => l.itemId === itemA);
    expect(a.targets).toEqual({ minimum: 10, maximum: 50, serviceLevel: { measure: 'fill-rate', target: 0.95 }, fillRateFloor: 0.9 });
    // Out from 4 March 00:00 to 7 March 00:00: 3 days, 72 hours, one stockout.
    expect(a.kpis.stockouts).toMatchObject({ days: 31, stockoutDays: 3, rate: 3 / 31, hoursStockedOut: 72, stockoutsBegun: 1 });
    expect(a.kpis.stockouts.episodes).toEqual([
      { beganAt: '2026-03-04T00:00:00.000Z', beganBy: levels[4].eventId, endedAt: '2026-03-07T00:00:00.000Z', hours: 72 },
    ]);
    // Demand: 10 a day on 1-3 March (met); 4 March 10 consumed + 10 lost (mean of the 3 in-stock days before);
    // 5 March 10 lost; 6 March 5 booked beyond the stock (unmet), which replaces 5 of the 10 estimated
    // (demand seen while short is not counted twice): 5 + 5. 70 asked, 40 met.
    expect(a.kpis.fillRate).toEqual({ demand: 70, metFromStock: 40, unmet: 30, rate: 40 / 70 });
    // Closing 30, 20, 10 (in [10, 50]), 0, 0, -5 (out), then 40 for 25 days: 28 of 31 days in the band.
    expect(a.kpis.band).toEqual({ days: 31, daysInBand: 28, share: 28 / 31 });
    // 45 issued; average closing on-hand (below zero holds nothing) (30 + 20 + 10 + 25 x 40) / 31 = 1060 / 31.
    expect(a.kpis.turnover.issued).toBe(45);
    expect(a.kpis.turnover.averageOnHand).toBeCloseTo(1060 / 31, 9);
    expect(a.kpis.turnover.turns).toBeCloseTo(45 / (1060 / 31), 9);
    expect(a.kpis.turnover.daysOfSupply).toBeCloseTo(1060 / 45, 9);
    // Promised 5 March, arrived 7 March: late; received as ordered; 3.5 days against 2 agreed.
    expect(a.kpis.onTimeDelivery).toEqual({ due: 1, onTime: 0, deliveredLate: 1, openPastPromise: 0, rate: 0 });
    expect(a.kpis.orderAccuracy).toEqual({ delivered: 1, accurate: 1, rate: 1 });
    expect(a.kpis.leadTime).toMatchObject({
      delivered: 1,
      meanActualDays: 3.5,
      meanDeviationDays: 1.5,
      deviationStdDevDays: 0,
      withinOneDay: 0,
    });
    // The latest accuracy scored by the month's end (the week of 23 March), not April's.
    expect(a.forecastAccuracy).toMatchObject({ throughPeriodStart: '2026-03-23', mase: 0.8, periodsScored: 4 });
  });

  it("measures line B's deliveries and the agreement's: a short shipment, a partial receipt and a wrong item are on time but not accurate", async () => {
    const [report] = (await marchOf(key.supplier)).agreements;
    const b = report.lines.find((l: { itemId: string }) => l.itemId === itemB);
    // The vetoed order is not owed; the three others arrived on their promised day, none as ordered
    // (15 of 20, 10 of 30, and item C booked against the third).
    expect(b.kpis.onTimeDelivery).toEqual({ due: 3, onTime: 3, deliveredLate: 0, openPastPromise: 0, rate: 1 });
    expect(b.kpis.orderAccuracy).toEqual({ delivered: 3, accurate: 0, rate: 0 });
    // Lead times 2, 2.5 and 2 days against 2 agreed: deviations 0, 0.5, 0; mean 1/6, population spread sqrt(1/18).
    expect(b.kpis.leadTime).toMatchObject({ delivered: 3, withinOneDay: 3 });
    expect(b.kpis.leadTime.meanActualDays).toBeCloseTo(6.5 / 3, 9);
    expect(b.kpis.leadTime.meanDeviationDays).toBeCloseTo(1 / 6, 9);
    expect(b.kpis.leadTime.deviationStdDevDays).toBeCloseTo(Math.sqrt(1 / 18), 9);
    // No stock level of line B: no day is judged.
    expect(b.kpis.stockouts).toMatchObject({ days: 0, stockoutDays: 0, rate: null });

    expect(report).toMatchObject({ agreementId, buyerId: buyer, supplierId: supplier, currency: 'EUR', agreementVersion: 1 });
    expect(report.kpis.onTimeDelivery).toEqual({ due: 4, onTime: 3, deliveredLate: 1, openPastPromise: 0, rate: 0.75 });
    expect(report.kpis.orderAccuracy).toEqual({ delivered: 4, accurate: 1, rate: 0.25 });
    // Deviations 1.5, 0, 0.5 and 0: mean 0.5; squared distances from it 1, 0.25, 0, 0.25.
    expect(report.kpis.leadTime.meanDeviationDays).toBeCloseTo(0.5, 9);
    expect(report.kpis.leadTime.deviationStdDevDays).toBeCloseTo(Math.sqrt((1 + 0.25 + 0 + 0.25) / 4), 9);
    // Line C holds 10 from its receipt on 26 March: 6 days judged, none out, no demand.
    const c = report.lines.find((l: { itemId: string }) => l.itemId === itemC);
    expect(c.kpis.stockouts).toMatchObject({ days: 6, stockoutDays: 0 });
    expect(report.kpis.stockouts).toMatchObject({ days: 37, stockoutDays: 3, rate: 3 / 37 });
    expect(report.kpis.fillRate).toEqual({ demand: 70, metFromStock: 40, unmet: 30, rate: 40 / 70 });
    expect(report.forecastAccuracy).toMatchObject({ throughPeriodStart: '2026-03-23', mase: 0.9 });
  });

  it('measures a day and an ISO week too, and the current month by the business clock when no period is given', async () => {
    const day = await json(await get(`/kpis?period=2026-03-05&agreementId=${agreementId}`, key.buyer));
    const a = day.agreements[0].lines.find((l: { itemId: string }) => l.itemId === itemA);
    expect(a.kpis.stockouts).toMatchObject({ days: 1, stockoutDays: 1, hoursStockedOut: 24, stockoutsBegun: 0 });
    expect(a.kpis.fillRate).toEqual({ demand: 10, metFromStock: 0, unmet: 10, rate: 0 });
    expect(a.kpis.onTimeDelivery.deliveredLate).toBe(1);

    // ISO week 10 of 2026: Monday 2 March to Sunday 8 March.
    const week = await json(await get(`/kpis?period=2026-W10&agreementId=${agreementId}`, key.buyer));
    expect(week.period).toEqual({ kind: 'week', id: '2026-W10', firstDay: '2026-03-02', lastDay: '2026-03-08' });
    const weekA = week.agreements[0].lines.find((l: { itemId: string }) => l.itemId === itemA);
    expect(weekA.kpis.stockouts).toMatchObject({ days: 7, stockoutDays: 3 });
    expect(weekA.kpis.fillRate).toEqual({ demand: 60, metFromStock: 30, unmet: 30, rate: 30 / 60 });

    const current = await json(await get(`/kpis?agreementId=${agreementId}`, key.buyer));
    expect(current.period.id).toBe('2026-04');
    // April up to the business clock's 10 April: 10 days at 40, nothing due.
    const aprilA = current.agreements[0].lines.find((l: { itemId: string }) => l.itemId === itemA);
    expect(aprilA.kpis).toMatchObject({ measuredTo: '2026-04-10', band: { days: 10, daysInBand: 10, share: 1 } });

    const bad = await get('/kpis?period=2026-3', key.buyer);
    expect(bad.status).toBe(400);
    expect((await json(bad)).message).toMatch(/^period must be a day YYYY-MM-DD, an ISO week YYYY-Www or a month YYYY-MM/);
  });

  it("shows a buyer only its own agreements' KPIs", async () => {
    const theirs = await json(await get('/kpis?period=2026-03', key.otherBuyer));
    expect(theirs.agreements.map((a: { agreementId: string }) => a.agreementId)).toEqual([otherAgreementId]);
    expect((await get(`/kpis?period=2026-03&agreementId=${agreementId}`, key.otherBuyer)).status).toBe(404);
    const all = await json(await get('/kpis?period=2026-03', key.operator));
    expect(all.agreements.map((a: { agreementId: string }) => a.agreementId)).toEqual(
      expect.arrayContaining([agreementId, otherAgreementId]),
    );
  });

  it('marks the agreement line months the facts landed in', async () => {
    const touched = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT item_id AS "itemId", period FROM sla_monitor.touched_period WHERE agreement_id = $1 ORDER BY item_id, period',
      [agreementId],
    );
    expect(touched).toEqual(
      [
        { itemId: itemA, period: '2026-03' },
        { itemId: itemA, period: '2026-04' },
        { itemId: itemB, period: '2026-03' },
        { itemId: itemC, period: '2026-03' },
      ].sort((x, y) => `${x.itemId}${x.period}`.localeCompare(`${y.itemId}${y.period}`)),
    );
  });

  it('changes nothing when every event of the month is delivered again', async () => {
    const before = await marchOf(key.operator);
    const marker = level('2026-04-02T00:00:00Z', 'CONSUMPTION', 1, 39);
    await publishEverything();
    // A new level after the repeats shows the monitor has read past them.
    await kafka.publish(topics.stockLevels, marker);
    await eventually(async () => {
      const rows = await queryDatabase(process.env.DATABASE_URL!, 'SELECT 1 FROM sla_monitor.stock_level_history WHERE event_id = $1', [
        marker.eventId,
      ]);
      return rows.length === 1;
    }, 'the level after the repeats');
    expect(await marchOf(key.operator)).toEqual(before);
    const [{ n }] = await queryDatabase(
      process.env.DATABASE_URL!,
      'SELECT count(*)::int AS n FROM sla_monitor.stock_level_history WHERE item_id = $1',
      [itemA],
    );
    expect(n).toBe(levels.length + 1);
  });

  it("gives March's scorecard as JSON: KPIs against targets, the penalties of the month, the worst lines, 12 months of trend", async () => {
    // Line A: 3 stockout days x 100 = 300, 2 days late x 20 = 40, fill rate 40/70 below the 0.9 floor: 500;
    // line B: 5 units short x 3 = 15. 855 EUR in all.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    let card: any;
    await eventually(async () => {
      const response = await get(`/agreements/${agreementId}/scorecard?period=2026-03`, key.buyer);
      card = await json(response);
      return response.status === 200 && card.penalties.total === 855;
    }, 'the penalties of March on the scorecard');
    expect(card).toMatchObject({
      agreementId,
      buyerId: buyer,
      supplierId: supplier,
      currency: 'EUR',
      period: '2026-03',
      measuredTo: '2026-03-31',
    });
    // A penalty March closed with before its facts all landed may stand corrected to nothing: only those due count here.
    const due = card.penalties.items.filter((p: { amount: number }) => p.amount > 0);
    expect(due.map((p: { rule: string; itemId: string; amount: number }) => [p.rule, p.itemId, p.amount]).sort()).toEqual(
      [
        ['FILL_RATE_FLOOR', itemA, 500],
        ['LATE_DELIVERY', itemA, 40],
        ['SHORT_DELIVERY', itemB, 15],
        ['STOCKOUT_DAYS', itemA, 300],
      ].sort(),
    );
    expect(card.kpis.fillRate).toEqual({ demand: 70, metFromStock: 40, unmet: 30, rate: 40 / 70 });
    expect(card.lines.find((l: { itemId: string }) => l.itemId === itemA).targets.fillRateFloor).toBe(0.9);
    // Line A ran out; lines B and C were never out and B's deliveries were on time: only A falls short.
    expect(card.worstLines.map((l: { itemId: string }) => l.itemId)).toEqual([itemA]);
    expect(card.disputes).toEqual([]);
    expect(card.trend).toHaveLength(12);
    expect(card.trend[0].period).toBe('2025-04');
    expect(card.trend[11]).toMatchObject({ period: '2026-03', stockoutRate: 3 / 37, onTimeDelivery: 0.75, penaltiesTotal: 855 });
    expect(card.trend[10]).toMatchObject({ period: '2026-02', stockoutRate: null, penaltiesTotal: 0 });

    // An operator reads it too, without the disputes (only the two parties see those); another buyer cannot.
    expect((await json(await get(`/agreements/${agreementId}/scorecard?period=2026-03`, key.operator))).disputes).toBeNull();
    expect((await get(`/agreements/${agreementId}/scorecard?period=2026-03`, key.otherBuyer)).status).toBe(404);
    const badPeriod = await get(`/agreements/${agreementId}/scorecard?period=2026-W10`, key.buyer);
    expect(badPeriod.status).toBe(400);
    expect((await json(badPeriod)).message).toBe('period must be a month YYYY-MM (got 2026-W10)');
  });

  it('gives the scorecard as CSV and as a readable page', async () => {
    const csv = await get(`/agreements/${agreementId}/scorecard?period=2026-03&format=csv`, key.supplier);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await csv.text()).trim().split('\r\n');
    expect(rows[0]).toBe('section,period,siteId,itemId,measure,value,numerator,denominator,target');
    expect(rows).toContain(`line,2026-03,${site},${itemA},stockout rate (stockout days / days),${3 / 31},3,31,`);
    expect(rows).toContain(`line,2026-03,${site},${itemA},fill rate (met from stock / demand),${40 / 70},40,70,"target 0.95, floor 0.9"`);
    expect(rows.filter((r) => r.startsWith('penalty,') && r.split(',')[5] !== '0')).toHaveLength(4);

    const byAccept = await fetch(`${monitor.baseUrl}/agreements/${agreementId}/scorecard?period=2026-03`, {
      headers: { 'x-api-key': key.buyer, accept: 'text/csv' },
    });
    expect(byAccept.headers.get('content-type')).toMatch(/^text\/csv/);

    const page = await get(`/agreements/${agreementId}/scorecard?period=2026-03&format=html`, key.buyer);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain(`<h1>Scorecard ${agreementId} 2026-03</h1>`);
    expect(html).toContain('<h2>Penalties: 855.00 EUR</h2>');
    expect(html).toContain('<h2>Trend over the last 12 months</h2>');
    expect(html).toContain('<td>min 10, max 50</td>');
  });
});
