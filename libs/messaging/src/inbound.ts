import type { MessageHeaders } from './trace-headers';

/** One decoded record as a batch handler receives it: the event and where it came from. */
export interface Inbound<T> {
  event: T;
  key: string | null;
  partition: number;
  offset: string;
  /** The record's headers, trace context included: events it causes carry that trace on. */
  headers: MessageHeaders;
}

/** How a handler's events are kept from having a second effect when Kafka delivers them again. */
export type Deduplication =
  /** The transport claims every event id in the inbox table, in one statement per run; repeats never reach the handler. */
  | 'inbox'
  /**
   * The handler's own state makes a repeat harmless (for example a per-key sequence number it
   * stores with its projection), so no inbox row is written per event.
   */
  | 'handler';

export interface ConsumeOptions {
  deduplication?: Deduplication;
}
