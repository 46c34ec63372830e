import { deadLetterTopicOf, topics } from '@smi/contracts';
import { CONSUMING_SERVICES } from '@smi/messaging';
import { BenchRun } from './bench-run';
import { recordsOn, waitUntil } from './progress';
import { BenchParties, SiteItem, throughputMovements } from './workload';

export interface ThroughputResult {
  movements: number;
  siteItems: number;
  /** From the moment inventory-ingest answered /health to the end. */
  seconds: number;
  perSecond: number;
  bootSeconds: number;
  ordersRaised: number;
  deadLettered: number;
}

const SEND_BATCH = 5000;

/** Puts the throughput workload on the phase's movements topic, in batches of 5,000, one at a time so each key's movements stay in order. */
export async function putMovementsOnTopic(run: BenchRun, parties: BenchParties, keys: SiteItem[], total: number): Promise<number> {
  const producer = run.kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
  await producer.connect();
  try {
    let sent = 0;
    let batch: Array<{ key: string; value: Buffer }> = [];
    const flush = async () => {
      await producer.send({ topic: topics.stockMovements.name, acks: -1, messages: batch });
      sent += batch.length;
      batch = [];
    };
    for (const m of throughputMovements(parties.buyerId, keys, total)) {
      batch.push({ key: topics.stockMovements.keyOf(m), value: await run.codec.encode(topics.stockMovements, m) });
      if (batch.length === SEND_BATCH) await flush();
    }
    if (batch.length > 0) await flush();
    return sent;
  } finally {
    await producer.disconnect();
  }
}

/** Records the services of this phase parked on their dead-letter topics. */
export async function deadLettered(run: BenchRun): Promise<number> {
  const counts = await Promise.all(CONSUMING_SERVICES.map((service) => recordsOn(run.admin, deadLetterTopicOf(service))));
  return counts.reduce((a, b) => a + b, 0);
}

/** Waits until inventory-ingest has projected and published a stock level for each movement (or dead-lettered it). */
export async function waitForEveryStockLevel(run: BenchRun, movements: number, waitingFor: string): Promise<number> {
  return waitUntil(run.limit, waitingFor, async () => {
    const [published, parked] = await Promise.all([recordsOn(run.admin, topics.stockLevels.name), deadLettered(run)]);
    return {
      done: published + parked >= movements,
      progress: `${published} of ${movements} stock levels published, ${parked} records dead-lettered`,
    };
  });
}

/**
 * Ingest alone: the movements are on the topic before inventory-ingest starts, alone (`instances`
 * of it, one consumer group), on a database of its own; timed from its /health answering (the last
 * instance's) to the last stock level on the topic (counted from the topic's end offsets, not by
 * reading every record).
 */
export async function measureIngestAlone(
  run: BenchRun,
  parties: BenchParties,
  keys: SiteItem[],
  total: number,
  instances = 1,
): Promise<ThroughputResult> {
  await run.enterPhase(instances === 1 ? 'ingest' : `ingest-x${instances}`);
  const databaseUrl = await run.database();
  const movements = await putMovementsOnTopic(run, parties, keys, total);
  const launchedAt = Date.now();
  const services = await run.startServices(['inventory-ingest'], databaseUrl, parties, instances);
  const healthyAt = Date.now();
  const doneAt = await waitForEveryStockLevel(run, movements, 'inventory-ingest alone to publish every stock level');
  const parked = await deadLettered(run);
  await run.stopServices(services);
  const seconds = (doneAt - healthyAt) / 1000;
  return {
    movements,
    siteItems: keys.length,
    seconds,
    perSecond: movements / seconds,
    bootSeconds: (healthyAt - launchedAt) / 1000,
    ordersRaised: 0,
    deadLettered: parked,
  };
}
