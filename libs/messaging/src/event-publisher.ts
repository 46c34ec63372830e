import { AvroCodec, TopicDefinition } from '@smi/contracts';
import { context, Context } from '@opentelemetry/api';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { EVENT_ID_HEADER } from './outbox';

export interface RawMessage {
  topic: string;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * Publishes straight to Kafka and waits for every in-sync replica (acks=-1),
 * so a record the caller has been told is accepted cannot be lost. The
 * producer is idempotent: a retried send is not written twice.
 */
export class EventPublisher {
  private readonly producer: Producer;
  private connected?: Promise<void>;

  constructor(
    kafka: Kafka,
    private readonly codec: AvroCodec,
  ) {
    // The default partitioner is murmur2, as in the Java client, so keys land where other tools expect.
    this.producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  connect(): Promise<void> {
    this.connected ??= this.producer.connect();
    return this.connected;
  }

  async publish<T extends { eventId: string }>(topic: TopicDefinition<T>, value: T, headers: Record<string, string> = {}): Promise<void> {
    await this.publishAll(topic, [value], headers);
  }

  /** Several values in one produce request, all in the caller's trace; acknowledged together. */
  async publishAll<T extends { eventId: string }>(topic: TopicDefinition<T>, values: T[], headers: Record<string, string> = {}): Promise<void> {
    await this.connect();
    const messages = await Promise.all(
      values.map(async (value) => ({
        key: topic.keyOf(value),
        value: await this.codec.encode(topic, value),
        headers: { ...headers, [EVENT_ID_HEADER]: value.eventId },
      })),
    );
    await this.producer.send({ topic: topic.name, acks: -1, messages });
  }

  /** Sends one already encoded message; `within` is the trace context the send belongs to. */
  async send(message: RawMessage, within: Context = context.active()): Promise<void> {
    await this.connect();
    await context.with(within, () =>
      this.producer.send({
        topic: message.topic,
        acks: -1,
        messages: [{ key: message.key, value: message.value, headers: { ...message.headers } }],
      }),
    );
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
