export { createKafka, kafkaBrokersFromEnv, kafkaSecurityFromEnv, consumerGroupOf } from './kafka-connection';
export { EventPublisher, RawMessage } from './event-publisher';
export { Outbox, OutboxMessageEntity, EVENT_ID_HEADER, Cause } from './outbox';
export { OutboxRelay } from './outbox-relay';
export { UnitOfWork, Transaction } from './unit-of-work';
export {
  ProcessedEventEntity,
  claimEvents,
  releaseClaims,
  canonicalHashOf,
  inboxScopeOf,
  inboxConsumerOf,
  InboxClaim,
  ClaimOutcome,
  CHANNEL_HEADER,
  CHANNELS,
  Channel,
  channelOf,
} from './inbox';
export { Inbound, Deduplication, ConsumeOptions, Rejection, fromTheirOwnBuyer, fromTheirOwnSupplier, fromTheirOwnParty } from './inbound';
export { MessagingTables1764028800000 } from './messaging-tables.migration';
export { ScopedInboxAndDeadLetters1796601600000 } from './scoped-inbox-and-dead-letters.migration';
export { KafkaEventServer, KafkaEventServerOptions, KeepHandlerErrors, ConsumeEvents } from './kafka-event-server';
export { RejectedEventError } from './errors';
export {
  DEAD_LETTER_HEADERS,
  REPLAY_OF_HEADER,
  DeadLetter,
  ReplayOutcome,
  listDeadLetters,
  findDeadLetter,
  replayDeadLetter,
  recordDeadLetterOnce,
} from './dead-letter';
export { failsEveryTime } from './failures';
export { ensureTopics, platformTopicSpecs, CONSUMING_SERVICES } from './topic-admin';
export { traceHeaders, contextFromHeaders, headersAsStrings, withinTraceOf, traceIdOf, MessageHeaders } from './trace-headers';

/** Entities every service registers so the inbox and outbox work. */
import { OutboxMessageEntity as Outbox_ } from './outbox';
import { ProcessedEventEntity as Inbox_ } from './inbox';
export const messagingEntities = [Outbox_, Inbox_];
export { ensureAcls, platformAcls, serviceAcls, partyAcls, servicePrincipalOf, partyPrincipalOf, KafkaAcl } from './kafka-acls';
