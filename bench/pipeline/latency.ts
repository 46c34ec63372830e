import { ReplenishmentOrder, StockLevel, StockMovement, topics } from '@smi/contracts';
import { consumerGroupOf } from '@smi/messaging';
import { Consumer, Producer } from 'kafkajs';
import { BenchRun } from './bench-run';
import { PIPELINE } from './end-to-end';
import { sleep, waitForLagZero, waitUntil } from './progress';
import { BenchParties, LATENCY_CONSUMPTION, movement, ORDER_UP_TO, SiteItem } from './workload';

export interface LatencyResult {
  rate: number;
  seconds: number;
  sent: number;
  /** Movements whose order was seen. */
  answered: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** From the last movement sent until every pipeline service's lag was 0. */
  lagZeroAfterMs: number;
  /** Median of each hop: send -> stock level published (inventory-ingest), stock level -> order published (replenishment). */
  hopP50: { ingest: number; replenishment: number };
}

/**
 * Decision latency, with all six services running (in the end-to-end phase, after its backlog):
 * consumption movements that each take a site x item below its reorder point, sent at a steady
 * rate, and for each the time from its send to its order's record on the replenishment-orders
 * topic (the record's timestamp, so the bench's own reading delay is not counted). An order
 * names the stock level that triggered it (triggeredByEventId), and the stock level the movement
 * it came from (movementId): the bench reads both topics to tie each order to its movement.
 */
export async function measureDecisionLatency(
  run: BenchRun,
  parties: BenchParties,
  keys: SiteItem[],
  rates: number[],
  seconds: number,
): Promise<LatencyResult[]> {
  const watch = new OrderWatch(run, parties.buyerId);
  const producer = run.kafka.producer();
  await producer.connect();
  try {
    await watch.start();
    // Each site x item starts at its order-up-to level, so its first consumption crosses the reorder point as every later one does.
    const receipts = keys.map((at, n) => movement(parties.buyerId, at, `${parties.buyerId}-latency-receipt-${n}`, 'RECEIPT', ORDER_UP_TO));
    await send(run, producer, receipts);
    await waitUntil(run.limit, 'the latency site x items to be received', async () => ({
      done: watch.levelsSeen >= receipts.length,
      progress: `${watch.levelsSeen} of ${receipts.length} receipts projected`,
    }));
    await waitForLagZero(run.admin, run.limit, 'the pipeline to be idle before the latency load', PIPELINE);
    const results: LatencyResult[] = [];
    for (const rate of rates) results.push(await loadAt(run, producer, watch, parties, keys, rate, seconds));
    return results;
  } finally {
    await producer.disconnect();
    await watch.stop();
  }
}

async function loadAt(
  run: BenchRun,
  producer: Producer,
  watch: OrderWatch,
  parties: BenchParties,
  keys: SiteItem[],
  rate: number,
  seconds: number,
): Promise<LatencyResult> {
  const sentAt = new Map<string, number>();
  const sends: Array<Promise<unknown>> = [];
  const startedAt = Date.now();
  const total = Math.round(rate * seconds);
  // Every 10 ms, whatever the rate says is due by now: a steady load, not bursts.
  while (sentAt.size < total) {
    const due = Math.min(total, Math.floor(((Date.now() - startedAt) / 1000) * rate));
    const batch: StockMovement[] = [];
    for (let n = sentAt.size; n < due; n++) {
      const m = movement(
        parties.buyerId,
        keys[n % keys.length],
        `${parties.buyerId}-latency-${rate}-${n}`,
        'CONSUMPTION',
        LATENCY_CONSUMPTION,
      );
      batch.push(m);
      sentAt.set(m.eventId, Date.now());
    }
    // Not awaited in turn: a slow acknowledgement must not slow the load down. One key comes back only after all others, long after its last send.
    if (batch.length > 0) sends.push(send(run, producer, batch));
    await sleep(10);
  }
  const lastSentAt = Date.now();
  await Promise.all(sends);
  const lagZeroAt = await waitForLagZero(run.admin, run.limit, `the pipeline to catch up after ${rate} movements/s`, PIPELINE);
  // Every order is on its topic by then; give the bench's reader the time to read them.
  const answered = () => [...sentAt.keys()].filter((id) => watch.orderedAt(id) !== undefined).length;
  await waitUntil(run.limit, `the orders of the ${rate}/s load`, async () => ({
    done: answered() === sentAt.size || Date.now() - lagZeroAt > 30_000,
    progress: `${answered()} of ${sentAt.size} movements answered by an order`,
  }));
  const latencies = [...sentAt].flatMap(([id, at]) => {
    const orderedAt = watch.orderedAt(id);
    return orderedAt === undefined ? [] : [orderedAt - at];
  });
  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => latencies[Math.max(0, Math.ceil((p / 100) * latencies.length) - 1)] ?? NaN;
  const median = (values: number[]) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
  const hops = [...sentAt].flatMap(([id, at]) => {
    const levelAt = watch.levelAt(id);
    const orderedAt = watch.orderedAt(id);
    return levelAt === undefined || orderedAt === undefined ? [] : [{ ingest: levelAt - at, replenishment: orderedAt - levelAt }];
  });
  return {
    rate,
    seconds,
    sent: sentAt.size,
    answered: latencies.length,
    p50: percentile(50),
    p95: percentile(95),
    p99: percentile(99),
    max: latencies.at(-1) ?? NaN,
    lagZeroAfterMs: lagZeroAt - lastSentAt,
    hopP50: { ingest: median(hops.map((h) => h.ingest)), replenishment: median(hops.map((h) => h.replenishment)) },
  };
}

