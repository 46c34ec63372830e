import { createKafka, CONSUMING_SERVICES, ensureTopics } from '@smi/messaging';
import { createTestDatabase, provideInfrastructure, startConsumerGroupsAtEnd } from '@smi/testing';

/**
 * Provides the broker and the database once per test run, creates the topics,
 * and gives the run a database and consumer groups of its own. Suites (and the
 * services they start) read KAFKA_BROKERS, DATABASE_URL and SMI_CONSUMER_GROUP_PREFIX.
 */
export default async function globalSetup(): Promise<void> {
  const infrastructure = await provideInfrastructure();
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  process.env.DATABASE_URL = await createTestDatabase(infrastructure.databaseUrl);
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const kafka = createKafka('smi-test-setup');
  await ensureTopics(kafka);
  const run = new URL(process.env.DATABASE_URL).pathname.slice(1);
  await startConsumerGroupsAtEnd(kafka, run, [...CONSUMING_SERVICES, 'messaging-test']);
  console.log(`\n[test infrastructure] ${infrastructure.source}: Kafka ${infrastructure.kafkaBrokers}, database ${process.env.DATABASE_URL}, consumer groups ${run}.*`);
}
