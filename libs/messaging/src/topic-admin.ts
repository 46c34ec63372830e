import {
  allInboundTopicFamilies,
  supplierInboundTopics,
  allTopics,
  DEAD_LETTER_PARTITIONS,
  DEAD_LETTER_RETENTION_MS,
  deadLetterTopicOf,
  outboundTopics,
  PartyTopicFamily,
  TopicDefinition,
} from '@smi/contracts';
import { Admin, Kafka } from 'kafkajs';

/** Every service that consumes, so each gets its dead-letter topic. */
export const CONSUMING_SERVICES = ['inventory-ingest', 'forecasting', 'replenishment', 'shipment', 'sla-monitor', 'notification'] as const;

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  configEntries: Array<{ name: string; value: string }>;
}

/**
 * The topics the platform needs, from the one definition in libs/contracts, with the topics of
 * each party given: a buyer's inbound topics, a supplier's outbound and inbound ones.
 */
export function platformTopicSpecs(parties: ReadonlyArray<{ id: string; kind: string }> = []): TopicSpec[] {
  const ofParties = parties.flatMap((party) => partyTopicFamilies(party).map((family) => family.of(party.id)));
  const specs: TopicSpec[] = [...allTopics, ...ofParties].map((t: TopicDefinition<unknown>) => ({
    topic: t.name,
    numPartitions: t.partitions,
    configEntries: [
      { name: 'cleanup.policy', value: t.compacted ? 'compact' : 'delete' },
      { name: 'retention.ms', value: String(t.retentionMs) },
      ...(t.maxMessageBytes ? [{ name: 'max.message.bytes', value: String(t.maxMessageBytes) }] : []),
    ],
  }));
  for (const service of CONSUMING_SERVICES) {
    specs.push({
      topic: deadLetterTopicOf(service),
      numPartitions: DEAD_LETTER_PARTITIONS,
      configEntries: [{ name: 'retention.ms', value: String(DEAD_LETTER_RETENTION_MS) }],
    });
  }
  return specs;
}

/**
 * The families of topics a party has one of each: a buyer the inbound ones it writes; a supplier
 * the outbound ones it reads (its shipments) and the inbound one it writes (its logistics reports).
 * None for an id Kafka cannot put in a topic name (it takes letters, digits, '.', '_' and '-'):
 * such a party integrates over HTTP only, and its id cannot stop a service from starting.
 */
export const partyTopicFamilies = (party: { id: string; kind: string }): ReadonlyArray<PartyTopicFamily<unknown>> => {
  if (!/^[A-Za-z0-9._-]+$/.test(party.id)) return [];
  return party.kind === 'buyer'
    ? allInboundTopicFamilies
    : party.kind === 'supplier'
      ? [...Object.values(outboundTopics), ...Object.values(supplierInboundTopics)]
      : [];
};

/** Creates missing topics (auto-create is off on the broker). Existing topics are left as they are. */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[] = platformTopicSpecs()): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length > 0) {
      try {
        await admin.createTopics({ topics: missing.map((s) => ({ ...s, replicationFactor: 1 })), waitForLeaders: true });
      } catch (error) {
        // A busy broker can take longer to elect the new partitions' leaders than kafkajs's own retries wait
        // ("This server does not host this topic-partition"), and a process booting beside this one may have
        // created some of them first. Either way the topics are fine once every partition has a leader.
        if (
          !(await leadersElected(
            admin,
            missing.map((s) => s.topic),
            LEADER_WAIT_MS,
          ))
        )
          throw error;
      }
    }
    return missing.map((s) => s.topic);
  } finally {
    await admin.disconnect();
  }
}

const LEADER_WAIT_MS = 60_000;

/** Whether every partition of these topics has a leader within `waitMs` (false when a topic never appears). */
async function leadersElected(admin: Admin, topicNames: string[], waitMs: number): Promise<boolean> {
  const deadline = Date.now() + waitMs;
  while (Date.now() < deadline) {
    const existing = new Set(await admin.listTopics());
    if (topicNames.every((t) => existing.has(t))) {
      const { topics } = await admin.fetchTopicMetadata({ topics: topicNames }).catch(() => ({ topics: [] }));
      const led = topics.length === topicNames.length && topics.every((t) => t.partitions.every((p) => p.leader >= 0));
      if (led) return true;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return false;
}
