import { DemandForecast, StockLevel, topics } from '@smi/contracts';
import { consumerGroupOf } from '@smi/messaging';
import { exampleDemandForecast, KafkaTestClient, queryDatabase, uniqueId } from '@smi/testing';

/**
 * Stock levels for one buyer site, as inventory-ingest would publish them; by
 * default a consumption an hour ago, `sequence` seconds apart so they keep their order.
 */
export const stockLevelsAt =
  (buyerId: string, siteId: string) =>
  (itemId: string, sequence: number, onHand: number, overrides: Partial<StockLevel> = {}): StockLevel => {
    const movementId = uniqueId('mv');
    return {
      eventId: `${movementId}/stock-level`,
      buyerId,
      siteId,
      itemId,
      onHand,
      unit: 'EA',
      sequence,
      asOf: new Date(Date.now() - 60 * 60 * 1000 + sequence * 1000),
      movementId,
      movementKind: 'CONSUMPTION',
      movementQuantity: 5,
      orderReference: null,
      ...overrides,
    };
  };

/** Polls `read` until it gives a value: the service applies events in its own time. */
export async function eventually<T>(read: () => Promise<T | undefined>, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Waits until the service has handled every stock level published so far: its consumer group
 * has committed, on every partition, the end the topic had when asked. For a level that leaves
 * no trace of its own (the service writes no inbox row per level).
 */
export async function levelsHandled(kafka: KafkaTestClient, service = 'replenishment'): Promise<void> {
  const admin = kafka.kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topics.stockLevels.name);
    await eventually(async () => {
      const [committed] = await admin.fetchOffsets({ groupId: consumerGroupOf(service), topics: [topics.stockLevels.name] });
      const offsetOf = (partition: number) => Number(committed?.partitions.find((p) => p.partition === partition)?.offset ?? -1);
      return ends.every((end) => Number(end.high) <= Math.max(Number(end.low), offsetOf(end.partition))) ? true : undefined;
    });
  } finally {
    await admin.disconnect();
  }
}

/** Waits until the service has applied the level with this sequence (so every earlier one on the key was handled too). */
export const positionReaches = (buyerId: string, siteId: string, itemId: string, sequence: number) =>
  eventually(async () => {
    const rows = await queryDatabase<{ sequence: number; on_hand: number }>(
      process.env.DATABASE_URL!,
      'SELECT sequence::int AS sequence, on_hand::float AS on_hand FROM replenishment.stock_position WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3',
      [buyerId, siteId, itemId],
    );
    return rows[0]?.sequence === sequence ? rows[0] : undefined;
  });

/** A forecast of steady demand for a site x item, as the forecasting service publishes it. */
export const steadyForecast = (buyerId: string, siteId: string, itemId: string, perDay: number): DemandForecast =>
  exampleDemandForecast({
    eventId: uniqueId('forecast'),
    buyerId,
    siteId,
    itemId,
    demandPerPeriod: perDay,
    standardDeviationPerPeriod: 0,
    generatedAt: new Date(Date.now() - 2 * 60 * 60 * 1000),
    basedOnMovementId: uniqueId('mv'),
  });

/** Waits until replenishment keeps a forecast for the site x item. */
export const outlookStored = (buyerId: string, siteId: string, itemId: string) =>
  eventually(async () => {
    const rows = await queryDatabase<{ per_day: number }>(
      process.env.DATABASE_URL!,
      'SELECT per_day FROM replenishment.demand_outlook WHERE buyer_id = $1 AND site_id = $2 AND item_id = $3',
      [buyerId, siteId, itemId],
    );
    return rows[0];
  });

/** Publishes stock levels in the order given (one key's levels stay in order on its partition). */
export const levelPublisher =
  (kafka: () => KafkaTestClient) =>
  async (...levels: StockLevel[]): Promise<void> => {
    for (const level of levels) await kafka().publish(topics.stockLevels, level);
  };

/** Calls the service's API as the party holding `key`, with a JSON body when one is given. */
export const apiCaller =
  (baseUrl: () => string) =>
  (method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, key: string, body?: unknown): Promise<Response> =>
    fetch(`${baseUrl()}${path}`, {
      method,
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
