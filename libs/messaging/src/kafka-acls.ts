import { allPartyInboundTopicFamilies, deadLetterTopicOf, outboundTopics, topicNamespace, TopicDefinition, topics } from '@smi/contracts';
import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, Kafka, ResourcePatternTypes } from 'kafkajs';
import { consumerGroupOf } from './kafka-connection';
import { CONSUMING_SERVICES, partyTopicFamilies } from './topic-admin';

/** The principal a service runs as on the broker. */
export const servicePrincipalOf = (service: string): string => `smi-${service}`;
/** The principal of a buyer's or a supplier's integration (its systems producing to or reading from Kafka). */
export const partyPrincipalOf = (partyId: string): string => `party-${partyId}`;

/** One rule of the broker: principal may do operation on the resource named so (exactly, or every name starting so). */
export interface KafkaAcl {
  principal: string;
  resource: 'topic' | 'group';
  name: string;
  match: 'literal' | 'prefixed';
  operation: 'read' | 'write' | 'describe' | 'create';
}

/**
 * What each service reads and writes, besides the agreements every service reads (its
 * AgreementBook) and its own dead-letter topic it writes. A service may read or write nothing else.
 */
const SERVICE_TOPICS: Record<(typeof CONSUMING_SERVICES)[number], { reads: TopicDefinition<any>[]; writes: TopicDefinition<any>[] }> = {
  'inventory-ingest': { reads: [topics.stockMovements], writes: [topics.stockMovements, topics.stockLevels] },
  forecasting: { reads: [topics.stockLevels, topics.buyerForecasts], writes: [topics.demandForecasts, topics.forecastAccuracy] },
  replenishment: {
    reads: [topics.stockLevels, topics.demandForecasts, topics.shipments],
    writes: [topics.replenishmentOrders, topics.agreements, topics.agreementProposals],
  },
  shipment: {
    reads: [topics.replenishmentOrders, topics.stockLevels, topics.shipmentUpdates],
    writes: [topics.shipments, topics.ediDocuments],
  },
  'sla-monitor': {
    reads: [topics.stockLevels, topics.replenishmentOrders, topics.shipments, topics.forecastAccuracy],
    writes: [topics.slaBreaches, topics.penalties, topics.penaltyDisputes],
  },
  notification: {
    reads: [
      topics.replenishmentOrders,
      topics.slaBreaches,
      topics.shipments,
      topics.penalties,
      topics.penaltyDisputes,
      topics.stockLevels,
      topics.demandForecasts,
    ],
    writes: [topics.notifications],
  },
};

/** The per-party topics (buyers' and suppliers') feeding the topics a service reads: it reads them too. */
const inboundRead = (service: keyof typeof SERVICE_TOPICS) =>
  allPartyInboundTopicFamilies.filter((family) => SERVICE_TOPICS[service].reads.includes(family.feeds));
/** Every family's members start `smi.in.` (the party is in the middle of the name): one prefix covers those a service reads. */
const inboundPrefixes = (service: keyof typeof SERVICE_TOPICS) => [...new Set(inboundRead(service).map((family) => family.prefix))];
/** The per-supplier topics mirroring the topics a service writes: it writes them too. */
const outboundWritten = (service: keyof typeof SERVICE_TOPICS) =>
  Object.values(outboundTopics).filter((family) => SERVICE_TOPICS[service].writes.includes(family.feeds));

/**
 * The services' rules in this process's namespace (SMI_TOPIC_PREFIX, SMI_CONSUMER_GROUP_PREFIX).
 * Each service may describe and create the platform's topics (it creates missing ones at boot;
 * creating grants no access to data), read and write its own topics, read the per-buyer topics
 * of what it consumes, write the per-supplier copies of what it publishes, and use its own
 * consumer groups. A family's members all start with its prefix (the party is in the middle of
 * the name); a consumer checks each record's buyer against the topic it came from.
 */
export function serviceAcls(): KafkaAcl[] {
  const platformPrefix = `${topicNamespace()}smi.`;
  return CONSUMING_SERVICES.flatMap((service) => {
    const principal = servicePrincipalOf(service);
    const { reads, writes } = SERVICE_TOPICS[service];
    const topic = (name: string, operation: KafkaAcl['operation'], match: KafkaAcl['match'] = 'literal'): KafkaAcl => ({
      principal,
      resource: 'topic',
      name,
      match,
      operation,
    });
    return [
      topic(platformPrefix, 'describe', 'prefixed'),
      topic(platformPrefix, 'create', 'prefixed'),
      ...[topics.agreements, ...reads].map((t) => topic(t.name, 'read')),
      ...writes.map((t) => topic(t.name, 'write')),
      topic(deadLetterTopicOf(service), 'write'),
      ...inboundPrefixes(service).map((prefix) => topic(prefix, 'read', 'prefixed')),
      // Only to replay an operator's dead letter onto the party's topic it came from, where the sender check runs again.
      ...inboundPrefixes(service).map((prefix) => topic(prefix, 'write', 'prefixed')),
      ...outboundWritten(service).map((family) => topic(family.prefix, 'write', 'prefixed')),
      { principal, resource: 'group', name: consumerGroupOf(service), match: 'prefixed', operation: 'read' },
    ];
  });
}

/**
 * A party's rules: a buyer may write its own inbound topics and nothing else (no read, no
 * internal topic); a supplier may read its own outbound topics (its shipments), with consumer
 * groups named after its principal (`<group prefix>.party-<id>...`), and write its own inbound
 * topic (its logistics reports), and nothing else. An operator has no Kafka principal: it works over HTTP.
 */
export function partyAcls(party: { id: string; kind: string }): KafkaAcl[] {
  const principal = partyPrincipalOf(party.id);
  const own: KafkaAcl[] = partyTopicFamilies(party).map((family) => ({
    principal,
    resource: 'topic',
    name: family.of(party.id).name,
    match: 'literal',
    operation: allPartyInboundTopicFamilies.includes(family) ? 'write' : 'read',
  }));
  if (party.kind !== 'supplier' || own.length === 0) return own;
  return [...own, { principal, resource: 'group', name: consumerGroupOf(principal), match: 'prefixed', operation: 'read' }];
}

/** The rules of the services and of the given parties, in this process's namespace. */
export const platformAcls = (parties: ReadonlyArray<{ id: string; kind: string }> = []): KafkaAcl[] => [
  ...serviceAcls(),
  ...parties.flatMap(partyAcls),
];

const OPERATIONS = {
  read: AclOperationTypes.READ,
  write: AclOperationTypes.WRITE,
  describe: AclOperationTypes.DESCRIBE,
  create: AclOperationTypes.CREATE,
};

/** Puts the rules on the broker (the admin's client); a rule already there is left as it is. */
export async function ensureAcls(kafka: Kafka, acls: KafkaAcl[]): Promise<void> {
  if (acls.length === 0) return;
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.createAcls({
      acl: acls.map((acl) => ({
        principal: `User:${acl.principal}`,
        host: '*',
        resourceType: acl.resource === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
        resourceName: acl.name,
        resourcePatternType: acl.match === 'literal' ? ResourcePatternTypes.LITERAL : ResourcePatternTypes.PREFIXED,
        operation: OPERATIONS[acl.operation],
        permissionType: AclPermissionTypes.ALLOW,
      })),
    });
  } finally {
    await admin.disconnect();
  }
}
