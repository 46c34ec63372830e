import { agreementVersionEvent, AgreementLine } from '@smi/agreements';
import {
  AgreementVersion,
  BuyerForecast,
  deadLetterTopicOf,
  DemandForecast,
  ReplenishmentOrder,
  Shipment,
  SlaBreach,
  StockLevel,
  StockMovement,
  TopicDefinition,
  topics,
} from '@smi/contracts';
import {
  badRecordsOf,
  deadLetterReasons,
  eventually,
  exampleDemandForecast,
  exampleReplenishmentOrder,
  exampleShipment,
  FUZZ_CASE_HEADER,
  fuzzSeed,
  interleaved,
  KafkaTestClient,
  OutOfRange,
  queryDatabase,
  ServiceName,
  ServiceProcess,
  startServiceProcesses,
  testAgreement,
  uniqueId,
  WebhookReceiver,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

/**
 * Every consumed topic fuzzed on a real broker, with the six services running: garbage bytes,
 * tombstones, unknown schema ids, truncated Avro and valid Avro carrying out-of-range values,
 * interleaved with valid records under the same key. Every bad record must reach the dead-letter
 * topic of each service that consumes it, with a reason; the valid ones in between must be applied
 * exactly once. Prints a line per topic: records, dead-lettered, applied, seconds to settle.
 */
describe('fuzzing every consumed Kafka topic', () => {
  const seed = fuzzSeed();
  const run = uniqueId('kfuzz');
  const buyer = `${run}-buyer`;
  const supplier = `${run}-supplier`;
  const buyerKey = uniqueId('key');
  // Both parties take alerts by webhook, so every alert an event owes is a delivery row to count.
  const receiver = new WebhookReceiver();
  const VALID = 10;
  const line = (siteId: string): AgreementLine => ({
    siteId,
    itemId: 'bolt',
    unit: 'EA',
    minimum: 20,
    maximum: 100,
    leadTimeDays: 3,
    packMultiple: 5,
  });
  const sites = {
    movements: `${run}-mv`,
    levels: `${run}-lv`,
    buyerForecasts: `${run}-bf`,
    demandForecasts: `${run}-df`,
    orders: `${run}-or`,
  };
  const signed = testAgreement({
    agreementId: `${run}-AGR`,
    buyerId: buyer,
    supplierId: supplier,
    lines: Object.values(sites).map(line),
  });
  const hour = 3_600_000;
  const now = Date.now();
  const nul = 'a\u0000b';
  const long = 'x'.repeat(100_000);
  const report: string[] = [];
  let services: ServiceProcess[] = [];
  let kafka: KafkaTestClient;
  const db = <T>(sql: string, params: unknown[]) => queryDatabase<T>(process.env.DATABASE_URL!, sql, params);

  // Before the services validate every consumed record, each missing dead letter costs a wait.
  jest.setTimeout(300_000);

  beforeAll(async () => {
    kafka = new KafkaTestClient();
    await receiver.start();
    const partiesFile = writePartiesFile([
      { id: buyer, kind: 'buyer', name: 'Fuzz buyer', apiKey: buyerKey, webhookUrl: `${receiver.baseUrl}/hooks/buyer` },
      { id: supplier, kind: 'supplier', name: 'Fuzz supplier', apiKey: uniqueId('key'), webhookUrl: `${receiver.baseUrl}/hooks/supplier` },
    ]);
    services = await startServiceProcesses(
      ['inventory-ingest', 'forecasting', 'replenishment', 'shipment', 'sla-monitor', 'notification'],
      { SMI_AGREEMENTS_FILE: writeAgreementsFile([signed]), SMI_PARTIES_FILE: partiesFile },
    );
  });

  afterAll(async () => {
    await Promise.all(services.map((s) => s.stop()));
    await kafka?.disconnect();
    await receiver.stop();
    console.log(
      [
        `Kafka fuzzing seed ${seed}`,
        '| topic | records | bad | dead-lettered (per consumer) | valid | applied | settled in s |',
        '|---|---|---|---|---|---|---|',
        ...report,
      ].join('\n'),
    );
  });

  interface TopicFuzz<T extends { eventId: string }> {
    topic: TopicDefinition<T>;
    /** Which services must dead-letter each bad record: all consumers, unless a record names its own. */
    consumers: ServiceName[];
    valid: T[];
    template: T;
    outOfRange: OutOfRange<T>;
    /** Out-of-range labels only some consumers judge (a consumer that ignores the record applies nothing). */
    judgedBy?: Record<string, ServiceName[]>;
    /** Problems with the valid records' effect, empty when each was applied exactly once. */
    applied: () => Promise<string[]>;
  }

  async function fuzzTopic<T extends { eventId: string }>(fuzz: TopicFuzz<T>): Promise<void> {
    const bad = await badRecordsOf(kafka.codec, fuzz.topic, fuzz.template, fuzz.outOfRange, seed);
    const { messages, badCases } = await interleaved(kafka.codec, fuzz.topic, fuzz.valid, bad, {
      run,
      perValid: Math.ceil(bad.length / fuzz.valid.length),
    });
    const started = Date.now();
    await kafka.publisher.sendAll(messages);
    const expectedBy = (consumer: ServiceName) =>
      badCases.filter((c) => {
        const label = c.split(':').slice(3).join(':');
        return (fuzz.judgedBy?.[label] ?? fuzz.consumers).includes(consumer);
      });
    const problems: string[] = [];
    const deadLettered: string[] = [];
    for (const consumer of fuzz.consumers) {
      const expected = expectedBy(consumer);
      const dead = deadLetterReasons(
        await kafka.waitForRaw(
          deadLetterTopicOf(consumer),
          (r) => r.headers[FUZZ_CASE_HEADER]?.startsWith(`${run}:${fuzz.topic.contractName}:`) ?? false,
          { count: expected.length, timeoutMs: 20_000, settleMs: 1_000, fewerOnTimeout: true },
        ),
      );
      deadLettered.push(`${consumer} ${dead.size}/${expected.length}`);
      for (const fuzzCase of expected) {
        const reason = dead.get(fuzzCase);
        if (reason === undefined) problems.push(`${consumer} did not dead-letter ${fuzzCase}`);
        else if (reason.trim() === '') problems.push(`${consumer} dead-lettered ${fuzzCase} without a reason`);
      }
    }
    let appliedProblems: string[] = [];
    await eventually(
      async () => (appliedProblems = await fuzz.applied()).length === 0,
      `the valid ${fuzz.topic.contractName} records to be applied`,
      20_000,
    ).catch(() => undefined);
    const settled = (Date.now() - started) / 1000;
    report.push(
      `| ${fuzz.topic.contractName} | ${messages.length} | ${badCases.length} | ${deadLettered.join(', ')} | ${fuzz.valid.length} | ${
        appliedProblems.length === 0 ? 'all, once' : 'NO'
      } | ${settled.toFixed(1)} |`,
    );
    problems.push(...appliedProblems);
    for (const consumer of fuzz.consumers) {
      const health = await fetch(`${services.find((s) => s.name === consumer)!.baseUrl}/health`);
      if (health.status !== 200) problems.push(`${consumer} is not healthy after the run (${health.status})`);
    }
    expect(problems).toEqual([]);
  }

  it('stock movements: inventory-ingest dead-letters every bad record and applies each valid movement once', async () => {
    const movement = (i: number): StockMovement => ({
      eventId: `${run}-mv-${i}`,
      buyerId: buyer,
      siteId: sites.movements,
      itemId: 'bolt',
      kind: 'RECEIPT',
      quantity: 3,
      unit: 'EA',
      occurredAt: new Date(now - hour + i * 1000),
      source: 'kafka-fuzz',
      orderReference: null,
    });
    await fuzzTopic({
      topic: topics.stockMovements,
      consumers: ['inventory-ingest'],
      valid: Array.from({ length: VALID }, (_, i) => movement(i)),
      template: { ...movement(999), eventId: `${run}-mv-bad` },
      outOfRange: [
        ['quantity NaN', { quantity: NaN }],
        ['quantity Infinity', { quantity: Infinity }],
        ['quantity 1e308', { quantity: 1e308 }],
        ['quantity 1e12', { quantity: 1e12 }],
        ['receipt of -5', { quantity: -5 }],
        ['NUL in siteId', { siteId: nul }],
        ['NUL in eventId', { eventId: nul }],
        ['100,000-character eventId', { eventId: long }],
        ['unit other than the agreement', { unit: 'KG' }],
      ],
      applied: async () => {
        const rows = await db<{ quantity: number; sequence: number }>(
          'SELECT quantity::float AS quantity, sequence::int AS sequence FROM inventory_ingest.on_hand WHERE buyer_id = $1 AND site_id = $2',
          [buyer, sites.movements],
        );
        const want = { quantity: 3 * VALID, sequence: VALID };
        return JSON.stringify(rows) === JSON.stringify([want]) ? [] : [`on-hand ${JSON.stringify(rows)}, expected ${JSON.stringify(want)}`];
      },
    });
  });

  it('stock levels: forecasting, replenishment, shipment and sla-monitor dead-letter every bad record and apply each valid level once', async () => {
    // Every fourth level is a goods receipt of an order shipment has not seen: shipment keeps it until the order comes.
    const receipt = (i: number) => i % 4 === 3;
    const level = (i: number): StockLevel => ({
      eventId: `${run}-lv-${i}/stock-level`,
      buyerId: buyer,
      siteId: sites.levels,
      itemId: 'bolt',
      onHand: 1_000 - i,
      unit: 'EA',
      sequence: i + 1,
      asOf: new Date(now - hour + i * 1000),
      movementId: `${run}-lv-${i}`,
      movementKind: receipt(i) ? 'RECEIPT' : 'CONSUMPTION',
      movementQuantity: 5,
      orderReference: receipt(i) ? `${run}-ORD-${i}` : null,
    });
    const valid = Array.from({ length: VALID }, (_, i) => level(i));
    const consumptions = valid.filter((l) => l.movementKind === 'CONSUMPTION').length;
    const receipts = valid.filter((l) => l.movementKind === 'RECEIPT').map((l) => l.orderReference!);
    // A bad level carries a sequence above every valid one: applied by mistake, it would make the next valid ones look stale.
    const template: StockLevel = { ...level(999), eventId: `${run}-lv-bad/stock-level`, sequence: 1_000_000 };
    const consumptionJudges: ServiceName[] = ['forecasting', 'replenishment', 'sla-monitor'];
    const badReceipt = { movementKind: 'RECEIPT', orderReference: `${run}-ORD-bad` } as const;
    await fuzzTopic({
      topic: topics.stockLevels,
      consumers: ['forecasting', 'replenishment', 'shipment', 'sla-monitor'],
      valid,
      template,
      outOfRange: [
        ['onHand NaN', { onHand: NaN }],
        ['onHand 1e308', { onHand: 1e308 }],
        ['onHand 1e12', { onHand: 1e12 }],
        ['consumption of NaN', { movementQuantity: NaN }],
        ['consumption of 1e308', { movementQuantity: 1e308 }],
        ['NUL in siteId', { siteId: nul }],
        ['unit other than the agreement', { unit: 'KG' }],
        ['receipt of NaN', { ...badReceipt, movementQuantity: NaN }],
        ['receipt of 1e12', { ...badReceipt, movementQuantity: 1e12 }],
        ['receipt of -5', { ...badReceipt, movementQuantity: -5 }],
      ],
      judgedBy: {
        'onHand NaN': consumptionJudges,
        'onHand 1e308': consumptionJudges,
        'onHand 1e12': consumptionJudges,
        'consumption of NaN': consumptionJudges,
        'consumption of 1e308': consumptionJudges,
        'NUL in siteId': consumptionJudges,
        'unit other than the agreement': consumptionJudges,
        'receipt of NaN': ['shipment'],
        'receipt of 1e12': ['shipment'],
        'receipt of -5': ['shipment'],
      },
      applied: async () => {
        const ofKey = async (expression: string, table: string) =>
          (
            await db<{ n: number }>(`SELECT ${expression} AS n FROM ${table} WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3`, [
              buyer,
              sites.levels,
              'bolt',
            ])
          )[0]?.n;
        const seen = {
          replenishment: await ofKey('max(sequence)::int', 'replenishment.stock_position'),
          slaMonitor: await ofKey('max(last_sequence)::int', 'sla_monitor.stockout_watch'),
          forecastingSeries: await ofKey('max(last_sequence)::int', 'forecasting.consumption_series'),
          forecastingConsumed: await ofKey('coalesce(sum(quantity), 0)::float', 'forecasting.consumption_day'),
          shipmentReceipts: (
            await db<{ n: number }>(
              'SELECT count(*)::int AS n FROM shipment.goods_receipts WHERE order_id = ANY($1) AND quantity = 5 AND shipment_id IS NULL',
              [receipts],
            )
          )[0]?.n,
        };
        const want = {
          replenishment: VALID,
          slaMonitor: VALID,
          forecastingSeries: VALID,
          forecastingConsumed: 5 * consumptions,
          shipmentReceipts: receipts.length,
        };
        return Object.entries(want).flatMap(([what, n]) => {
          const got = seen[what as keyof typeof seen];
          return got === n ? [] : [`${what}: ${got} where ${n} valid levels applied once give ${n}`];
        });
      },
    });
  });

  it('buyer forecasts: forecasting dead-letters every bad record and keeps each valid forecast once', async () => {
    const forecast = (i: number): BuyerForecast => ({
      eventId: `${run}-bf-${i}`,
      buyerId: buyer,
      siteId: sites.buyerForecasts,
      itemId: 'bolt',
      unit: 'EA',
      periodDays: 1,
      firstPeriodStart: new Date(now + i * 86_400_000).toISOString().slice(0, 10),
      quantities: [4, 5, 6],
      submittedAt: new Date(now - hour),
    });
    const valid = Array.from({ length: VALID }, (_, i) => forecast(i));
    await fuzzTopic({
      topic: topics.buyerForecasts,
      consumers: ['forecasting'],
      valid,
      template: { ...forecast(0), eventId: `${run}-bf-bad` },
      outOfRange: [
        ['quantity NaN', { quantities: [1, NaN] }],
        ['quantity 1e308', { quantities: [1e308] }],
        ['quantity 1e12', { quantities: [1e12] }],
        ['quantity -1', { quantities: [-1] }],
        ['no quantities', { quantities: [] }],
        ['periodDays 0', { periodDays: 0 }],
        ['periodDays 1e9', { periodDays: 1e9 }],
        ['firstPeriodStart not a day', { firstPeriodStart: '2026-02-30' }],
        ['NUL in siteId', { siteId: nul }],
        ['100,000-character eventId', { eventId: long }],
      ],
      applied: async () => {
        const rows = await db<{ event_id: string }>('SELECT event_id FROM forecasting.buyer_forecast WHERE event_id = ANY($1)', [
          valid.map((f) => f.eventId),
        ]);
        return rows.length === VALID ? [] : [`${rows.length} of ${VALID} valid buyer forecasts kept`];
      },
    });
  });

  it('demand forecasts: replenishment dead-letters every bad record and keeps the latest valid forecast', async () => {
    const forecast = (i: number): DemandForecast =>
      exampleDemandForecast({
        eventId: `${run}-df-${i}`,
        buyerId: buyer,
        siteId: sites.demandForecasts,
        itemId: 'bolt',
        demandPerPeriod: 2 + i,
        generatedAt: new Date(now - hour + i * 1000),
      });
    const valid = Array.from({ length: VALID }, (_, i) => forecast(i));
    await fuzzTopic({
      topic: topics.demandForecasts,
      consumers: ['replenishment'],
      valid,
      // Newer than every valid one: applied by mistake, it would stay the latest.
      template: { ...forecast(0), eventId: `${run}-df-bad`, generatedAt: new Date(now) },
      outOfRange: [
        ['demand NaN', { demandPerPeriod: NaN }],
        ['demand 1e308', { demandPerPeriod: 1e308 }],
        ['demand -5', { demandPerPeriod: -5 }],
        ['deviation NaN', { standardDeviationPerPeriod: NaN }],
        ['deviation -1', { standardDeviationPerPeriod: -1 }],
        ['periodDays 0', { periodDays: 0 }],
        ['NUL in siteId', { siteId: nul }],
      ],
      applied: async () => {
        const rows = await db<{ forecast_event_id: string; per_day: number }>(
          'SELECT forecast_event_id, per_day FROM replenishment.demand_outlook WHERE buyer_id = $1 AND site_id = $2',
          [buyer, sites.demandForecasts],
        );
        const last = valid[VALID - 1];
        return rows[0]?.forecast_event_id === last.eventId && rows[0].per_day === last.demandPerPeriod
          ? []
          : [`demand outlook ${JSON.stringify(rows)}; expected the last valid forecast ${last.eventId}`];
      },
    });
  });

  const deliveriesOf = async (eventIds: string[]) =>
    (
      await db<{ caused_by_event_id: string; n: number }>(
        'SELECT caused_by_event_id, count(*)::int AS n FROM notification.deliveries WHERE caused_by_event_id = ANY($1) GROUP BY 1',
        [eventIds],
      )
    ).reduce((found, row) => found.set(row.caused_by_event_id, row.n), new Map<string, number>());
  /** Each event alerts each party it concerns once: `parties` deliveries per event. */
  const alertedOnce = async (eventIds: string[], parties: number) => {
    const found = await deliveriesOf(eventIds);
    return eventIds.flatMap((id) =>
      found.get(id) === parties ? [] : [`${id} gave ${found.get(id) ?? 0} deliveries, expected ${parties}`],
    );
  };

  it('replenishment orders: shipment, sla-monitor and notification dead-letter every bad record, plan, keep and alert each valid order once', async () => {
    const order = (i: number): ReplenishmentOrder =>
      exampleReplenishmentOrder({
        orderId: `${run}-or-${i}`,
        agreementId: signed.agreementId,
        buyerId: buyer,
        supplierId: supplier,
        siteId: sites.orders,
        itemId: 'bolt',
      });
    const valid = Array.from({ length: VALID }, (_, i) => order(i));
    await fuzzTopic({
      topic: topics.replenishmentOrders,
      consumers: ['shipment', 'sla-monitor', 'notification'],
      valid,
      template: { ...order(999), eventId: `${run}-or-bad/released` },
      outOfRange: [
        ['quantity NaN', { quantity: NaN }],
        ['quantity 1e308', { quantity: 1e308 }],
        ['quantity 1e12', { quantity: 1e12 }],
        ['quantity -5', { quantity: -5 }],
        ['NUL in orderId', { orderId: nul }],
        ['NUL in buyerId', { buyerId: nul }],
      ],
      // Notification alerts known parties only: an order for no known buyer is alerted to its supplier alone.
      judgedBy: { 'NUL in buyerId': ['shipment', 'sla-monitor'] },
      applied: async () => {
        const shipments = await db<{ order_id: string; n: number }>(
          // Orders for one site and day share a shipment, a line each.
          `SELECT line->>'orderId' AS order_id, count(*)::int AS n FROM shipment.shipments, jsonb_array_elements(lines) AS line
           WHERE line->>'orderId' = ANY($1) GROUP BY 1`,
          [valid.map((o) => o.orderId)],
        );
        const planned = shipments.length === VALID && shipments.every((s) => s.n === 1) ? [] : [`shipments ${JSON.stringify(shipments)}`];
        const [kept] = await db<{ n: number }>('SELECT count(*)::int AS n FROM sla_monitor.ordered_lines WHERE order_id = ANY($1)', [
          valid.map((o) => o.orderId),
        ]);
        return [
          ...planned,
          ...(kept.n === VALID ? [] : [`sla-monitor kept ${kept.n} order lines`]),
          ...(await alertedOnce(
            valid.map((o) => o.eventId),
            2,
          )),
        ];
      },
    });
  });

  it('shipments: sla-monitor and notification dead-letter every bad record, keep and alert each valid dispatch once', async () => {
    const shipment = (i: number): Shipment =>
      exampleShipment({
        eventId: `${run}-sh-${i}/dispatched`,
        shipmentId: `${run}-sh-${i}`,
        orderId: `${run}-sh-order-${i}`,
        agreementId: signed.agreementId,
        buyerId: buyer,
        supplierId: supplier,
        siteId: sites.orders,
        itemId: 'bolt',
        status: 'DISPATCHED',
        statusChangedAt: new Date(now - hour),
        expectedDeliveryAt: new Date(now + 3 * 24 * hour),
        dispatchedAt: new Date(now - hour),
      });
    const valid = Array.from({ length: VALID }, (_, i) => shipment(i));
    await fuzzTopic({
      topic: topics.shipments,
      consumers: ['sla-monitor', 'notification'],
      valid,
      template: { ...shipment(999), eventId: `${run}-sh-bad/dispatched` },
      outOfRange: [
        ['quantity NaN', { quantity: NaN }],
        ['quantity 1e308', { quantity: 1e308 }],
        ['quantity -1', { quantity: -1 }],
        ['NUL in shipmentId', { shipmentId: nul }],
      ],
      // A dispatch is news to the buyer only.
      applied: async () => {
        const [kept] = await db<{ n: number }>('SELECT count(*)::int AS n FROM sla_monitor.shipped_lines WHERE shipment_id = ANY($1)', [
          valid.map((s) => s.shipmentId),
        ]);
        return [
          ...(kept.n === VALID ? [] : [`sla-monitor kept ${kept.n} shipped lines`]),
          ...(await alertedOnce(
            valid.map((s) => s.eventId),
            1,
          )),
        ];
      },
    });
  });

  it('SLA breaches: notification dead-letters every bad record and alerts each valid breach once', async () => {
    const breach = (i: number): SlaBreach => ({
      eventId: `${run}-br-${i}`,
      kind: 'PENALTY',
      agreementId: signed.agreementId,
      buyerId: buyer,
      supplierId: supplier,
      siteId: sites.orders,
      itemId: 'bolt',
      occurredAt: new Date(now - hour + i * 1000),
      period: new Date(now).toISOString().slice(0, 7),
      stockoutsInPeriod: 2 + i,
      allowedStockoutsPerPeriod: 1,
      penaltyAmount: 250,
      currency: 'EUR',
      stockLevelEventId: `${run}-br-level-${i}`,
    });
    const valid = Array.from({ length: VALID }, (_, i) => breach(i));
    await fuzzTopic({
      topic: topics.slaBreaches,
      consumers: ['notification'],
      valid,
      template: { ...breach(999), eventId: `${run}-br-bad` },
      outOfRange: [
        ['penalty NaN', { penaltyAmount: NaN }],
        ['penalty 1e308', { penaltyAmount: 1e308 }],
        ['penalty 1e12', { penaltyAmount: 1e12 }],
        ['penalty -1', { penaltyAmount: -1 }],
        ['stockouts -1', { stockoutsInPeriod: -1 }],
        ['NUL in siteId', { siteId: nul }],
      ],
      applied: () =>
        alertedOnce(
          valid.map((b) => b.eventId),
          2,
        ),
    });
  });

  it('agreements: every service dead-letters every bad version and knows each valid one', async () => {
    const version = (i: number): AgreementVersion =>
      agreementVersionEvent({
        agreement: testAgreement({
          agreementId: `${run}-AGR-topic-${i}`,
          buyerId: buyer,
          supplierId: supplier,
          lines: [line(`${run}-ag-${i}`)],
        }),
        version: 1,
        effectiveFrom: new Date(now - 24 * hour).toISOString(),
        status: 'active',
        changedBy: supplier,
        changedAt: new Date(now - 24 * hour).toISOString(),
        changeReason: 'kafka fuzz',
      });
    const valid = Array.from({ length: VALID }, (_, i) => version(i));
    const template = { ...version(999), eventId: `${run}-AGR-topic-bad/v1` };
    const badLine = (terms: Partial<AgreementVersion['lines'][number]>) => ({ lines: [{ ...template.lines[0], ...terms }] });
    await fuzzTopic({
      topic: topics.agreements,
      consumers: ['inventory-ingest', 'forecasting', 'replenishment', 'shipment', 'sla-monitor', 'notification'],
      valid,
      template,
      outOfRange: [
        ['lead time 1e308', badLine({ leadTimeDays: 1e308 })],
        ['lead time NaN', badLine({ leadTimeDays: NaN })],
        ['maximum 1e12', badLine({ maximum: 1e12 })],
        ['pack multiple 0', badLine({ packMultiple: 0 })],
        ['NUL in agreementId', { agreementId: nul }],
      ],
      applied: async () => {
        const problems: string[] = [];
        for (const v of valid) {
          // The what-if simulator starts from the line the agreement book holds: 200 means replenishment knows the version.
          const response = await fetch(`${services.find((s) => s.name === 'replenishment')!.baseUrl}/what-if-simulations`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-api-key': buyerKey },
            body: JSON.stringify({ agreementId: v.agreementId, demand: [1, 2, 3], bucketDays: 1 }),
          });
          if (response.status !== 200) problems.push(`replenishment's agreement book lacks ${v.agreementId} (${response.status})`);
        }
        return problems;
      },
    });
  });
});
