import { AvroCodec, TopicDefinition } from '@smi/contracts';
import { createKafka, EventPublisher, headersAsStrings } from '@smi/messaging';
import { Consumer, Kafka, KafkaMessage } from 'kafkajs';

export interface WaitOptions {
  count?: number;
  timeoutMs?: number;
  /** After the count is reached, keep reading this long so extra records would show. */
  settleMs?: number;
  /** The reader's consumer group (a principal may use only groups its rules name); a fresh one by default. */
  groupId?: string;
  /** On timeout, return what matched so far instead of failing (to say where records went). */
  fewerOnTimeout?: boolean;
}

export interface ReceivedRecord<T> {
  value: T;
  key: string | null;
  headers: Record<string, string>;
  raw: Buffer | null;
}

/**
 * What a buyer system or a supplier's logistics would do with the platform's
 * topics: produce Avro records and read what comes out.
 */
export class KafkaTestClient {
  readonly kafka: Kafka;
  readonly publisher: EventPublisher;
  private readonly consumers: Consumer[] = [];

  /**
   * `security` connects as another principal than this process's (KAFKA_SASL_* variables);
   * `codec` finds schema ids elsewhere than this process's registry (SCHEMA_REGISTRY_URL or the manifest).
   */
  constructor(
    brokers = process.env.KAFKA_BROKERS,
    security: Record<string, string> = {},
    readonly codec = new AvroCodec(),
  ) {
    if (!brokers) throw new Error('KAFKA_BROKERS is not set; run tests through the integration jest config');
    this.kafka = createKafka(`smi-test-${process.pid}`, brokers.split(','), { ...process.env, ...security });
    this.publisher = new EventPublisher(this.kafka, this.codec);
  }

  async publish<T extends { eventId: string }>(topic: TopicDefinition<T>, value: T, headers: Record<string, string> = {}): Promise<void> {
    await this.publisher.publish(topic, value, headers);
  }

  /** Sends raw bytes, as a misbehaving producer would. */
  async publishRaw(topic: string, key: string, value: Buffer, headers: Record<string, string> = {}): Promise<void> {
    await this.publisher.send({ topic, key, value, headers });
  }

  /**
   * Reads a topic from the start until `count` records match, or fails after
   * the timeout saying what it saw.
   */
  async waitFor<T>(
    topic: TopicDefinition<T>,
    matches: (value: T, record: ReceivedRecord<T>) => boolean,
    options: WaitOptions = {},
  ): Promise<Array<ReceivedRecord<T>>> {
    return this.readUntil(
      topic.name,
      async (message) => {
        let value: T;
        try {
          value = await this.codec.decode(topic, message.value);
        } catch {
          return undefined; // not for us to judge here: the services dead-letter it
        }
        const record: ReceivedRecord<T> = {
          value,
          key: message.key?.toString() ?? null,
          headers: headersAsStrings(message.headers),
          raw: message.value,
        };
        return matches(value, record) ? record : undefined;
      },
      options,
    );
  }

  /**
   * Like waitFor, counting events rather than records: a record published again under
   * the same event id (at-least-once delivery) is one event. Returns the first record of each.
   */
  async waitForEvents<T extends { eventId: string }>(
    topic: TopicDefinition<T>,
    matches: (value: T, record: ReceivedRecord<T>) => boolean,
    options: WaitOptions = {},
  ): Promise<Array<ReceivedRecord<T>>> {
    const seen = new Set<string>();
    return this.waitFor(
      topic,
      (value, record) => matches(value, record) && !seen.has(value.eventId) && seen.add(value.eventId) !== undefined,
      options,
    );
  }

