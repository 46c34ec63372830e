/**
 * Writes what the Helm chart (deploy/helm/smi) needs to know of Kafka, from the same definitions the services and
 * tools/kafka-setup.ts use: the platform's topics (libs/contracts topics through platformTopicSpecs: partitions,
 * cleanup policy, retention), each service's principal and its ACLs (platformAcls, libs/messaging kafka-acls.ts),
 * its consumer group (consumerGroupOf) and the topics that group consumes with their partitions.
 *
 *   node -r @swc-node/register tools/helm-values.ts            writes deploy/helm/smi/generated/kafka.json
 *   node -r @swc-node/register tools/helm-values.ts --check    fails when that file is not what this writes
 *   node -r @swc-node/register tools/helm-values.ts --parties <parties file> --out <values file>
 *       writes a values file with the topics and principals of the buyers and suppliers in a parties file, to pass
 *       to helm with -f (they are the deployment's own, so they are not in the chart)
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// The chart deploys the platform in the default namespace: no test or benchmark prefix may leak into the file.
delete process.env.SMI_TOPIC_PREFIX;
delete process.env.SMI_CONSUMER_GROUP_PREFIX;

// Imported after the namespace is cleared; the names are read at each use anyway.
import { allTopics, topics } from '@smi/contracts';
import {
  CONSUMING_SERVICES,
  consumerGroupOf,
  KafkaAcl,
  partyAcls,
  platformAcls,
  platformTopicSpecs,
  servicePrincipalOf,
} from '@smi/messaging';

const CHART_FILE_NAME = 'deploy/helm/smi/generated/kafka.json';
const CHART_FILE = join(__dirname, '..', CHART_FILE_NAME);

type TopicSpec = ReturnType<typeof platformTopicSpecs>[number];

/** A Kubernetes object name for a topic: lower case letters, digits, '-' and '.' (Strimzi keeps the real name in spec.topicName). */
const objectNameOf = (topic: string): string =>
  topic
    .toLowerCase()
    .replace(/[^a-z0-9.-]+/g, '-')
    .replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '');

const kafkaTopic = (spec: TopicSpec) => ({
  objectName: objectNameOf(spec.topic),
  topicName: spec.topic,
  partitions: spec.numPartitions,
  config: Object.fromEntries(spec.configEntries.map((entry) => [entry.name, entry.value])),
});

/** Strimzi's simple authorization: one rule per resource, with the operations allowed on it. */
function strimziAcls(acls: KafkaAcl[]) {
  const byResource = new Map<string, { resource: { type: string; name: string; patternType: string }; operations: string[] }>();
  for (const acl of acls) {
    const key = `${acl.resource}|${acl.match}|${acl.name}`;
    const rule = byResource.get(key) ?? {
      resource: { type: acl.resource, name: acl.name, patternType: acl.match === 'literal' ? 'literal' : 'prefix' },
      operations: [],
    };
    const operation = acl.operation[0].toUpperCase() + acl.operation.slice(1);
    if (!rule.operations.includes(operation)) rule.operations.push(operation);
    byResource.set(key, rule);
  }
  return [...byResource.values()];
}

const usersOf = (acls: KafkaAcl[]) =>
  [...new Set(acls.map((acl) => acl.principal))].map((principal) => ({
    name: principal,
    acls: strimziAcls(acls.filter((acl) => acl.principal === principal)),
  }));

function chartFile(): string {
  const partitionsOf = new Map(allTopics.map((t) => [t.name, t.partitions]));
  const acls = platformAcls();
  const services = Object.fromEntries(
    CONSUMING_SERVICES.map((service) => {
      const principal = servicePrincipalOf(service);
      // The topics its consumer group reads: those it may read, but the agreements, which every instance reads
      // in a group of its own (libs/service-kit agreement-feed.ts) and which are no measure of the service's lag.
      const consumes = acls
        .filter((acl) => acl.principal === principal && acl.resource === 'topic' && acl.operation === 'read' && acl.match === 'literal')
        .map((acl) => acl.name)
        .filter((name) => name !== topics.agreements.name)
        .map((name) => ({ topic: name, partitions: partitionsOf.get(name) ?? 0 }));
      return [service, { principal, consumerGroup: consumerGroupOf(service), consumes }];
    }),
  );
  const content = {
    _comment: 'Written by tools/helm-values.ts from libs/contracts topics and libs/messaging kafka-acls.ts: do not edit; run the tool.',
    topics: platformTopicSpecs().map(kafkaTopic),
    users: usersOf(acls),
    services,
  };
  return `${JSON.stringify(content, null, 2)}\n`;
}

function partiesValues(partiesFile: string): string {
  const { parties } = JSON.parse(readFileSync(partiesFile, 'utf8')) as { parties: Array<{ id: string; kind: string }> };
  const platform = new Set(platformTopicSpecs().map((spec) => spec.topic));
  const content = {
    partyKafka: {
      topics: platformTopicSpecs(parties)
        .filter((spec) => !platform.has(spec.topic))
        .map(kafkaTopic),
      users: usersOf(parties.flatMap(partyAcls)),
    },
  };
  return `# Written by tools/helm-values.ts --parties ${partiesFile}: the Kafka topics and principals of its buyers and suppliers.\n${JSON.stringify(content, null, 2)}\n`;
}

function main(args: string[]): void {
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const parties = option('--parties');
  if (parties) {
    const out = option('--out');
    if (!out) throw new Error('--parties needs --out <values file>');
    writeFileSync(out, partiesValues(parties));
    console.log(`[helm-values] wrote ${out}`);
    return;
  }
  const expected = chartFile();
  if (args.includes('--check')) {
    let committed = '';
    try {
      committed = readFileSync(CHART_FILE, 'utf8');
    } catch {
      // missing: stale as well
    }
    if (committed !== expected) {
      console.error(
        `[helm-values] ${CHART_FILE_NAME} is not what the topic and ACL definitions give: run node -r @swc-node/register tools/helm-values.ts and commit it`,
      );
      process.exit(1);
    }
    console.log("[helm-values] the chart's topics and principals match the definitions");
    return;
  }
  writeFileSync(CHART_FILE, expected);
  console.log(`[helm-values] wrote ${CHART_FILE_NAME}`);
}

main(process.argv.slice(2));
