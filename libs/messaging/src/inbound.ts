import type { PartyTopicFamily } from '@smi/contracts';
import type { MessageHeaders } from './trace-headers';

/** One decoded record as a batch handler receives it: the event and where it came from. */
export interface Inbound<T> {
  event: T;
  key: string | null;
  /** The topic it came from: on a per-buyer topic, it says which buyer sent it. */
  topic: string;
  partition: number;
  offset: string;
  /** The record's headers, trace context included: events it causes carry that trace on. */
  headers: MessageHeaders;
}

/**
 * An event the use case refuses (bad input, not a failure): the transport parks its record on the
 * service's dead-letter topic with the reason, through the outbox, in the same unit of work as
 * the rest of the run, so the run commits and nothing is lost. A handler returns these.
 */
export interface Rejection {
  record: Inbound<unknown>;
  reason: string;
}

/** How a handler's events are kept from having a second effect when Kafka delivers them again. */
export type Deduplication =
  /**
   * The transport claims every event in the inbox table, in one statement per run; repeats never
   * reach the handler, and an id seen before with another body is dead-lettered as a conflict.
   */
  | 'inbox'
  /**
   * The handler's own state makes a repeat harmless (for example a per-key sequence number it
   * stores with its projection), so no inbox row is written per event.
   */
  | 'handler';

/**
 * Keeps the records whose party field (a buyer's `buyerId`, a supplier's `supplierId`) names the
 * party of the per-party topic they came from, keyed as the topic's contract keys them; the others
 * are refused with the reason: a party writing in another's name, or a record whose key is not its
 * event's (it would land on another partition than the rest of its key, and its order among them
 * would be lost).
 */
export function fromTheirOwnParty<T, F extends keyof T & string>(
  records: Inbound<T>[],
  family: Pick<PartyTopicFamily<unknown>, 'partyOf'> & { feeds: { keyOf(value: T): string } },
  field: F,
): { accepted: Inbound<T>[]; rejected: Rejection[] } {
  const role = field.replace(/Id$/, '');
  const accepted: Inbound<T>[] = [];
  const rejected: Rejection[] = [];
  for (const record of records) {
    const source = family.partyOf(record.topic);
    const key = family.feeds.keyOf(record.event);
    const party = record.event[field];
    if (source === undefined || party !== source)
      rejected.push({ record, reason: `${field} ${JSON.stringify(party)} is not the ${role} of topic ${record.topic}` });
    else if (record.key !== key)
      rejected.push({ record, reason: `the record's key ${JSON.stringify(record.key)} is not its event's ${JSON.stringify(key)}` });
    else accepted.push(record);
  }
  return { accepted, rejected };
}

/** The records of a per-buyer topic that name its buyer (see fromTheirOwnParty). */
export const fromTheirOwnBuyer = <T extends { buyerId: string }>(
  records: Inbound<T>[],
  family: Pick<PartyTopicFamily<unknown>, 'partyOf'> & { feeds: { keyOf(value: T): string } },
) => fromTheirOwnParty(records, family, 'buyerId');

/** The records of a per-supplier topic that name its supplier (see fromTheirOwnParty). */
export const fromTheirOwnSupplier = <T extends { supplierId: string }>(
  records: Inbound<T>[],
  family: Pick<PartyTopicFamily<unknown>, 'partyOf'> & { feeds: { keyOf(value: T): string } },
) => fromTheirOwnParty(records, family, 'supplierId');

export interface ConsumeOptions<T = never> {
  deduplication?: Deduplication;
  /**
   * The party whose event it is (for example its buyerId). Event ids are chosen by senders, so
   * the inbox keys them by party and channel: one buyer's id never shadows another's. Unset, the
   * events of the topic share one scope per channel (ids the platform makes itself).
   */
  scopeOf?: (event: T) => string;
}
