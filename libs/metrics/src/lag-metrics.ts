import type { Admin } from 'kafkajs';
import { PartitionLag, readPartitionLag, readTopicEnds, topicsSubscribed } from './consumer-lag';
import { PlatformMetrics, withinMs } from './platform-metrics';

/** A consumer group a service runs and what it subscribed to (topic names, or patterns for families of per-party topics). */
export interface WatchedGroup {
  groupId: string;
  subscriptions: ReadonlyArray<string | RegExp>;
}

export interface LagWatch {
  groups: readonly WatchedGroup[];
  /** The service's dead-letter topic: its records are counted as `smi_dead_letter_records`. */
  deadLetterTopic: string;
  /** A scrape does not wait longer than this for the broker (default 5 s); the lag series are then left out, not stale. */
  timeoutMs?: number;
}

/**
 * Reads, at scrape time, the lag of the service's consumer groups on every partition of the topics
 * they consume (committed offsets against the topics' high watermarks, through the admin client,
 * never joining a group) and the records on its dead-letter topic, into kafka_exporter's gauges.
 */
export function watchConsumerLag(metrics: PlatformMetrics, admin: Admin, watch: LagWatch): void {
  metrics.onScrape(async () => {
    let reading: Reading | undefined;
    try {
      reading = await withinMs(readLag(admin, watch), watch.timeoutMs ?? 5000, 'reading consumer lag');
    } finally {
      // Reset together and set at once: a scrape never sees half a reading, nor an old one when the broker did not answer.
      metrics.consumerGroupLag.reset();
      metrics.consumerGroupLagSum.reset();
      metrics.consumerGroupCurrentOffset.reset();
      metrics.topicPartitionCurrentOffset.reset();
      metrics.deadLetterRecords.reset();
      if (reading) show(metrics, reading, watch.deadLetterTopic);
    }
  });
}

interface Reading {
  lags: Array<{ groupId: string; partitions: PartitionLag[] }>;
  deadLetters?: number;
  ends: Map<string, Array<{ partition: number; high: number }>>;
}

async function readLag(admin: Admin, watch: LagWatch): Promise<Reading> {
  const topicsOf = await Promise.all(watch.groups.map(async (g) => ({ group: g, topics: await topicsSubscribed(admin, g.subscriptions) })));
  const all = [...new Set([...topicsOf.flatMap((g) => g.topics), watch.deadLetterTopic])];
  const ends = await readTopicEnds(admin, all);
  const lags = await Promise.all(
    topicsOf.map(async ({ group, topics }) => ({
      groupId: group.groupId,
      partitions: await readPartitionLag(admin, group.groupId, topics, ends),
    })),
  );
  const deadLetters = ends.get(watch.deadLetterTopic)?.reduce((sum, p) => sum + p.high - p.low, 0);
  return { lags, deadLetters, ends };
}

function show(metrics: PlatformMetrics, reading: Reading, deadLetterTopic: string): void {
  for (const [topic, partitions] of reading.ends) {
    for (const { partition, high } of partitions) metrics.topicPartitionCurrentOffset.set({ topic, partition: String(partition) }, high);
  }
  for (const { groupId, partitions } of reading.lags) {
    const sums = new Map<string, number>();
    for (const p of partitions) {
      const labels = { consumergroup: groupId, topic: p.topic, partition: String(p.partition) };
      metrics.consumerGroupLag.set(labels, p.lag);
      metrics.consumerGroupCurrentOffset.set(labels, p.committed);
      sums.set(p.topic, (sums.get(p.topic) ?? 0) + p.lag);
    }
    for (const [topic, sum] of sums) metrics.consumerGroupLagSum.set({ consumergroup: groupId, topic }, sum);
  }
  if (reading.deadLetters !== undefined) metrics.deadLetterRecords.set({ topic: deadLetterTopic }, reading.deadLetters);
}
