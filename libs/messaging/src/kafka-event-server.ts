import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, EventPattern, Server } from '@nestjs/microservices';
import { AvroCodec, allInboundTopicFamilies, allTopics, PartyTopicFamily, TopicDefinition, UndecodableRecordError } from '@smi/contracts';
import { context, Link, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { DataSource } from 'typeorm';
import { databaseAnswers } from '@smi/persistence';
import { deadLetterOf, sendToDeadLetter } from './dead-letter';
import { RejectedEventError } from './errors';
import { EventPublisher } from './event-publisher';
import { claimEvents } from './inbox';
import { ConsumeOptions, Deduplication, Inbound, Rejection } from './inbound';
import { consumerGroupOf } from './kafka-connection';
import { contextFromHeaders, headersAsStrings } from './trace-headers';
import { Transaction, UnitOfWork } from './unit-of-work';

export interface KafkaEventServerOptions {
  service: string;
  kafka: Kafka;
  dataSource: DataSource;
  codec: AvroCodec;
  publisher: EventPublisher;
  unitOfWork: UnitOfWork;
  /** Attempts for a record that fails alone before it is dead-lettered. */
  maxAttempts?: number;
  /** Records handed to a handler in one unit of work at most. */
  runSize?: number;
  retryBackoffMs?: number;
  /**
   * Partitions applied at once (default 1). Keys never span partitions, so runs of different
   * partitions touch different rows; more than one overlaps their database round trips.
   */
  concurrentPartitions?: number;
  /** Where a new consumer group starts. Services start from the earliest record so nothing sent before they first ran is missed. */
  fromBeginning?: boolean;
}

/**
 * Subscribes a batch handler to a topic: `handle(events: Inbound<T>[], tx: Transaction)`, called
 * with a run of decoded records of one partition, in order, inside one unit of work. With the
 * default deduplication ('inbox') only events never applied before reach it. It may return the
 * events it refuses (`Rejection[]`): they are dead-lettered in the same unit of work. A handler
 * that throws fails its run instead, which is then halved down to the record that fails.
 */
export const ConsumeEvents = (topic: TopicDefinition<unknown> | PartyTopicFamily<unknown>, options: ConsumeOptions = {}): MethodDecorator =>
  EventPattern(topic.name, { deduplication: options.deduplication ?? 'inbox' });

/**
 * Handlers keep thrown errors as they are: Nest's default filter would turn
 * them into "Internal server error", and the server needs to tell a rejected
 * event (dead-letter now) from a failure worth retrying.
 */
@Catch()
export class KeepHandlerErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}

interface Record_ {
  message: KafkaMessage;
  inbound: Inbound<{ eventId: string }>;
}

