import { AvroCodec, TopicDefinition } from '@smi/contracts';
import { context, Context } from '@opentelemetry/api';
import { Kafka, Partitioners, Producer } from 'kafkajs';
import { EVENT_ID_HEADER } from './outbox';
import { traceHeaders } from './trace-headers';

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
  async publishAll<T extends { eventId: string }>(
    topic: TopicDefinition<T>,
    values: T[],
    headers: Record<string, string> = {},
  ): Promise<void> {
    await this.connect();
    const messages = await Promise.all(
      values.map(async (value) => ({
        key: topic.keyOf(value),
        value: await this.codec.encode(topic, value),
        headers: { ...traceHeaders(), ...headers, [EVENT_ID_HEADER]: value.eventId },
      })),
    );
    await this.producer.send({ topic: topic.name, acks: -1, messages });
  }

  /** Sends one already encoded message; `within` is the trace context the send belongs to. */
  async send(message: RawMessage, within: Context = context.active()): Promise<void> {
    await this.connect();
    await this.producer.send({
      topic: message.topic,
      acks: -1,
      messages: [{ key: message.key, value: message.value, headers: { ...traceHeaders(within), ...message.headers } }],
    });
  }

  /**
   * Sends already encoded messages in one request per call (kafkajs groups them per topic and
   * partition), in the order given within each partition. Their own headers carry their traces.
   */
  async sendAll(messages: readonly RawMessage[]): Promise<void> {
    if (messages.length === 0) return;
    await this.connect();
    const byTopic = new Map<string, Array<{ key: string; value: Buffer; headers: Record<string, string> }>>();
    for (const m of messages) {
      const list = byTopic.get(m.topic) ?? [];
      list.push({ key: m.key, value: m.value, headers: { ...m.headers } });
      byTopic.set(m.topic, list);
    }
    await this.producer.sendBatch({ acks: -1, topicMessages: [...byTopic].map(([topic, msgs]) => ({ topic, messages: msgs })) });
  }

  async disconnect(): Promise<void> {
    if (this.connected) await this.producer.disconnect();
    this.connected = undefined;
  }
}