async function send(run: BenchRun, producer: Producer, movements: StockMovement[]): Promise<void> {
  const messages = await Promise.all(
    movements.map(async (m) => ({ key: topics.stockMovements.keyOf(m), value: await run.codec.encode(topics.stockMovements, m) })),
  );
  await producer.send({ topic: topics.stockMovements.name, acks: -1, messages });
}

/**
 * Reads the bench buyer's stock levels and orders as they appear, from the topics' ends at
 * start: which movement each stock level came from, and when each level's order was published.
 */
class OrderWatch {
  levelsSeen = 0;
  private readonly levelOfMovement = new Map<string, string>();
  private readonly levelAtByMovement = new Map<string, number>();
  private readonly orderAtByLevel = new Map<string, number>();
  private readonly consumer: Consumer;
  private readonly keyPrefix: string;

  constructor(
    private readonly run: BenchRun,
    private readonly buyerId: string,
  ) {
    this.consumer = run.kafka.consumer({ groupId: consumerGroupOf('bench-latency-watch') });
    this.keyPrefix = `${buyerId}|`;
  }

  /** Starts reading at the current end of both topics, so nothing sent after this returns is missed. */
  async start(): Promise<void> {
    const watched = [topics.stockLevels.name, topics.replenishmentOrders.name];
    const ends = await Promise.all(watched.map(async (topic) => ({ topic, partitions: await this.run.admin.fetchTopicOffsets(topic) })));
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: watched });
    await this.consumer.run({
      eachMessage: async ({ topic, message }) => {
        if (!message.key?.toString().startsWith(this.keyPrefix)) return;
        if (topic === topics.stockLevels.name) {
          const level: StockLevel = await this.run.codec.decode(topics.stockLevels, message.value);
          this.levelOfMovement.set(level.movementId, level.eventId);
          this.levelAtByMovement.set(level.movementId, Number(message.timestamp));
          this.levelsSeen++;
        } else {
          const order: ReplenishmentOrder = await this.run.codec.decode(topics.replenishmentOrders, message.value);
          if (!this.orderAtByLevel.has(order.triggeredByEventId))
            this.orderAtByLevel.set(order.triggeredByEventId, Number(message.timestamp));
        }
      },
    });
    for (const { topic, partitions } of ends)
      for (const p of partitions) this.consumer.seek({ topic, partition: p.partition, offset: p.high });
  }

  /** When the order a movement caused was published, once both its stock level and its order were read. */
  orderedAt(movementId: string): number | undefined {
    const level = this.levelOfMovement.get(movementId);
    return level === undefined ? undefined : this.orderAtByLevel.get(level);
  }

  /** When the stock level a movement became was published. */
  levelAt(movementId: string): number | undefined {
    return this.levelAtByMovement.get(movementId);
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
  }
}
