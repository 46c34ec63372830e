import { AvroCodec, TopicDefinition } from '@smi/contracts';
import type { RawMessage } from './event-publisher';
import { EntityManager, EntitySchema } from 'typeorm';
import { contextForCause, MessageHeaders, traceHeaders } from './trace-headers';

/** A message waiting to be published; written in the same transaction as the state change it announces. */
export interface OutboxMessage {
  id: string;
  topic: string;
  messageKey: string;
  value: Buffer;
  headers: Record<string, string>;
  createdAt: Date;
}

export const OutboxMessageEntity = new EntitySchema<OutboxMessage>({
  name: 'OutboxMessage',
  tableName: 'outbox',
  columns: {
    id: { type: 'bigint', primary: true, generated: 'increment' },
    topic: { type: 'text' },
    messageKey: { name: 'message_key', type: 'text' },
    value: { type: 'bytea' },
    headers: { type: 'jsonb' },
    createdAt: { name: 'created_at', type: 'timestamptz', createDate: true },
  },
});

export const EVENT_ID_HEADER = 'smi-event-id';

/** What caused an event: its trace context travels on with it. */
export interface Cause {
  headers: MessageHeaders;
}

/**
 * Collects the events a unit of work announces and writes them to the outbox table in one
 * statement, inside the unit's transaction, just before it commits. Values are encoded as they
 * are added, so an event that does not fit its schema fails the work instead of the relay.
 */
export class Outbox {
  private readonly pending: Array<{ topic: string; key: string; value: Buffer; headers: Record<string, string> }> = [];
  private written = 0;

  constructor(
    private readonly manager: EntityManager,
    private readonly codec: AvroCodec,
  ) {}

  /** Adds an event; `cause` (the inbound record that led to it) gives its trace, else the active span does. */
  async add<T extends { eventId: string }>(topic: TopicDefinition<T>, value: T, cause?: Cause): Promise<void> {
    const trace = traceHeaders(contextForCause(cause));
    this.pending.push({
      topic: topic.name,
      key: topic.keyOf(value),
      value: await this.codec.encode(topic, value),
      headers: { ...trace, [EVENT_ID_HEADER]: value.eventId },
    });
  }

  /** Adds a message already encoded (a dead letter keeps the bytes it came with). */
  addEncoded(message: RawMessage): void {
    this.pending.push({ topic: message.topic, key: message.key, value: message.value, headers: message.headers });
  }

  /** Writes what was added since the last flush, in the order added (the relay publishes in that order). */
  async flush(): Promise<void> {
    if (this.pending.length === 0) return;
    const rows = this.pending.splice(0);
    await this.manager.query(
      // Ids follow the order rows come out of the SELECT, so ORDER BY keeps the order added.
      `INSERT INTO outbox (topic, message_key, value, headers)
       SELECT topic, message_key, value, headers
       FROM unnest($1::text[], $2::text[], $3::bytea[], $4::jsonb[]) WITH ORDINALITY AS m(topic, message_key, value, headers, n)
       ORDER BY n`,
      [rows.map((r) => r.topic), rows.map((r) => r.key), rows.map((r) => r.value), rows.map((r) => JSON.stringify(r.headers))],
    );
    this.written += rows.length;
  }

  /**
   * Where the outbox stands, to go back to when the work since then is undone (a savepoint rolled
   * back): the events added after it are dropped. Only between flushes (the unit of work flushes
   * once, at its end).
   */
  mark(): number {
    return this.pending.length;
  }

  rollbackTo(mark: number): void {
    this.pending.length = mark;
  }

  /** Events added in this unit of work, flushed or not. */
  get added(): number {
    return this.written + this.pending.length;
  }
}
