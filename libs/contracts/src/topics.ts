import type {
  AgreementProposal,
  EdiDocument,
  AgreementVersion,
  BuyerForecast,
  DemandForecast,
  ForecastAccuracy,
  Notification,
  Penalty,
  PenaltyDispute,
  ReplenishmentOrder,
  Shipment,
  ShipmentUpdate,
  SlaBreach,
  StockLevel,
  StockMovement,
} from './generated';

/**
 * One definition per topic: name, value schema, key, partitions, retention.
 * Services import these; no service spells a topic name. deploy/ creates the
 * topics from this list, so what runs is what is written here.
 */
export interface TopicDefinition<TValue = unknown> {
  /** The topic on the broker: the contract name, behind this process's namespace (see topicNamespace). */
  readonly name: string;
  /** The name in the contract, the same in every namespace; schema subjects are named after it. */
  readonly contractName: string;
  /** File in schemas/ holding the value schema. */
  readonly schemaFile: string;
  /** What the message key is, for readers of docs and tools. */
  readonly key: string;
  /** Computes the message key from a value, so ordering per key holds. */
  keyOf(value: TValue): string;
  readonly partitions: number;
  /** -1 keeps records forever (state topics are compacted instead). */
  readonly retentionMs: number;
  /** State topic: only the latest record per key matters. */
  readonly compacted: boolean;
  /** The largest record the topic takes, when above the broker's 1 MB default. */
  readonly maxMessageBytes?: number;
  readonly description: string;
  /** Phantom field carrying the value type; never set. */
  readonly __value?: TValue;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * SMI_TOPIC_PREFIX puts every topic of this process in a namespace of its own ("bench-7." makes
 * "bench-7.smi.stock-levels.v1"), so a test run or a benchmark on a shared broker neither feeds a
 * running demo nor counts its events. Read at each use, so a test harness may set it after import.
 */
export const topicNamespace = (env: NodeJS.ProcessEnv = process.env): string => env.SMI_TOPIC_PREFIX ?? '';

/** Types a topic definition by its value, so publish and decode know what travels on it. */
const topic = <T>({ name, ...definition }: Omit<TopicDefinition<T>, 'contractName'> & { name: string }): TopicDefinition<T> => ({
  ...definition,
  contractName: name,
  get name() {
    return `${topicNamespace()}${name}`;
  },
});
/** The key of one buyer site x item, on the topics and wherever a service indexes per site x item. */
export const siteItemKeyOf = (v: { buyerId: string; siteId: string; itemId: string }): string => `${v.buyerId}|${v.siteId}|${v.itemId}`;

export const topics = {
  agreements: topic<AgreementVersion>({
    name: 'smi.agreements.v1',
    schemaFile: 'AgreementVersion.avsc',
    key: 'agreementId',
    keyOf: (v: AgreementVersion) => v.agreementId,
    partitions: 3,
    // Every version is kept: a replayed event must find the version that was in force then.
    retentionMs: -1,
    compacted: false,
    // An agreement with hundreds of lines is one record of a few MB.
    maxMessageBytes: 16 * 1024 * 1024,
    description: 'Every version of every agreement (created, amended, retired), published by replenishment, which owns the agreements API.',
  }),
  agreementProposals: topic<AgreementProposal>({
    name: 'smi.agreement-proposals.v1',
    schemaFile: 'AgreementProposal.avsc',
    key: 'agreementId',
    keyOf: (v: AgreementProposal) => v.agreementId,
    partitions: 3,
    // The record of who consented to what, and when: kept as long as the versions it led to.
    retentionMs: -1,
    compacted: false,
    // Each step carries the proposed terms, as large as an agreement version.
    maxMessageBytes: 16 * 1024 * 1024,
    description:
      'Every step of a proposed agreement change (proposed, accepted, rejected, withdrawn) with who, when and why, published by replenishment; only an accepted one becomes a version on the agreements topic.',
  }),
  stockMovements: topic<StockMovement>({
    name: 'smi.stock-movements.v1',
    schemaFile: 'StockMovement.avsc',
    key: 'buyerId|siteId|itemId',
    keyOf: siteItemKeyOf,
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    compacted: false,
    description: 'Stock movements as buyer systems send them (Kafka producers, and inventory-ingest for REST).',
  }),
  stockLevels: topic<StockLevel>({
    name: 'smi.stock-levels.v1',
    schemaFile: 'StockLevel.avsc',
    key: 'buyerId|siteId|itemId',
    keyOf: siteItemKeyOf,
    partitions: 6,
    retentionMs: 30 * DAY_MS,
    compacted: false,
    description: 'Projected on-hand after each accepted movement; an event per change, carrying the movement.',
  }),
  demandForecasts: topic<DemandForecast>({
    name: 'smi.demand-forecasts.v1',
    schemaFile: 'DemandForecast.avsc',
    key: 'buyerId|siteId|itemId',
    keyOf: siteItemKeyOf,
    partitions: 6,
    retentionMs: -1,
    compacted: true,
    description: 'Latest demand forecast per site x item (state topic).',
  }),
  buyerForecasts: topic<BuyerForecast>({
    name: 'smi.buyer-forecasts.v1',
    schemaFile: 'BuyerForecast.avsc',
    key: 'buyerId|siteId|itemId',
    keyOf: siteItemKeyOf,
    partitions: 6,
    // A year of submissions: the backtest scores the buyer's forecasts of past periods.
    retentionMs: 365 * DAY_MS,
    compacted: false,
    description:
      "Buyers' own demand forecasts (collaborative forecasting), from their planning systems or POST /buyer-forecasts on forecasting.",
  }),
  forecastAccuracy: topic<ForecastAccuracy>({
    name: 'smi.forecast-accuracy.v1',
    schemaFile: 'ForecastAccuracy.avsc',
    key: 'buyerId|siteId|itemId, or agreementId',
    keyOf: (v: ForecastAccuracy) =>
      v.scope === 'AGREEMENT' ? v.agreementId! : siteItemKeyOf({ buyerId: v.buyerId, siteId: v.siteId!, itemId: v.itemId! }),
    partitions: 3,
    retentionMs: -1,
    compacted: true,
    description: 'Latest forecast accuracy (MASE, bias) per site x item and per agreement, measured as actuals arrive (state topic).',
  }),
  replenishmentOrders: topic<ReplenishmentOrder>({
    name: 'smi.replenishment-orders.v1',
    schemaFile: 'ReplenishmentOrder.avsc',
    key: 'buyerId|siteId|itemId',
    keyOf: siteItemKeyOf,
    partitions: 6,
    retentionMs: 90 * DAY_MS,
    compacted: false,
    description: 'Orders the supplier raised to refill buyer stock.',
  }),
  shipments: topic<Shipment>({
    name: 'smi.shipments.v1',
    schemaFile: 'Shipment.avsc',
    key: 'shipmentId',
    keyOf: (v: Shipment) => v.shipmentId,
    partitions: 6,
    retentionMs: 90 * DAY_MS,
    compacted: false,
    description: 'Shipments for the supplier logistics, one event per status change.',
  }),
  shipmentUpdates: topic<ShipmentUpdate>({
    name: 'smi.shipment-updates.v1',
    schemaFile: 'ShipmentUpdate.avsc',
    key: 'shipmentId',
    keyOf: (v: ShipmentUpdate) => v.shipmentId,
    partitions: 6,
    retentionMs: 90 * DAY_MS,
    compacted: false,
    description:
      "Logistics reports (dispatch with its advance shipping notice, delay, delivery) taken by shipment's REST API; suppliers' systems write their own smi.in.<supplierId>.shipment-updates.v1.",
  }),
  penalties: topic<Penalty>({
    name: 'smi.penalties.v1',
    schemaFile: 'Penalty.avsc',
    key: 'agreementId',
    keyOf: (v: Penalty) => v.agreementId,
    partitions: 3,
    // Money owed under a contract: kept as long as the agreements that set it.
    retentionMs: -1,
    compacted: false,
    description: 'Penalties computed when a period closes, with rule, agreement version and evidence; corrections as new revisions.',
  }),
  penaltyDisputes: topic<PenaltyDispute>({
    name: 'smi.penalty-disputes.v1',
    schemaFile: 'PenaltyDispute.avsc',
    key: 'agreementId',
    keyOf: (v: PenaltyDispute) => v.agreementId,
    partitions: 3,
    retentionMs: -1,
    compacted: false,
    description: 'Every step of every penalty dispute (opened by the supplier, accepted or rejected by the buyer).',
  }),
  slaBreaches: topic<SlaBreach>({
    name: 'smi.sla-breaches.v1',
    schemaFile: 'SlaBreach.avsc',
    key: 'agreementId',
    keyOf: (v: SlaBreach) => v.agreementId,
    partitions: 3,
    retentionMs: 365 * DAY_MS,
    compacted: false,
    description: 'Stockouts and the penalties they cause under an agreement.',
  }),
  ediDocuments: topic<EdiDocument>({
    name: 'smi.edi-documents.v1',
    schemaFile: 'EdiDocument.avsc',
    key: 'partyId',
    keyOf: (v: EdiDocument) => v.partyId,
    partitions: 3,
    retentionMs: 90 * DAY_MS,
    compacted: false,
    description:
      "EDI documents for trading partners' gateways: X12 856 and EDIFACT DESADV per dispatched shipment, X12 850 per released order.",
  }),
  notifications: topic<Notification>({
    name: 'smi.notifications.v1',
    schemaFile: 'Notification.avsc',
    key: 'recipientId',
    keyOf: (v: Notification) => v.recipientId,
    partitions: 3,
    retentionMs: 90 * DAY_MS,
    compacted: false,
    description: 'Record of each alert delivered to, or given up for, a party.',
  }),
} as const;

export type ValueOf<T> = T extends TopicDefinition<infer V> ? V : never;

export const allTopics: readonly TopicDefinition<any>[] = Object.values(topics);

/** Subject under which a topic's value schema is registered (Confluent TopicNameStrategy). */
export const subjectOf = (topic: Pick<TopicDefinition, 'contractName'>): string => `${topic.contractName}-value`;

/** Each consuming service has its own dead-letter topic; records there keep their original bytes. */
export const deadLetterTopicOf = (service: string): string => `${topicNamespace()}smi.dead-letter.${service}`;

export const DEAD_LETTER_PARTITIONS = 1;
export const DEAD_LETTER_RETENTION_MS = 90 * DAY_MS;

/**
 * A topic per party, one end of it that party's alone (the broker's ACLs, see libs/messaging
 * kafka-acls.ts). Inbound: the records of buyer X come in on `smi.in.X.<suffix>`, which only X's
 * principal may write, so the platform knows who sent a record from where it arrived, and checks
 * the record's buyerId against it. Outbound: `smi.out.X.<suffix>` carries what is addressed to
 * party X, which only X's principal (and the platform) may read. Every member carries the
 * contract of the platform topic it mirrors (same schema subject, same key), so its records are
 * encoded, decoded, keyed and deduplicated as that topic's.
 */
export interface PartyTopicFamily<TValue> {
  /** What handlers are registered under: the members' name with `{partyId}` in place of the party. */
  readonly name: string;
  /** The platform topic whose contract the members share. */
  readonly feeds: TopicDefinition<TValue>;
  /** The name every member starts with, in this process's namespace (`smi.in.` or `smi.out.`). */
  readonly prefix: string;
  /** The topic of one party, in this process's namespace. */
  of(partyId: string): TopicDefinition<TValue>;
  /** Every member in this process's namespace, for a consumer's subscription. */
  readonly pattern: RegExp;
  /** The party a topic belongs to, or undefined when the topic is not a member. */
  partyOf(topicName: string): string | undefined;
}

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

const partyFamily = <T>(feeds: TopicDefinition<T>, direction: 'in' | 'out', suffix: string): PartyTopicFamily<T> => {
  const prefix = () => `${topicNamespace()}smi.${direction}.`;
  const pattern = () => new RegExp(`^${escapeRegExp(prefix())}(.+)\\.${escapeRegExp(suffix)}$`);
  return {
    get name() {
      return `${prefix()}{partyId}.${suffix}`;
    },
    feeds,
    get prefix() {
      return prefix();
    },
    of: (partyId) => {
      const { name: _name, ...contract } = Object.getOwnPropertyDescriptors(feeds);
      return Object.defineProperties({ name: `${prefix()}${partyId}.${suffix}` }, contract) as TopicDefinition<T>;
    },
    get pattern() {
      return pattern();
    },
    partyOf: (topicName) => pattern().exec(topicName)?.[1],
  };
};

/** The topics buyers' systems write to, one of each per buyer (the shared topics they feed are internal). */
export const inboundTopics = {
  stockMovements: partyFamily(topics.stockMovements, 'in', 'stock-movements.v1'),
  buyerForecasts: partyFamily(topics.buyerForecasts, 'in', 'buyer-forecasts.v1'),
} as const;

/** The topics suppliers' systems write to, one of each per supplier: their logistics reports. */
export const supplierInboundTopics = {
  shipmentUpdates: partyFamily(topics.shipmentUpdates, 'in', 'shipment-updates.v1'),
} as const;

/** What is addressed to one supplier, for its own systems to read: the shipments it makes, one topic per supplier. */
export const outboundTopics = {
  shipments: partyFamily(topics.shipments, 'out', 'shipments.v1'),
} as const;

/** The families buyers write to. */
export const allInboundTopicFamilies: readonly PartyTopicFamily<any>[] = Object.values(inboundTopics);

/** Every family a party writes to (buyers' and suppliers'): consumers subscribe to them by pattern and check the sender. */
export const allPartyInboundTopicFamilies: readonly PartyTopicFamily<any>[] = [
  ...allInboundTopicFamilies,
  ...Object.values(supplierInboundTopics),
];
