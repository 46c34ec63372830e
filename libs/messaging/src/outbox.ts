import { AvroCodec, TopicDefinition } from '@smi/contracts';
import { EntityManager, EntitySchema } from 'typeorm';
import { traceHeaders } from './trace-headers';

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

/**
 * Adds events to the outbox inside the caller's transaction. Values are encoded
 * here, so an event that does not fit its schema fails the transaction instead
 * of failing later in the relay.
 */
export class Outbox {
  private count = 0;

  constructor(
    private readonly manager: EntityManager,
    private readonly codec: AvroCodec,
  ) {}

  async add<T extends { eventId: string }>(topic: TopicDefinition<T>, value: T): Promise<void> {
    const encoded = await this.codec.encode(topic, value);
    await this.manager.getRepository(OutboxMessageEntity).insert({
      topic: topic.name,
      messageKey: topic.keyOf(value),
      value: encoded,
      headers: { ...traceHeaders(), [EVENT_ID_HEADER]: value.eventId },
    });
    this.count++;
  }

  /** Messages added so far in this transaction. */
  get added(): number {
    return this.count;
  }
}
