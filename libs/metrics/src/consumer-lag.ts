import type { Admin } from 'kafkajs';

/** Low and high watermark of every partition, per topic. */
export type TopicEnds = Map<string, Array<{ partition: number; low: number; high: number }>>;

/** Where a consumer group stands on one partition, by the offset it committed. */
export interface PartitionLag {
  topic: string;
  partition: number;
  /** The offset the group committed, -1 when it has committed none on this partition yet. */
  committed: number;
  low: number;
  high: number;
  /** Where the group reads next: what it committed, or the oldest record kept when it has committed nothing. */
  position: number;
  /** Records written that the group has not committed past yet. */
  lag: number;
}

/** The watermarks of topics' partitions, as the broker holds them now. */
export async function readTopicEnds(admin: Admin, topicNames: readonly string[]): Promise<TopicEnds> {
  const entries = await Promise.all(
    topicNames.map(async (topic) => {
      const partitions = await admin.fetchTopicOffsets(topic);
      return [topic, partitions.map((p) => ({ partition: p.partition, low: Number(p.low), high: Number(p.high) }))] as const;
    }),
  );
  return new Map(entries);
}

/**
 * A group's lag on every partition of some topics, read as an operator reads it (the offsets the
 * group committed against the topics' ends) without joining the group, so reading never moves a
 * partition. `ends` read earlier may be given, else they are read now.
 */
export async function readPartitionLag(
  admin: Admin,
  groupId: string,
  topicNames: readonly string[],
  ends?: TopicEnds,
): Promise<PartitionLag[]> {
  if (topicNames.length === 0) return [];
  const topicEnds = ends ?? (await readTopicEnds(admin, topicNames));
  const committed = await admin.fetchOffsets({ groupId, topics: [...topicNames] });
  const lags: PartitionLag[] = [];
  for (const { topic, partitions } of committed) {
    for (const { partition, offset } of partitions) {
      const end = topicEnds.get(topic)?.find((p) => p.partition === partition);
      if (!end) continue;
      // Nothing committed yet (-1): the group starts from the oldest record kept, all of it still ahead.
      const position = Math.max(Number(offset), end.low);
      lags.push({
        topic,
        partition,
        committed: Number(offset),
        low: end.low,
        high: end.high,
        position,
        lag: Math.max(end.high - position, 0),
      });
    }
  }
  return lags;
}

/** The topics that exist now and a consumer subscribed to, by name or by pattern. */
export async function topicsSubscribed(admin: Admin, subscriptions: ReadonlyArray<string | RegExp>): Promise<string[]> {
  const names = subscriptions.filter((s): s is string => typeof s === 'string');
  const patterns = subscriptions.filter((s): s is RegExp => s instanceof RegExp);
  if (patterns.length === 0) return names;
  const existing = await admin.listTopics();
  return [
    ...new Set([...names, ...existing.filter((topic) => patterns.some((p) => new RegExp(p.source, p.flags.replace('g', '')).test(topic)))]),
  ];
}
