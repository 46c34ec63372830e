import { readPartitionLag, readTopicEnds, TopicEnds } from '@smi/metrics';
import { consumerGroupOf } from '@smi/messaging';
import { Admin, Kafka } from 'kafkajs';
import { ServiceName, ServiceProcess } from './service-process';

export { TopicEnds };

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Where a consumer group stands on some topics, by the offsets it committed: done for good, and still ahead of it. */
export interface ConsumerLag {
  /** Records the group has committed past. */
  consumed: number;
  /** Records written that the group has not committed past yet. */
  behind: number;
}

/**
 * Reads consumer-group lag as an operator would (committed offsets against the
 * topics' ends), without joining the group, so reading it never moves a partition:
 * the same reading as the services' /metrics (libs/metrics), summed over partitions.
 */
export class ConsumerLagReader {
  private constructor(private readonly admin: Admin) {}

  static async connect(kafka: Kafka): Promise<ConsumerLagReader> {
    const admin = kafka.admin();
    await admin.connect();
    return new ConsumerLagReader(admin);
  }

  ends(topicNames: string[]): Promise<TopicEnds> {
    return readTopicEnds(this.admin, topicNames);
  }

  /** The group's lag against `ends` read earlier, or against the topics' ends now. */
  async lagOf(groupId: string, topicNames: string[], ends?: TopicEnds): Promise<ConsumerLag> {
    const lag: ConsumerLag = { consumed: 0, behind: 0 };
    for (const p of await readPartitionLag(this.admin, groupId, topicNames, ends)) {
      lag.consumed += p.position - p.low;
      lag.behind += p.lag;
    }
    return lag;
  }

  async disconnect(): Promise<void> {
    await this.admin.disconnect();
  }
}

/** What a service's consumer group had done when it was killed. */
export interface KillReport extends ConsumerLag {
  service: ServiceName;
  killedAt: Date;
}

/**
 * SIGKILLs a service in the middle of a batch: the service is paused (SIGSTOP) while `feed`
 * produces its next records, so they are sure to wait for it; it resumes, and `workMs` later,
 * while it is fetching and applying them, it is killed. A batch service can apply a few hundred
 * records in milliseconds, so waiting for lag to show by itself would rarely catch it at work.
 * The report is read after the kill, against the ends read before it: `behind` > 0 says the
 * kill struck before the service had committed all that was fed.
 */
export async function killMidStream(
  service: ServiceProcess,
  lag: ConsumerLagReader,
  topicNames: string[],
  options: { feed: () => Promise<void>; workMs?: number; timeoutMs?: number },
): Promise<KillReport> {
  const groupId = consumerGroupOf(service.name);
  service.child.kill('SIGSTOP');
  let resumed = false;
  try {
    await options.feed();
    // Downstream of others, what the feed causes reaches the service's topics a moment later.
    const deadline = Date.now() + (options.timeoutMs ?? 60_000);
    let ends = await lag.ends(topicNames);
    let last = await lag.lagOf(groupId, topicNames, ends);
    while (last.behind === 0 && Date.now() < deadline) {
      await pause(100);
      ends = await lag.ends(topicNames);
      last = await lag.lagOf(groupId, topicNames, ends);
    }
    if (last.behind === 0) throw new Error(`${service.name}: nothing waited for it after the feed (consumed ${last.consumed})`);
    await pause(500); // let more of what the feed causes arrive, so the service resumes into a batch
    ends = await lag.ends(topicNames);
    service.child.kill('SIGCONT');
    resumed = true;
    await pause(options.workMs ?? 20);
    await service.kill();
    return { service: service.name, killedAt: new Date(), ...(await lag.lagOf(groupId, topicNames, ends)) };
  } finally {
    if (!resumed) service.child.kill('SIGCONT');
  }
}

/** Waits until every group has committed past everything on its topics. */
export async function waitUntilCaughtUp(lag: ConsumerLagReader, topicsByGroup: Map<string, string[]>, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const behind = await Promise.all(
      [...topicsByGroup].map(async ([group, topicNames]) => [group, (await lag.lagOf(group, topicNames)).behind] as const),
    );
    const late = behind.filter(([, n]) => n > 0);
    if (late.length === 0) return;
    if (Date.now() > deadline) throw new Error(`still behind after ${timeoutMs} ms: ${late.map(([g, n]) => `${g} ${n}`).join(', ')}`);
    await pause(250);
  }
}
