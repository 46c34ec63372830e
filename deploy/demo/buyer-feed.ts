/**
 * The demo buyer feed: plays Acme Motors' ERP (consumption and goods receipts,
 * mostly as Avro on Kafka, every fifth day over REST) and Northwind's logistics
 * (dispatching and delivering the shipments the platform plans), in compressed
 * time, and prints what the platform does in response. It also receives the
 * parties' webhooks (deploy/seed/parties.json points them at port 3099).
 *
 * Exits 0 once it has seen orders, shipments, a stockout, a penalty and a
 * delivered webhook; 1 if the run ends without them.
 */
import { loadAgreementBook } from '@smi/agreements';
import { AvroCodec, inboundTopics, ReplenishmentOrder, Shipment, SlaBreach, StockMovement, topics, TopicDefinition } from '@smi/contracts';
import { createKafka, EventPublisher, partyPrincipalOf } from '@smi/messaging';
import { PartyDirectory, verifyWebhookSignature, WEBHOOK_SIGNATURE_HEADER } from '@smi/service-kit';
import { principalKafkaEnv } from '@smi/testing';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';

const BUYER = 'acme-motors';
const BUYER_KEY = process.env.DEMO_BUYER_KEY ?? 'demo-acme-key';
const SUPPLIER_KEY = process.env.DEMO_SUPPLIER_KEY ?? 'demo-northwind-key';
const INGEST_URL = process.env.INGEST_URL ?? 'http://localhost:3001';
const SHIPMENT_URL = process.env.SHIPMENT_URL ?? 'http://localhost:3004';
const DAYS = Number(process.env.DEMO_DAYS ?? 30);
const DAY_MS = Number(process.env.DEMO_DAY_MS ?? 1000);
const WEBHOOK_PORT = Number(process.env.DEMO_WEBHOOK_PORT ?? 3099);

/** Mean daily consumption per item: brake pads and filters steady, coolant heavy enough to run out. */
const DAILY_DEMAND: Record<string, number> = { 'brake-pad-bp100': 11, 'oil-filter-of220': 8, 'coolant-c5l': 30 };

const seen = { levels: 0, orders: 0, shipments: 0, received: 0, stockouts: 0, penalties: 0, webhooks: 0 };
const onHand = new Map<string, number>();
const line = (s: string) => console.log(`${new Date().toISOString().slice(11, 19)}  ${s}`);

