import { topicNamespace } from '@smi/contracts';
import { createKafka, ensureAcls, platformAcls } from '@smi/messaging';
import { createTestDatabase } from './test-database';
import { Kafka } from 'kafkajs';

/**
 * Gives this process, and every service it starts, topics and consumer groups of their own on a
 * shared broker (SMI_TOPIC_PREFIX, SMI_CONSUMER_GROUP_PREFIX): a test run or a benchmark then sees
 * only its own events, never a demo's backlog, and nothing it produces reaches a demo's services.
 */
export function useNamespace(run: string): void {
  process.env.SMI_TOPIC_PREFIX = `${run}.`;
  process.env.SMI_CONSUMER_GROUP_PREFIX = run;
}

/** Deletes the topics of this process's namespace, so runs do not pile partitions up on a long-lived broker. */
export async function deleteNamespaceTopics(kafka: Kafka): Promise<string[]> {
  const prefix = topicNamespace();
  if (!prefix) throw new Error('no SMI_TOPIC_PREFIX: refusing to delete the platform topics');
  const admin = kafka.admin();
  await admin.connect();
  try {
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length > 0) await admin.deleteTopics({ topics: mine, timeout: 30000 });
    return mine;
  } finally {
    await admin.disconnect();
  }
}

/**
 * The environment for services that must not share this run's topics and database: a suite using the
 * demo's fixed ids (the README's samples, sent with the demo buyer's key) would otherwise move stock
 * other suites of the run count on. A fresh database, and topics and groups under `<run>.<label>.`,
 * inside the run's namespace, so the run's teardown deletes them; granted as the run's are.
 */
export async function namespaceOfItsOwn(label: string): Promise<Record<string, string>> {
  const run = `${process.env.SMI_CONSUMER_GROUP_PREFIX ?? 'smi'}.${label}`;
  const env = {
    DATABASE_URL: await createTestDatabase(process.env.DATABASE_URL!),
    SMI_TOPIC_PREFIX: `${topicNamespace()}${label}.`,
    SMI_CONSUMER_GROUP_PREFIX: run,
  };
  if (process.env.KAFKA_SASL_MECHANISM) {
    const saved = { prefix: process.env.SMI_TOPIC_PREFIX, group: process.env.SMI_CONSUMER_GROUP_PREFIX };
    // The ACLs name the namespace as this process's environment gives it.
    Object.assign(process.env, { SMI_TOPIC_PREFIX: env.SMI_TOPIC_PREFIX, SMI_CONSUMER_GROUP_PREFIX: env.SMI_CONSUMER_GROUP_PREFIX });
    try {
      await ensureAcls(createKafka('smi-test-setup'), platformAcls());
    } finally {
      process.env.SMI_TOPIC_PREFIX = saved.prefix;
      process.env.SMI_CONSUMER_GROUP_PREFIX = saved.group;
    }
  }
  return env;
}
