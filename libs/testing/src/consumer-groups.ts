import { allTopics } from '@smi/contracts';
import { consumerGroupOf } from '@smi/messaging';
import { Kafka } from 'kafkajs';

/**
 * Gives this process's services consumer groups of their own (SMI_CONSUMER_GROUP_PREFIX)
 * and starts them at the current end of every platform topic. Services started
 * afterwards see every event produced from now on and nothing from before: not a
 * demo's backlog, not another run's events.
 */
export async function startConsumerGroupsAtEnd(kafka: Kafka, prefix: string, services: readonly string[]): Promise<void> {
  process.env.SMI_CONSUMER_GROUP_PREFIX = prefix;
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (const topic of allTopics) {
      // Real offsets: kafkajs' resetOffsets commits -1, which a consumer reads as "none" and then starts from the beginning.
      const offsets = await retried(() => admin.fetchTopicOffsets(topic.name));
      // An empty topic needs nothing: a group without offsets starts at its beginning, which is its end. This also
      // spares a fresh broker (CI) the slow first use of many group coordinators.
      if (offsets.every(({ high, low }) => high === low)) continue;
      const ends = offsets.map(({ partition, high }) => ({ partition, offset: high }));
      for (const service of services) {
        await admin.setOffsets({ groupId: consumerGroupOf(service), topic: topic.name, partitions: ends });
      }
    }
  } finally {
    await admin.disconnect();
  }
}

/** Topics created a moment ago can answer "not the leader" until the broker's metadata settles. */
async function retried<T>(work: () => Promise<T>, attempts = 40, delayMs = 250): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}
