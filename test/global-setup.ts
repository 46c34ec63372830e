import { createKafka, ensureAcls, ensureTopics, platformAcls } from '@smi/messaging';
import { createTestDatabase, provideInfrastructure, useNamespace } from '@smi/testing';
import { buildServices } from '../tools/build-services';

/**
 * Provides the broker and the database once per test run, and gives the run a database, topics
 * and consumer groups of its own (its name prefixes them), so a demo on the same broker and the
 * run never see each other's events. Suites (and the services they start) read KAFKA_BROKERS,
 * DATABASE_URL, SMI_TOPIC_PREFIX and SMI_CONSUMER_GROUP_PREFIX.
 */
export default async function globalSetup(): Promise<void> {
  const infrastructure = await provideInfrastructure();
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers;
  // The tests connect as the admin; each service they start as its own principal (startServiceProcess).
  Object.assign(process.env, infrastructure.kafkaSecurity);
  process.env.DATABASE_URL = await createTestDatabase(infrastructure.databaseUrl);
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const run = new URL(process.env.DATABASE_URL).pathname.slice(1);
  useNamespace(run);
  await ensureTopics(createKafka('smi-test-setup'));
  // The services' rules for this run's topics and groups (the broker refuses what no rule allows).
  if (process.env.KAFKA_SASL_MECHANISM) await ensureAcls(createKafka('smi-test-setup'), platformAcls());
  // Services under test run compiled, as deployed: they start in seconds and without a compiler in memory.
  await buildServices();
  process.env.SMI_SERVICES_COMPILED = '1';
  console.log(
    `\n[test infrastructure] ${infrastructure.source}: Kafka ${infrastructure.kafkaBrokers}, database ${process.env.DATABASE_URL}, topics and consumer groups ${run}.*`,
  );
}