/** Deterministic pseudo-random numbers, so every demo run tells the same story. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function main() {
  const book = loadAgreementBook();
  const lines = book.agreementsOf(BUYER).flatMap((a) => a.lines);
  // The watcher reads as the admin (what an operator sees); the ERP writes as Acme's own
  // principal, on Acme's own topic, the only one the broker lets it write.
  const kafka = createKafka('smi-demo-buyer-feed');
  const codec = new AvroCodec();
  const erp = createKafka('smi-demo-acme-erp', undefined, { ...process.env, ...principalKafkaEnv(partyPrincipalOf(BUYER)) });
  const movementsTopic = inboundTopics.stockMovements.of(BUYER);
  const publisher = new EventPublisher(erp, codec);
  await publisher.connect();
  const webhooks = startWebhookInbox();
  const stopWatching = await watchPlatform(kafka, codec, (shipment) => scheduleLogistics(shipment));
  const random = mulberry32(42);
  const timers: NodeJS.Timeout[] = [];

  const movement = (
    siteId: string,
    itemId: string,
    unit: string,
    kind: StockMovement['kind'],
    quantity: number,
    orderReference: string | null = null,
  ): StockMovement => ({
    eventId: `demo-${randomUUID()}`,
    buyerId: BUYER,
    siteId,
    itemId,
    kind,
    quantity,
    unit,
    occurredAt: new Date(),
    source: 'demo-buyer-erp',
    orderReference,
  });

  async function sendOverRest(movements: StockMovement[]) {
    const response = await fetch(`${INGEST_URL}/stock-movements`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-api-key': BUYER_KEY },
      body: JSON.stringify({ movements }),
    });
    if (response.status !== 202) throw new Error(`REST ingest answered ${response.status}: ${await response.text()}`);
  }

  const scheduled = new Set<string>();
  /** The supplier's logistics: each shipment (orders of a site and day travel together) leaves and arrives once. */
  function scheduleLogistics(shipment: Shipment) {
    if (scheduled.has(shipment.shipmentId)) return; // another order joined it: it is already scheduled
    scheduled.add(shipment.shipmentId);
    const leadTimeDays = book.lineFor(shipment.buyerId, shipment.siteId, shipment.itemId, new Date())?.line.leadTimeDays ?? 2;
    const url = `${SHIPMENT_URL}/shipments/${encodeURIComponent(shipment.shipmentId)}`;
    const call = async (action: 'dispatch' | 'deliver') => {
      const response = await fetch(`${url}/${action}`, { method: 'POST', headers: { 'x-api-key': SUPPLIER_KEY } });
      if (!response.ok) line(`! supplier ${action} of ${shipment.shipmentId} answered ${response.status}`);
    };
    timers.push(setTimeout(() => void call('dispatch'), DAY_MS / 2));
    timers.push(
      setTimeout(async () => {
        await call('deliver');
        // The buyer books a goods receipt against each order on it: that closes them.
        const arrived = (await (await fetch(url, { headers: { 'x-api-key': SUPPLIER_KEY } })).json()) as Shipment;
        for (const l of arrived.lines ?? []) {
          const quantity = l.dispatchedQuantity ?? l.orderedQuantity;
          await publisher.publish(movementsTopic, movement(shipment.siteId, l.itemId, l.unit, 'RECEIPT', quantity, l.orderId));
        }
      }, leadTimeDays * DAY_MS),
    );
  }

  line(`demo: ${lines.length} agreement lines for ${BUYER}; ${DAYS} days of ${DAY_MS} ms each`);
  line("day 0: opening stock, received up to each line's maximum");
  const sites = [...new Set(lines.map((l) => l.siteId))];
  for (const l of lines) await publisher.publish(movementsTopic, movement(l.siteId, l.itemId, l.unit, 'RECEIPT', l.maximum));
  // On a broker that already holds events (earlier runs, tests), the services first work through that backlog.
  const caughtUp = await waitUntil(
    () => lines.every((l) => onHand.has(`${l.siteId}|${l.itemId}`)),
    300_000,
    () => line('waiting for the services to apply the opening stock (they first work through any backlog on the broker) ...'),
  );
  if (!caughtUp) line('! the opening stock was not applied within 5 minutes; the counts below will be low');

  for (let day = 1; day <= DAYS; day++) {
    await new Promise((r) => setTimeout(r, DAY_MS));
    const todays = lines.map((l) => {
      const mean = DAILY_DEMAND[l.itemId] ?? 5;
      const quantity = Math.max(1, Math.round(mean * (0.6 + 0.8 * random())));
      return movement(l.siteId, l.itemId, l.unit, 'CONSUMPTION', quantity);
    });
    if (day % 5 === 0) await sendOverRest(todays);
    else for (const m of todays) await publisher.publish(movementsTopic, m);
    const table = sites
      .map(
        (site) =>
          `${site}: ${lines
            .filter((l) => l.siteId === site)
            .map((l) => `${l.itemId}=${onHand.get(`${site}|${l.itemId}`) ?? '?'}`)
            .join(' ')}`,
      )
      .join(' | ');
    line(`day ${day}${day % 5 === 0 ? ' (sent over REST)' : ''}: on-hand ${table}`);
  }
  await new Promise((r) => setTimeout(r, 3 * DAY_MS));
  timers.forEach(clearTimeout);
  await stopWatching();
  await publisher.disconnect();
  webhooks.close();

  console.log(`
Demo finished: ${seen.levels} stock levels, ${seen.orders} orders, ${seen.shipments} shipment events (${seen.received} received), ${seen.stockouts} stockouts, ${seen.penalties} penalties, ${seen.webhooks} webhooks delivered.

The services keep running. Look around (each call names its party by API key):
  curl -s -H 'x-api-key: demo-acme-key'      http://localhost:3001/stock-levels
  curl -s -H 'x-api-key: demo-acme-key'      http://localhost:3002/forecasts
  curl -s -H 'x-api-key: demo-northwind-key' http://localhost:3003/orders
  curl -s -H 'x-api-key: demo-northwind-key' http://localhost:3004/shipments
  curl -s -H 'x-api-key: demo-acme-key'      http://localhost:3005/breaches
  curl -s -H 'x-api-key: demo-acme-key'      http://localhost:3006/notifications
  curl -s http://localhost:3001/health
Logs: .local/logs/   Stop everything: bash deploy/demo.sh stop
`);
  const worked = seen.orders > 0 && seen.shipments > 0 && seen.stockouts > 0 && seen.penalties > 0 && seen.webhooks > 0;
  if (!worked) console.error('The demo did not show every step (see the counts above and the logs).');
  process.exit(worked ? 0 : 1);
}

