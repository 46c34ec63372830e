import { topicNamespace } from '@smi/contracts';
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
