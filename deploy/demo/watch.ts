/** Reads what the platform publishes, as the parties' systems would see it (the demo reads as the admin). */
import {
  AvroCodec,
  DemandForecast,
  Penalty,
  ReplenishmentOrder,
  Shipment,
  SlaBreach,
  StockLevel,
  topics,
  TopicDefinition,
} from '@smi/contracts';
import { createKafka } from '@smi/messaging';
import { randomUUID } from 'node:crypto';
import { BUYER } from './erp';

export interface PlatformEvents {
  stockLevel(level: StockLevel): void;
  order(order: ReplenishmentOrder): void;
  shipment(shipment: Shipment): void;
  breach(breach: SlaBreach): void;
  penalty(penalty: Penalty): void;
  forecast(forecast: DemandForecast): void;
}

export async function watchPlatform(
  kafka: ReturnType<typeof createKafka>,
  codec: AvroCodec,
  on: PlatformEvents,
): Promise<() => Promise<void>> {
  const consumer = kafka.consumer({ groupId: `smi-demo-watch-${randomUUID()}` });
  await consumer.connect();
  const watching = <T>(topic: TopicDefinition<T>, handle: (value: T) => void): [TopicDefinition<unknown>, (value: unknown) => void] => [
    topic as TopicDefinition<unknown>,
    handle as (value: unknown) => void,
  ];
  const watched = [
    watching(topics.stockLevels, (v: StockLevel) => on.stockLevel(v)),
    watching(topics.replenishmentOrders, (v: ReplenishmentOrder) => on.order(v)),
    watching(topics.shipments, (v: Shipment) => on.shipment(v)),
    watching(topics.slaBreaches, (v: SlaBreach) => on.breach(v)),
    watching(topics.penalties, (v: Penalty) => on.penalty(v)),
    watching(topics.demandForecasts, (v: DemandForecast) => on.forecast(v)),
  ];
  // Only what happens from now on: wait until the group has its partitions, or the first events are missed.
  const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
  await consumer.subscribe({ topics: watched.map(([t]) => t.name), fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ topic, message }) => {
      const [definition, handle] = watched.find(([t]) => t.name === topic)!;
      if (!message.value) return;
      const value = (await codec.decode(definition, message.value)) as { buyerId?: string };
      if (value.buyerId === BUYER) handle(value);
    },
  });
  await joined;
  return () => consumer.disconnect();
}