async function waitUntil(done: () => boolean, timeoutMs: number, onWaiting: () => void): Promise<boolean> {
  const startedAt = Date.now();
  let told = false;
  while (!done()) {
    if (Date.now() - startedAt > timeoutMs) return false;
    if (!told && Date.now() - startedAt > 3000) {
      onWaiting();
      told = true;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return true;
}

/** Prints what the platform publishes, as the supplier's and buyer's systems would see it. */
async function watchPlatform(kafka: ReturnType<typeof createKafka>, codec: AvroCodec, onPlanned: (s: Shipment) => void) {
  const consumer = kafka.consumer({ groupId: `smi-demo-watch-${randomUUID()}` });
  await consumer.connect();
  const watched: TopicDefinition<unknown>[] = [topics.stockLevels, topics.replenishmentOrders, topics.shipments, topics.slaBreaches];
  await consumer.subscribe({ topics: watched.map((t) => t.name), fromBeginning: false });
  const startedAt = Date.now();
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const definition = watched.find((t) => t.name === topic)!;
      const value = (await codec.decode(definition, message.value)) as Record<string, unknown>;
      if (value.buyerId !== BUYER) return;
      if (topic === topics.stockLevels.name) {
        seen.levels++;
        onHand.set(`${value.siteId}|${value.itemId}`, value.onHand as number);
      } else if (topic === topics.replenishmentOrders.name) {
        const order = value as unknown as ReplenishmentOrder;
        seen.orders++;
        line(
          `ORDER    ${order.orderId}: ${order.quantity} ${order.unit} ${order.itemId} for ${order.siteId} (on-hand ${order.onHand}, on-order ${order.onOrder}, reorder point ${order.reorderPoint}, order-up-to ${order.orderUpTo})`,
        );
      } else if (topic === topics.shipments.name) {
        const shipment = value as unknown as Shipment;
        seen.shipments++;
        if (shipment.status === 'RECEIVED') seen.received++;
        line(
          `SHIPMENT ${shipment.shipmentId}: ${shipment.status} (${shipment.quantity} ${shipment.unit} ${shipment.itemId} to ${shipment.siteId})`,
        );
        if (shipment.status === 'PLANNED' && shipment.statusChangedAt.getTime() >= startedAt - 1000) onPlanned(shipment);
      } else if (topic === topics.slaBreaches.name) {
        const breach = value as unknown as SlaBreach;
        if (breach.kind === 'STOCKOUT') seen.stockouts++;
        else seen.penalties++;
        line(
          `${breach.kind === 'STOCKOUT' ? 'STOCKOUT' : 'PENALTY '} ${breach.siteId} ${breach.itemId}: stockout ${breach.stockoutsInPeriod} of ${breach.allowedStockoutsPerPeriod} allowed in ${breach.period}${breach.kind === 'PENALTY' ? `, ${breach.penaltyAmount} ${breach.currency} due` : ''}`,
        );
      }
    },
  });
  return () => consumer.disconnect();
}

/**
 * The parties' webhook endpoint for the demo: verifies each alert's signature with the secret of the
 * party its path names (/webhooks/<party>), as a party's own receiver would, and prints it.
 */
function startWebhookInbox() {
  const parties = PartyDirectory.fromFile();
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const party = (request.url ?? '').split('/').at(-1) ?? '';
      const header = request.headers[WEBHOOK_SIGNATURE_HEADER];
      const check = verifyWebhookSignature(
        parties.webhookSecretOf(party) ?? '',
        typeof header === 'string' ? header : undefined,
        body,
        new Date(),
      );
      if (!check.valid) {
        line(`WEBHOOK  ${request.url} refused: ${check.reason}`);
        response.writeHead(401).end(check.reason);
        return;
      }
      seen.webhooks++;
      try {
        const alert = JSON.parse(body) as { recipientId: string; subject: string };
        line(`WEBHOOK  to ${alert.recipientId} (signature verified): ${alert.subject}`);
      } catch {
        line(`WEBHOOK  ${request.url}: ${body.slice(0, 120)}`);
      }
      response.writeHead(204).end();
    });
  });
  server.listen(WEBHOOK_PORT);
  return server;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
