/**
 * Prepares a broker for the platform, as its admin principal (KAFKA_SASL_* of the admin): creates
 * the platform's topics, with those of every buyer and supplier in the parties file, and, when the
 * broker authenticates, the rules of every service and party (libs/messaging kafka-acls.ts).
 * Idempotent. Run by deploy/services.sh; `node -r @swc-node/register tools/kafka-setup.ts`.
 */
import { createKafka, ensureAcls, ensureTopics, platformAcls, platformTopicSpecs } from '@smi/messaging';
import { PartyDirectory } from '@smi/service-kit';

async function main(): Promise<void> {
  const parties = PartyDirectory.fromFile().all();
  const kafka = createKafka('smi-kafka-setup');
  const created = await ensureTopics(kafka, platformTopicSpecs(parties));
  if (created.length > 0) console.log(`[kafka-setup] topics created: ${created.join(', ')}`);
  if (process.env.KAFKA_SASL_MECHANISM) {
    const acls = platformAcls(parties);
    await ensureAcls(kafka, acls);
    console.log(`[kafka-setup] ${acls.length} ACL entries in place for ${new Set(acls.map((a) => a.principal)).size} principals`);
  }
}

main().catch((error) => {
  console.error(`[kafka-setup] ${(error as Error).stack ?? error}`);
  process.exit(1);
});
