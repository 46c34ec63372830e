import { consumerGroupOf } from '@smi/messaging';
import { Admin, AssignerProtocol } from 'kafkajs';

/** The whole run's time budget (--time-limit): past it, every wait gives up saying what it waited for. */
export class TimeLimit {
  private readonly endsAt: number;

  constructor(readonly seconds: number) {
    this.endsAt = Date.now() + seconds * 1000;
  }

  remainingMs(): number {
    return Math.max(1, this.endsAt - Date.now());
  }

  check(waitingFor: string, progress: string): void {
    if (Date.now() > this.endsAt) {
      throw new Error(
        `gave up: the run's time limit of ${this.seconds} s (--time-limit) passed while waiting for ${waitingFor}; ${progress}`,
      );
    }
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `look` every `everyMs` until it reports done, saying how far it is every 30 s; returns when done was first seen. */
export async function waitUntil(
  limit: TimeLimit,
  waitingFor: string,
  look: () => Promise<{ done: boolean; progress: string }>,
  everyMs = 250,
): Promise<number> {
  let reportedAt = Date.now();
  for (;;) {
    const seenAt = Date.now();
    const { done, progress } = await look();
    if (done) return seenAt;
    limit.check(waitingFor, progress);
    if (seenAt - reportedAt >= 30_000) {
      console.log(`  waiting for ${waitingFor}: ${progress}`);
      reportedAt = seenAt;
    }
    await sleep(everyMs);
  }
}

/** Records on a topic so far: the sum of its partitions' end offsets (the bench's topics start empty). */
export async function recordsOn(admin: Admin, topic: string): Promise<number> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.reduce((sum, p) => sum + Number(p.high), 0);
}

/**
 * How far one service's consumer group is behind on the topics its members subscribe to, or
 * undefined while the group is not stable (starting, rebalancing): then nobody knows.
 */
export async function groupLag(admin: Admin, service: string): Promise<number | undefined> {
  const groupId = consumerGroupOf(service);
  const [group] = (await admin.describeGroups([groupId])).groups;
  if (!group || group.state !== 'Stable' || group.members.length === 0) return undefined;
  const subscribed = new Set(group.members.flatMap((m) => AssignerProtocol.MemberMetadata.decode(m.memberMetadata)?.topics ?? []));
  const committed = await admin.fetchOffsets({ groupId, topics: [...subscribed] });
  let lag = 0;
  for (const { topic, partitions } of committed) {
    for (const end of await admin.fetchTopicOffsets(topic)) {
      const offset = Number(partitions.find((p) => p.partition === end.partition)?.offset ?? -1);
      lag += Number(end.high) - (offset >= 0 ? offset : Number(end.low));
    }
  }
  return lag;
}

/** The lag of each service's group, in words for a progress message. */
export async function lagOf(admin: Admin, services: readonly string[]): Promise<{ caughtUp: boolean; words: string }> {
  const lags = await Promise.all(services.map(async (service) => [service, await groupLag(admin, service)] as const));
  return {
    caughtUp: lags.every(([, lag]) => lag === 0),
    words: lags.map(([service, lag]) => `${service} ${lag ?? 'not consuming yet'}`).join(', '),
  };
}

/**
 * Waits until every group has consumed everything and stays so for `settleMs`: a service's
 * outbox relay publishes just after the commit that moved its group's offset, so one look at
 * lag 0 could come before the last events. Returns when lag 0 was first seen in that quiet state.
 */
export async function waitForLagZero(
  admin: Admin,
  limit: TimeLimit,
  waitingFor: string,
  services: readonly string[],
  settleMs = 2000,
): Promise<number> {
  let zeroSince: number | undefined;
  return waitUntil(limit, waitingFor, async () => {
    const { caughtUp, words } = await lagOf(admin, services);
    if (!caughtUp) zeroSince = undefined;
    else zeroSince ??= Date.now();
    const settled = zeroSince !== undefined && Date.now() - zeroSince >= settleMs;
    return { done: settled, progress: `consumer lag: ${words}` };
  }).then(() => zeroSince!);
}
