import { siteItemKeyOf, SlaBreach, StockMovement, topics } from '@smi/contracts';
import { consumerGroupOf } from '@smi/messaging';
import {
  ConsumerLagReader,
  eventually,
  foldStockMovements,
  KafkaTestClient,
  ServiceName,
  testAgreement,
  uniqueId,
  waitUntilCaughtUp,
  WebhookReceiver,
  writeAgreementsFile,
  writePartiesFile,
} from '@smi/testing';

/** What each service consumes (docs/architecture.md): the topics its consumer group lags on. */
export const CONSUMED: Record<ServiceName, string[]> = {
  notification: [
    topics.replenishmentOrders.name,
    topics.slaBreaches.name,
    topics.shipments.name,
    topics.stockLevels.name,
    topics.demandForecasts.name,
  ],
  shipment: [topics.replenishmentOrders.name, topics.stockLevels.name],
  'sla-monitor': [topics.stockLevels.name],
  forecasting: [topics.stockLevels.name, topics.buyerForecasts.name],
  replenishment: [topics.stockLevels.name, topics.demandForecasts.name, topics.shipments.name],
  'inventory-ingest': [topics.stockMovements.name],
};
/** Downstream first, so each still has work coming when it is killed. */
export const KILL_ORDER: ServiceName[] = ['notification', 'shipment', 'sla-monitor', 'forecasting', 'replenishment', 'inventory-ingest'];

/** The alerts counted here: those orders and breaches cause (the stock rules alert too, as levels cross the lines' terms). */
const ORDER_AND_BREACH_TOPICS = new Set(['ORDER_RAISED', 'APPROVAL_NEEDED', 'ORDER_REJECTED', 'ORDER_EXPIRED', 'STOCKOUT', 'PENALTY']);

const REORDER_POINT = 40;
const MAXIMUM = 120;
const STOCKOUTS_PER_LINE = 6;
const REFILL = 5;
const ALLOWED_STOCKOUTS = 1;

/**
 * A buyer's stream of stock movements over 4 sites x 4 items that every service has work in, and what
 * buyers and suppliers must see once it is all through, checked against an independent fold of it: every
 * movement applied once (on-hand and sequence per site x item in inventory-ingest, on the stock-level topic
 * and in replenishment's positions), one order and one shipment per need, each stockout once, a forecast
 * per series, and each alert delivered once (a repeat only where a kill cut a webhook attempt off).
 * Used by the tests that kill services mid-stream and that run several instances of each.
 */
export class StockoutStream {
  readonly buyer = uniqueId('stream-buyer');
  readonly supplier = uniqueId('stream-supplier');
  readonly keys = { buyer: uniqueId('key'), supplier: uniqueId('key') };
  private readonly sites = Array.from({ length: 4 }, () => uniqueId('site'));
  private readonly items = Array.from({ length: 4 }, () => uniqueId('item'));
  readonly lines = this.sites.flatMap((siteId) => this.items.map((itemId) => ({ siteId, itemId })));
  readonly stream: StockMovement[];
  readonly expected: ReturnType<typeof foldStockMovements>;
  readonly expectedBreaches: number;
  /** Both parties hear of each order and each breach. */
  readonly expectedAlerts: number;

  constructor(private readonly receiver: WebhookReceiver) {
    // Lines interleaved, so every line moves on through the whole stream; all in this UTC day, so in one SLA month.
    const startOfDay = new Date(new Date().toISOString().slice(0, 10)).getTime();
    const firstAt = Math.max(startOfDay, Date.now() - 10 * 60_000);
    const perLine = this.lines.map((_, n) => stepsOfLine(n));
    const stream: StockMovement[] = [];
    for (let step = 0; step < Math.max(...perLine.map((s) => s.length)); step++) {
      this.lines.forEach(({ siteId, itemId }, n) => {
        const next = perLine[n][step];
        if (!next) return;
        stream.push({
          eventId: `${siteId}-${itemId}-${step}`,
          buyerId: this.buyer,
          siteId,
          itemId,
          kind: next[0],
          quantity: next[1],
          unit: 'EA',
          occurredAt: new Date(firstAt + stream.length),
          source: 'crash-test',
          orderReference: null,
        });
      });
    }
    this.stream = stream;
    this.expected = foldStockMovements(stream);
    this.expectedBreaches = [...this.expected.values()].reduce((sum, line) => sum + line.stockouts, 0);
    this.expectedAlerts = 2 * (this.lines.length + this.expectedBreaches);
  }

