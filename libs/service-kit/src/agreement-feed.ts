import { Logger } from '@nestjs/common';
import { AgreementBook, AgreementVersion, agreementVersionOf } from '@smi/agreements';
import { AvroCodec, topics, UndecodableRecordError } from '@smi/contracts';
import {
  consumerGroupOf,
  ensureTopics,
  EVENT_ID_HEADER,
  headersAsStrings,
  platformTopicSpecs,
  recordDeadLetterOnce,
  UnitOfWork,
} from '@smi/messaging';
import { Admin, Consumer, Kafka, KafkaMessage } from 'kafkajs';
import { randomUUID } from 'node:crypto';

export interface AgreementFeedOptions {
  kafka: Kafka;
  admin: Admin;
  codec: AvroCodec;
  service: string;
  /** Where a version that cannot be read or is invalid is dead-lettered, with its reason. */
  unitOfWork: UnitOfWork;
  /** How long reading the topic up to its current end may take before the service gives up starting. */
  catchUpTimeoutMs?: number;
}

/**
 * Keeps a service's AgreementBook in step with the agreements topic. At boot it
 * reads the topic from its beginning up to the ends it has then, before the
 * service consumes anything else or answers a request, so no stock level meets
 * a missing agreement; then it keeps reading. Each process reads with a consumer
 * group of its own and commits nothing: every boot reads every version again.
 */
export class AgreementFeed {
  readonly book = new AgreementBook();
  private readonly log: Logger;
  private consumer?: Consumer;

  constructor(private readonly options: AgreementFeedOptions) {
    this.log = new Logger(`AgreementFeed:${options.service}`);
  }

  /**
   * Catches up with the topic, then adds the agreements file's versions of
   * agreements the topic does not know: for those on the topic, what
   * replenishment published is what holds.
   */
  async start(seed: readonly AgreementVersion[]): Promise<void> {
    const { kafka, admin, service } = this.options;
    const topic = topics.agreements.name;
    const started = Date.now();
    // The feed starts before bootService creates the platform's topics, so it creates its own if a fresh broker lacks it.
    await ensureTopics(
      kafka,
      platformTopicSpecs().filter((spec) => spec.topic === topic),
    );
    const ends = await admin.fetchTopicOffsets(topic);
    const pending = new Map(
      ends.filter(({ high, low }) => Number(high) > Number(low)).map(({ partition, high }) => [partition, Number(high)]),
    );
    let caughtUp!: () => void;
    const reachedEnds = new Promise<void>((resolve) => (caughtUp = resolve));
    if (pending.size === 0) caughtUp();

    this.consumer = kafka.consumer({
      groupId: `${consumerGroupOf(service)}.agreement-book.${randomUUID()}`,
      allowAutoTopicCreation: false,
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [topic], fromBeginning: true });
    let read = 0;
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch }) => {
        for (const message of batch.messages) {
          if (await this.take(batch.topic, batch.partition, message)) read++;
        }
        const end = pending.get(batch.partition);
        if (end !== undefined && Number(batch.lastOffset()) + 1 >= end) {
          pending.delete(batch.partition);
          if (pending.size === 0) caughtUp();
        }
      },
    });
    await this.within(
      reachedEnds,
      this.options.catchUpTimeoutMs ?? 120_000,
      () => `partitions ${[...pending.keys()].join(', ')} of ${topic}`,
    );
    let seeded = 0;
    for (const version of seed) {
      if (!this.book.latest(version.agreement.agreementId) && this.book.apply(version)) seeded++;
    }
    this.log.log(
      `agreement book caught up in ${Date.now() - started} ms: ${read} version(s) from ${topic}, ${seeded} agreement(s) from the agreements file`,
    );
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  /**
   * Applies one record. One that cannot be read or is invalid can never become valid: it is passed
   * over and dead-lettered with its reason, once (every boot reads it again).
   */
  private async take(topic: string, partition: number, message: KafkaMessage): Promise<boolean> {
    const eventId = headersAsStrings(message.headers)[EVENT_ID_HEADER] ?? `offset ${message.offset}`;
    try {
      return this.book.apply(agreementVersionOf(await this.options.codec.decode(topics.agreements, message.value)));
    } catch (error) {
      const reason = `${error instanceof UndecodableRecordError ? 'undecodable' : 'rejected'}: ${(error as Error).message}`;
      this.log.error(`agreement version ${eventId} passed over: ${reason}`);
      await this.options.unitOfWork.run((tx) =>
        recordDeadLetterOnce(tx, this.options.service, { source: { topic, partition, message }, reason }),
      );
      return false;
    }
  }

  private async within(work: Promise<void>, timeoutMs: number, waitingFor: () => string): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`agreement book did not catch up within ${timeoutMs} ms; still reading ${waitingFor()}`)),
        timeoutMs,
      );
    });
    try {
      await Promise.race([work, timeout]);
    } catch (error) {
      await this.stop();
      throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}
