import { createKafka } from '@smi/messaging';
import { deleteNamespaceTopics } from '@smi/testing';

/** Removes the run's own topics; its database stays, for a look after a failure. */
export default async function globalTeardown(): Promise<void> {
  await deleteNamespaceTopics(createKafka('smi-test-teardown'));
}