  /** The services' environment: the buyer's agreement and both parties, their webhooks on the receiver. */
  environment(): NodeJS.ProcessEnv {
    return {
      SMI_AGREEMENTS_FILE: writeAgreementsFile([
        testAgreement({
          agreementId: uniqueId('agr'),
          buyerId: this.buyer,
          supplierId: this.supplier,
          penalties: { allowedStockoutsPerMonth: ALLOWED_STOCKOUTS, penaltyPerStockout: 250 },
          lines: this.lines.map(({ siteId, itemId }) => ({
            siteId,
            itemId,
            unit: 'EA',
            minimum: REORDER_POINT,
            reorderPoint: REORDER_POINT,
            maximum: MAXIMUM,
            leadTimeDays: 3,
            packMultiple: 10,
          })),
        }),
      ]),
      SMI_PARTIES_FILE: writePartiesFile([
        { id: this.buyer, kind: 'buyer', name: 'Stream buyer', apiKey: this.keys.buyer, webhookUrl: this.receiver.hookOf(this.buyer) },
        {
          id: this.supplier,
          kind: 'supplier',
          name: 'Stream supplier',
          apiKey: this.keys.supplier,
          webhookUrl: this.receiver.hookOf(this.supplier),
        },
      ]),
    };
  }

  /** The stream cut in an opening (every line opened, crossing its reorder point and emptied) and `count` parts. */
  parts(count: number): StockMovement[][] {
    const opening = this.lines.length * 3;
    const parts = [this.stream.slice(0, opening)];
    const partSize = Math.ceil((this.stream.length - opening) / count);
    for (let from = opening; from < this.stream.length; from += partSize) parts.push(this.stream.slice(from, from + partSize));
    return parts;
  }

  private orderAndBreachPosts() {
    return new Map([...this.receiver.postsByNotification()].filter(([, [first]]) => ORDER_AND_BREACH_TOPICS.has(first.body.topic)));
  }