/**
 * A NestJS transport for the platform's Kafka topics. It hands each handler a run of records
 * (up to `runSize`, one partition, order kept) and applies the run in one unit of work: the inbox
 * claims the run's event ids in one statement, the handler's use case writes set-based, the
 * outbox takes the run's events in one insert, and all commit together. Offsets move only after
 * that commit. A run that fails is halved until the failing record stands alone; that record is
 * retried briefly, then parked on the service's dead-letter topic with the reason, and the rest
 * commit. An undecodable record is dead-lettered at once.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private readonly log: Logger;
  private readonly maxAttempts: number;
  private readonly retryBackoffMs: number;
  private readonly runSize: number;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.log = new Logger(`KafkaEventServer:${options.service}`);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBackoffMs = options.retryBackoffMs ?? 50;
    this.runSize = options.runSize ?? 500;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    const subscribed = [...this.messageHandlers.keys()];
    if (subscribed.length === 0) {
      callback();
      return;
    }
    for (const name of subscribed) this.topicNamed(name);
    this.consumer = this.options.kafka.consumer({
      groupId: consumerGroupOf(this.options.service),
      allowAutoTopicCreation: false,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      // Larger fetches give the use cases larger runs: one statement per run, not per record.
      maxBytesPerPartition: 4 * 1024 * 1024,
      maxWaitTimeInMs: 100,
    });
    await this.consumer.connect();
    // A family of per-buyer topics is subscribed by pattern: its members existing now (the service
    // creates those of the buyers it knows at boot, see bootService).
    const subscriptions = subscribed.map((name) => allInboundTopicFamilies.find((f) => f.name === name)?.pattern ?? name);
    await this.consumer.subscribe({ topics: subscriptions, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: 1000,
      partitionsConsumedConcurrently: this.options.concurrentPartitions ?? 1,
      eachBatch: (payload) => this.consumeBatch(payload),
    });
    callback();
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    this.consumer = undefined;
  }

  on(): never {
    throw new Error('KafkaEventServer has no events to listen to');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async consumeBatch({
    batch,
    resolveOffset,
    heartbeat,
    isRunning,
    isStale,
    commitOffsetsIfNecessary,
  }: EachBatchPayload): Promise<void> {
    const topic = this.topicNamed(batch.topic);
    const source = { topic: topic.name, partition: batch.partition };
    let run: Record_[] = [];
    const applyRun = async () => {
      if (run.length === 0) return;
      await this.applyRun(topic, run, (offset) => resolveOffset(offset));
      run = [];
      await heartbeat();
    };
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      let event: { eventId: string };
      try {
        event = (await this.options.codec.decode(topic, message.value)) as { eventId: string };
      } catch (error) {
        if (!(error instanceof UndecodableRecordError)) throw error;
        // What came before it commits first, so offsets move in order.
        await applyRun();
        await this.deadLetter({ ...source, message }, `undecodable: ${error.message}`);
        resolveOffset(message.offset);
        continue;
      }
      const headers = headersAsStrings(message.headers);
      run.push({
        message,
        inbound: {
          event,
          key: message.key?.toString() ?? null,
          topic: batch.topic,
          partition: batch.partition,
          offset: message.offset,
          headers,
        },
      });
      if (run.length >= this.runSize) await applyRun();
    }
    if (isRunning() && !isStale()) await applyRun();
    await commitOffsetsIfNecessary();
  }

  /**
   * Applies a run in one unit of work; when it fails, applies each half on its own, down to the
   * single record that fails, which is retried and then dead-lettered. `applied` is told each
   * offset up to which everything is settled, in order.
   */
  private async applyRun(topic: TopicDefinition<unknown>, run: Record_[], applied: (offset: string) => void): Promise<void> {
    try {
      await this.commitRun(topic, run);
      applied(run[run.length - 1].message.offset);
      return;
    } catch (error) {
      if (run.length === 1) return this.applyAlone(topic, run[0], error as Error, applied);
      if (!(error instanceof RejectedEventError) && !(await databaseAnswers(this.options.dataSource)))
        throw this.databaseDown(error as Error);
    }
    const half = Math.ceil(run.length / 2);
    await this.applyRun(topic, run.slice(0, half), applied);
    await this.applyRun(topic, run.slice(half), applied);
  }

  private async applyAlone(
    topic: TopicDefinition<unknown>,
    record: Record_,
    firstError: Error,
    applied: (offset: string) => void,
  ): Promise<void> {
    const source = { topic: topic.name, partition: record.inbound.partition, message: record.message };
    const eventId = record.inbound.event.eventId;
    let error = firstError;
    for (let attempt = 1; ; attempt++) {
      if (error instanceof RejectedEventError) {
        await this.deadLetter(source, `rejected: ${error.message}`, eventId);
        break;
      }
      const reason = error.message ?? String(error);
      if (!(await databaseAnswers(this.options.dataSource))) throw this.databaseDown(error);
      if (attempt >= this.maxAttempts) {
        await this.deadLetter(source, `failed ${attempt} times: ${reason}`, eventId);
        break;
      }
      this.log.warn(`event ${eventId} on ${topic.name} failed (attempt ${attempt}/${this.maxAttempts}): ${reason}`);
      await new Promise((r) => setTimeout(r, this.retryBackoffMs * 2 ** (attempt - 1)));
      try {
        await this.commitRun(topic, [record]);
        break;
      } catch (next) {
        error = next as Error;
      }
    }
    applied(record.message.offset);
  }

  /** The database is down, not the records: keep the offsets so Kafka delivers them again later. */
  private databaseDown(error: Error): Error {
    this.log.error(`database unreachable; the batch will be delivered again: ${error.message}`);
    return error;
  }

  /** One unit of work: claim the run's new events, hand them to the handler, commit with its outbox. */
  private async commitRun(topic: TopicDefinition<unknown>, run: Record_[]): Promise<void> {
    const handler = this.messageHandlers.get(this.familyOf(topic.name)?.name ?? topic.name);
    if (!handler) throw new Error(`no handler for ${topic.name}`);
    const deduplication: Deduplication = (handler.extras?.deduplication as Deduplication | undefined) ?? 'inbox';
    await this.inSpan(topic.name, run, () =>
      this.options.unitOfWork.run(async (tx: Transaction) => {
        const fresh = deduplication === 'inbox' ? await this.claimed(tx, topic, run) : run.map((r) => r.inbound);
        if (fresh.length === 0) return;
        const rejected = await lastValueFrom(this.transformToObservable(await handler(fresh, tx)), { defaultValue: undefined });
        if (Array.isArray(rejected)) this.deadLetterIn(tx, topic, run, rejected as Rejection[]);
      }),
    );
  }

  private deadLetterIn(tx: Transaction, topic: TopicDefinition<unknown>, run: Record_[], rejected: Rejection[]): void {
    for (const { record, reason } of rejected) {
      const found = run.find((r) => r.inbound === record);
      if (!found) throw new Error(`a handler of ${topic.name} rejected an event that was not in its run`);
      this.log.warn(
        `dead-lettering ${topic.name}[${record.partition}]@${record.offset} (event ${found.inbound.event.eventId}): rejected: ${reason}`,
      );
      tx.outbox.addEncoded(
        deadLetterOf(
          this.options.service,
          { topic: topic.name, partition: record.partition, message: found.message },
          `rejected: ${reason}`,
        ),
      );
    }
  }

  /** The run's events not applied before, in order; an id repeated inside the run counts once. */
  private async claimed(tx: Transaction, topic: TopicDefinition<unknown>, run: Record_[]): Promise<Inbound<{ eventId: string }>[]> {
    const claimed = await claimEvents(
      tx.manager,
      `${this.options.service}:${topic.contractName}`,
      run.map((r) => r.inbound.event.eventId),
    );
    const fresh: Inbound<{ eventId: string }>[] = [];
    for (const { inbound } of run) {
      if (claimed.delete(inbound.event.eventId)) fresh.push(inbound);
    }
    return fresh;
  }

  /** One span per run, linked to the trace of every record in it (each event it causes carries its own record's trace on). */
  private async inSpan<T>(topicName: string, run: Record_[], work: () => Promise<T>): Promise<T> {
    const links: Link[] = [];
    for (const { message } of run) {
      const spanContext = trace.getSpanContext(contextFromHeaders(message.headers));
      if (spanContext) links.push({ context: spanContext });
    }
    const parent = run.length === 1 ? contextFromHeaders(run[0].message.headers) : context.active();
    const span = trace.getTracer('smi-messaging').startSpan(
      `handle ${topicName}`,
      {
        kind: SpanKind.CONSUMER,
        links,
        attributes: { 'smi.service': this.options.service, 'messaging.batch.message_count': run.length },
      },
      parent,
    );
    try {
      return await context.with(trace.setSpan(parent, span), work);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  }

  private async deadLetter(
    source: { topic: string; partition: number; message: KafkaMessage },
    reason: string,
    eventId?: string,
  ): Promise<void> {
    this.log.warn(
      `dead-lettering ${source.topic}[${source.partition}]@${source.message.offset}${eventId ? ` (event ${eventId})` : ''}: ${reason}`,
    );
    await sendToDeadLetter(this.options.publisher, this.options.service, source, reason);
  }

  /** A topic of libs/contracts by name; a member of a per-buyer family (or the family's own name) as its family's contract. */
  private topicNamed(name: string): TopicDefinition<unknown> {
    const family = this.familyOf(name);
    const topic = family ? family.feeds : allTopics.find((t) => t.name === name);
    if (!topic) throw new Error(`@ConsumeEvents names no topic defined in libs/contracts: ${name}`);
    return family && name !== family.name ? family.of(family.partyOf(name)!) : topic;
  }

  private familyOf(name: string): PartyTopicFamily<unknown> | undefined {
    return allInboundTopicFamilies.find((f) => f.name === name || f.partyOf(name) !== undefined);
  }
}