  /**
   * Every matching record of a topic, from its beginning up to its end as it is when asked: exactly
   * what had been published by then, without waiting to see whether more comes.
   */
  async readToEnd<T>(topic: TopicDefinition<T>, matches: (value: T) => boolean, timeoutMs = 60_000): Promise<T[]> {
    const admin = this.kafka.admin();
    await admin.connect();
    const ends = await admin.fetchTopicOffsets(topic.name).finally(() => admin.disconnect());
    const pending = new Map(
      ends.filter(({ high, low }) => Number(high) > Number(low)).map(({ partition, high }) => [partition, Number(high)]),
    );
    const found: T[] = [];
    if (pending.size === 0) return found;
    const consumer = this.kafka.consumer({ groupId: `smi-test-reader-${Date.now()}-${Math.random().toString(36).slice(2)}` });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topic.name], fromBeginning: true });
    let reachedEnds!: () => void;
    const done = new Promise<void>((resolve) => (reachedEnds = resolve));
    await consumer.run({
      eachBatch: async ({ batch }) => {
        const end = pending.get(batch.partition);
        if (end === undefined) return;
        for (const message of batch.messages) {
          if (Number(message.offset) >= end) break;
          const value = await this.codec.decode(topic, message.value).catch(() => undefined);
          if (value !== undefined && matches(value)) found.push(value);
        }
        if (Number(batch.lastOffset()) + 1 >= end) {
          pending.delete(batch.partition);
          if (pending.size === 0) reachedEnds();
        }
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([done.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    await consumer.disconnect();
    if (outcome === 'timeout')
      throw new Error(`waited ${timeoutMs} ms to read ${topic.name} to its end; partitions ${[...pending.keys()].join(', ')} short`);
    return found;
  }

  /** Like waitFor, for topics whose records are not Avro (dead-letter topics); value is the bytes as text. */
  async waitForRaw(
    topicName: string,
    matches: (record: ReceivedRecord<string>) => boolean,
    options: WaitOptions = {},
  ): Promise<Array<ReceivedRecord<string>>> {
    return this.readUntil(
      topicName,
      async (message) => {
        const record: ReceivedRecord<string> = {
          value: message.value?.toString('utf8') ?? '',
          key: message.key?.toString() ?? null,
          headers: headersAsStrings(message.headers),
          raw: message.value,
        };
        return matches(record) ? record : undefined;
      },
      options,
    );
  }

  private async readUntil<R>(
    topicName: string,
    pick: (message: KafkaMessage) => Promise<R | undefined>,
    options: WaitOptions,
  ): Promise<R[]> {
    const count = options.count ?? 1;
    const timeoutMs = options.timeoutMs ?? 60_000;
    const found: R[] = [];
    let seen = 0;
    const groupId = options.groupId ?? `smi-test-reader-${Date.now()}-${Math.random().toString(36).slice(2)}`;
    const consumer = this.kafka.consumer({ groupId });
    this.consumers.push(consumer);
    await consumer.connect();
    await consumer.subscribe({ topics: [topicName], fromBeginning: true });
    let reachedCount!: () => void;
    const done = new Promise<void>((resolve) => (reachedCount = resolve));
    await consumer.run({
      eachMessage: async ({ message }) => {
        seen++;
        const record = await pick(message);
        if (record !== undefined) {
          found.push(record);
          if (found.length >= count) reachedCount();
        }
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
    const outcome = await Promise.race([done.then(() => 'done' as const), timedOut]);
    clearTimeout(timer);
    // Give late duplicates a chance to show up, so tests asserting "exactly these" mean it.
    if (outcome === 'done' && options.settleMs) await new Promise((r) => setTimeout(r, options.settleMs));
    await consumer.disconnect();
    if (outcome === 'timeout' && !options.fewerOnTimeout) {
      throw new Error(`waited ${timeoutMs} ms on ${topicName} for ${count} matching record(s); read ${seen}, ${found.length} matched`);
    }
    return found;
  }

  async disconnect(): Promise<void> {
    await Promise.all(this.consumers.map((c) => c.disconnect().catch(() => undefined)));
    await this.publisher.disconnect();
  }
}