  /**
   * Waits until everything the stream causes is through, then checks what each service shows against the fold.
   * `api` asks any running instance of a service; `notificationKills` are when instances of notification were killed
   * (an alert may be posted twice only when a kill cut its first attempt off).
   */
  async expectEverythingOnce(options: {
    kafka: KafkaTestClient;
    lag: ConsumerLagReader;
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    api: (service: ServiceName, path: string, key: string) => Promise<any>;
    notificationKills: Date[];
    mark: (what: string) => void;
  }): Promise<void> {
    const { kafka, lag, api, mark } = options;
    const { buyer, supplier, keys, lines, stream, expectedBreaches, expectedAlerts } = this;
    const lineKey = (r: { siteId: string; itemId: string }) => siteItemKeyOf({ buyerId: buyer, ...r });
    const byLine = <T extends { siteId: string; itemId: string }>(rows: T[]) =>
      [...rows].sort((a, b) => lineKey(a).localeCompare(lineKey(b)));

    // Alerts come last; one whose attempt a kill cut off is posted again once its lease runs out.
    await eventually(() => this.orderAndBreachPosts().size >= expectedAlerts, `${expectedAlerts} alerts on the webhooks`, 150_000);
    mark('every alert posted');
    await waitUntilCaughtUp(lag, new Map(KILL_ORDER.map((name) => [consumerGroupOf(name), CONSUMED[name]])));

    mark('every consumer group caught up');
    // Every topic read from its start, each read past its expected count a while so late extras would show.
    const settled = { settleMs: 3000 };
    const shippedOrders = new Set<string>();
    const [levels, orderEvents, shipmentEvents, breachEvents, outcomes] = await Promise.all([
      kafka.waitForEvents(topics.stockLevels, (l) => l.buyerId === buyer, { count: stream.length, ...settled }),
      kafka.waitForEvents(topics.replenishmentOrders, (o) => o.buyerId === buyer, { count: lines.length, ...settled }),
      // A batch announces each shipment once, in its last state: read until every order is on one.
      kafka.waitForEvents(
        topics.shipments,
        (s) => {
          if (s.buyerId !== buyer) return false;
          for (const line of s.lines) shippedOrders.add(line.orderId);
          return shippedOrders.size >= lines.length;
        },
        { count: 1, ...settled, fewerOnTimeout: true },
      ),
      kafka.waitForEvents(topics.slaBreaches, (b) => b.buyerId === buyer, { count: expectedBreaches, ...settled }),
      kafka.waitForEvents(
        topics.notifications,
        (n) => (n.recipientId === buyer || n.recipientId === supplier) && ORDER_AND_BREACH_TOPICS.has(n.topic),
        {
          count: expectedAlerts,
          ...settled,
        },
      ),
    ]);
    mark('topics read');

    // inventory-ingest: each line's on-hand is the fold's, and its sequence counts every movement exactly once.
    const fold = byLine([...this.expected.values()]);
    const stockLevels: Array<{ siteId: string; itemId: string; quantity: number; sequence: number }> = await api(
      'inventory-ingest',
      '/stock-levels',
      keys.buyer,
    );
    expect(byLine(stockLevels).map(({ siteId, itemId, quantity, sequence }) => ({ siteId, itemId, quantity, sequence }))).toEqual(
      fold.map(({ siteId, itemId, onHand, movements }) => ({ siteId, itemId, quantity: onHand, sequence: movements })),
    );

    // The stock-level topic: one level per movement (a republished level keeps its id), sequences 1..n per line,
    // and the latest level of each line is the fold's on-hand.
    expect(levels.map((l) => l.value.movementId).sort()).toEqual(stream.map((m) => m.eventId).sort());
    const latest = new Map<string, { siteId: string; itemId: string; onHand: number; sequence: number }>();
    const sequences = new Map<string, number[]>();
    for (const { value } of levels) {
      sequences.set(lineKey(value), [...(sequences.get(lineKey(value)) ?? []), value.sequence]);
      if ((latest.get(lineKey(value))?.sequence ?? 0) < value.sequence) latest.set(lineKey(value), value);
    }
    for (const line of fold) {
      expect([...(sequences.get(lineKey(line)) ?? [])].sort((a, b) => a - b)).toEqual(
        Array.from({ length: line.movements }, (_, i) => i + 1),
      );
    }
    expect(byLine([...latest.values()]).map(({ siteId, itemId, onHand, sequence }) => ({ siteId, itemId, onHand, sequence }))).toEqual(
      fold.map(({ siteId, itemId, onHand, movements }) => ({ siteId, itemId, onHand, sequence: movements })),
    );

    // replenishment: its stock positions hold the fold's on-hand.
    const projections: Array<{ siteId: string; itemId: string; onHand: number }> = await api(
      'replenishment',
      '/stock-projections?horizonDays=1',
      keys.buyer,
    );
    expect(byLine(projections).map(({ siteId, itemId, onHand }) => ({ siteId, itemId, onHand }))).toEqual(
      fold.map(({ siteId, itemId, onHand }) => ({ siteId, itemId, onHand })),
    );

    // One order per line, on the topic and in replenishment's books: 80 up to the maximum, released.
    expect(
      byLine(orderEvents.map((o) => o.value)).map(({ siteId, itemId, quantity, status }) => ({ siteId, itemId, quantity, status })),
    ).toEqual(fold.map(({ siteId, itemId }) => ({ siteId, itemId, quantity: MAXIMUM - REORDER_POINT, status: 'RELEASED' })));
    const orderIds = orderEvents.map((o) => o.value.orderId).sort();
    const booked: Array<{ orderId: string; siteId: string; itemId: string }> = await api('replenishment', '/orders', keys.supplier);
    expect(booked.map((o) => o.orderId).sort()).toEqual(orderIds);

    // shipment: each order planned once (orders of one site and day share a shipment, a line each), and announced on it.
    expect(shipmentEvents.length).toBeGreaterThan(0);
    expect([...shippedOrders].sort()).toEqual(orderIds);
    const shipments: Array<{ lines: Array<{ orderId: string }> }> = await api('shipment', '/shipments', keys.supplier);
    expect(shipments.flatMap((s) => s.lines.map((l) => l.orderId)).sort()).toEqual(orderIds);

    // sla-monitor: per line, each stockout of the fold once, counted 1..n in the month, claiming no money.
    const breaches: SlaBreach[] = await api('sla-monitor', '/breaches', keys.buyer);
    expect(breaches.map((b) => b.eventId).sort()).toEqual(breachEvents.map((b) => b.value.eventId).sort());
    const counted = (kind: SlaBreach['kind'], line: { siteId: string; itemId: string }) =>
      breaches
        .filter((b) => b.kind === kind && b.siteId === line.siteId && b.itemId === line.itemId)
        .map((b) => [b.stockoutsInPeriod, b.penaltyAmount])
        .sort((a, b) => a[0] - b[0]);
    for (const line of fold) {
      const all = Array.from({ length: line.stockouts }, (_, i) => i + 1);
      expect({ line: lineKey(line), stockouts: counted('STOCKOUT', line), penalties: counted('PENALTY', line) }).toEqual({
        line: lineKey(line),
        stockouts: all.map((n) => [n, 0]),
        penalties: [],
      });
    }

    // forecasting: a forecast for every series.
    const forecasts: Array<{ siteId: string; itemId: string }> = await api('forecasting', '/forecasts', keys.buyer);
    expect(byLine(forecasts).map(({ siteId, itemId }) => ({ siteId, itemId }))).toEqual(
      fold.map(({ siteId, itemId }) => ({ siteId, itemId })),
    );

    // notification: each order and breach reached both parties under one notification id, and its outcome was announced once.
    const causes = [...orderEvents, ...breachEvents].map((e) => e.value.eventId);
    const posted = this.orderAndBreachPosts();
    const alerted = [...posted.values()].map(([first]) => `${first.body.payload.eventId} to ${first.body.recipientId}`).sort();
    expect(alerted).toEqual(causes.flatMap((cause) => [buyer, supplier].map((party) => `${cause} to ${party}`)).sort());
    expect(outcomes.map((n) => n.value.notificationId).sort()).toEqual([...posted.keys()].sort());
    expect(new Set(outcomes.map((n) => n.value.status))).toEqual(new Set(['DELIVERED']));
    // Webhooks are at-least-once (receivers drop repeats by x-smi-notification-id): an alert may be posted twice only
    // when its first attempt began before a kill and the kill came before its outcome was stored.
    const repeated = [...posted].filter(([, posts]) => posts.length > 1);
    mark('checked');
    console.log(`${posted.size} alerts delivered; ${repeated.length} posted again after a kill cut their attempt off`);
    for (const [id, posts] of repeated) {
      const cutOff = options.notificationKills.some((kill) => posts[0].at <= kill.getTime() && posts[1].at > kill.getTime());
      expect({ id, posts: posts.length, cutOffByAKill: cutOff }).toEqual({ id, posts: 2, cutOffByAKill: true });
    }
  }
}

/**
 * Per line: stock opens just above the reorder point, one unit crosses it (one order of
 * 120 - 40 = 80, never received, so the position stays above the reorder point and no
 * second order is due), then the shelf runs empty and is refilled over and over
 * (receipts, adjustments, a count finding less than booked), each emptying a stockout,
 * each counted in its month (penalties are made when the month closes, not per stockout).
 * Lines end on different quantities.
 */
function stepsOfLine(n: number): Array<[StockMovement['kind'], number]> {
  const steps: Array<[StockMovement['kind'], number]> = [
    ['RECEIPT', REORDER_POINT + 1],
    ['CONSUMPTION', 1],
    ['CONSUMPTION', REORDER_POINT],
  ];
  for (let stockout = 2; stockout <= STOCKOUTS_PER_LINE; stockout++) {
    steps.push(stockout % 2 ? ['ADJUSTMENT', REFILL] : ['RECEIPT', REFILL]);
    if (stockout === 4) steps.push(['COUNT', REFILL - 2]);
    for (let unit = 0; unit < REFILL; unit++) steps.push(['CONSUMPTION', 1]);
  }
  steps.push(['RECEIPT', 1 + (n % 5)]);
  return steps;
}
