/**
 * How many stock movements per second inventory-ingest turns into projected
 * on-hand and published stock levels, end to end through Kafka and Postgres.
 *
 *   KAFKA_BROKERS=... DATABASE_URL=... node_modules/.bin/node -r @swc-node/register bench/ingest-throughput.ts [movements] [items]
 *
 * Needs a running broker and database (deploy/local-stack.sh start) and starts
 * inventory-ingest itself on port 3201, with a database and a consumer group of
 * its own. Produces all movements first (so the producer is not what is
 * measured), then times from the service's start of consumption to the last
 * stock level.
 */
import { StockMovement, topics } from '@smi/contracts';
import { readFileSync } from 'node:fs';
import { createKafka, ensureTopics } from '@smi/messaging';
import { createTestDatabase, KafkaTestClient, startServiceProcess, uniqueId, useNamespace } from '@smi/testing';

async function main() {
  const total = Number(process.argv[2] ?? 5000);
  const itemCount = Number(process.argv[3] ?? 50);
  const databaseUrl = await createTestDatabase(process.env.DATABASE_URL!, 'smi_bench');
  // Topics and a consumer group of its own: the service reads exactly the movements below, and a demo on the broker none of them.
  useNamespace(new URL(databaseUrl).pathname.slice(1));
  await ensureTopics(createKafka('smi-bench-setup'));
  const kafka = new KafkaTestClient();
  const buyer = uniqueId('bench-buyer');
  const producer = kafka.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();

  const encoded = [];
  for (let n = 0; n < total; n++) {
    const itemId = `item-${n % itemCount}`;
    const movement: StockMovement = {
      eventId: `${buyer}-${n}`,
      buyerId: buyer,
      siteId: 'bench-site',
      itemId,
      kind: n < itemCount ? 'RECEIPT' : 'CONSUMPTION',
      quantity: n < itemCount ? 1_000_000 : 1,
      unit: 'EA',
      occurredAt: new Date(),
      source: 'bench',
      orderReference: null,
    };
    encoded.push({ key: topics.stockMovements.keyOf(movement), value: await kafka.codec.encode(topics.stockMovements, movement) });
  }
  for (let i = 0; i < encoded.length; i += 500) {
    await producer.send({ topic: topics.stockMovements.name, acks: -1, messages: encoded.slice(i, i + 500) });
  }
  await producer.disconnect();

  const rssSamples: number[] = [];
  const startedAt = Date.now();
  const ingest = await startServiceProcess('inventory-ingest', { DATABASE_URL: databaseUrl });
  const bootedAt = Date.now();
  const sampler = setInterval(() => {
    try {
      const status = readFileSync(`/proc/${ingest.child.pid}/status`, 'utf8');
      rssSamples.push(Number(status.match(/VmRSS:\s+(\d+)/)?.[1] ?? 0) / 1024);
    } catch {
      // process gone
    }
  }, 500);
  await kafka.waitFor(topics.stockLevels, (l) => l.buyerId === buyer, { count: total, timeoutMs: 600_000 });
  const doneAt = Date.now();
  clearInterval(sampler);
  await ingest.stop();
  await kafka.disconnect();
  const seconds = (doneAt - bootedAt) / 1000;
  console.log(
    JSON.stringify(
      {
        movements: total,
        items: itemCount,
        serviceBootSeconds: (bootedAt - startedAt) / 1000,
        secondsFromHealthyToLastStockLevel: seconds,
        movementsPerSecond: Math.round(total / seconds),
        peakRssMiB: Math.round(Math.max(...rssSamples)),
      },
      null,
      2,
    ),
  );
  process.exit(0);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
