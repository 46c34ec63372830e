import { createTestDatabase, provideInfrastructure } from '@smi/testing';
import { createKafka, ensureTopics } from '@smi/messaging';

/**
 * Provides the broker and the database once per test run, creates the topics,
 * and gives the run a database of its own. Suites read KAFKA_BROKERS and DATABASE_URL.
 */
export default async function globalSetup(): Promise<void> {
  const infrastructure = await provideInfrastructure();
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.DATABASE_URL = await createTestDatabase(infrastructure.databaseUrl);
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  await ensureTopics(createKafka('smi-test-setup'));
  console.log(`\n[test infrastructure] ${infrastructure.source}: Kafka ${infrastructure.kafkaBrokers}, database ${process.env.DATABASE_URL}`);
  (globalThis as { __SMI_INFRA__?: unknown }).__SMI_INFRA__ = infrastructure;
}
