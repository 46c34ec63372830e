import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, Server } from '@nestjs/microservices';
import { AvroCodec, allTopics, TopicDefinition, UndecodableRecordError } from '@smi/contracts';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { DataSource, EntityManager } from 'typeorm';
import { databaseAnswers } from '@smi/persistence';
import { sendToDeadLetter } from './dead-letter';
import { RejectedEventError } from './errors';
import { EventPublisher } from './event-publisher';
import { claimEvent } from './inbox';
import { consumerGroupOf } from './kafka-connection';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';
import { contextFromHeaders, headersAsStrings, MessageHeaders } from './trace-headers';

/** What a message handler gets beside the event: the open transaction and where to put the events it causes. */
export interface EventContext {
  /** The transaction the inbox claim, the handler's writes and its outbox rows commit in. */
  manager: EntityManager;
  outbox: Outbox;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  headers: MessageHeaders;
}

export interface KafkaEventServerOptions {
  service: string;
  kafka: Kafka;
  dataSource: DataSource;
  codec: AvroCodec;
  publisher: EventPublisher;
  relay: OutboxRelay;
  /** Attempts for a failing handler before its record is dead-lettered. */
  maxAttempts?: number;
  /** Records applied in one database transaction at most. */
  runSize?: number;
  retryBackoffMs?: number;
  /** Where a new consumer group starts. Services start from the earliest record so nothing sent before they first ran is missed. */
  fromBeginning?: boolean;
}

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

type Outcome = 'applied' | 'duplicate' | 'dead-lettered';

/**
 * A NestJS transport for the platform's Kafka topics. Unlike Nest's built-in
 * Kafka transport it consumes in batches, applies each record inside a database
 * transaction with an inbox claim (redelivery has no second effect), commits
 * offsets only after that transaction commits, and parks a record it cannot
 * apply on the service's dead-letter topic instead of blocking the partition.
 * Handlers are ordinary @EventPattern(topic name) methods.
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
    this.retryBackoffMs = options.retryBackoffMs ?? 200;
    this.runSize = options.runSize ?? 100;
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
    });
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: subscribed, fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      eachBatchAutoResolve: false,
      autoCommit: true,
      autoCommitInterval: 1000,
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

  /**
   * Applies a fetched batch in runs: as many records as apply cleanly share one
   * database transaction (a savepoint each), so a busy partition costs one commit
   * per run, not per record. The record that stops a run takes the slow path
   * alone: retries, then the dead-letter topic. Order per partition is kept.
   */
  private async consumeBatch({ batch, resolveOffset, heartbeat, isRunning, isStale, commitOffsetsIfNecessary }: EachBatchPayload): Promise<void> {
    const topic = this.topicNamed(batch.topic);
    const messages = batch.messages;
    let next = 0;
    while (next < messages.length) {
      if (!isRunning() || isStale()) break;
      const run = messages.slice(next, next + this.runSize);
      const applied = await this.applyRun(topic, batch.partition, run);
      // Offsets move only now, after the transaction committed (or the record was dead-lettered).
      for (let i = 0; i < applied; i++) resolveOffset(messages[next + i].offset);
      next += applied;
      if (applied < run.length) {
        await this.consumeOne(topic, batch.partition, messages[next], heartbeat);
        resolveOffset(messages[next].offset);
        next++;
      }
      await heartbeat();
    }
    await commitOffsetsIfNecessary();
  }

  /** Applies the leading records of `run` that decode and apply cleanly, in one transaction; returns how many. */
  private async applyRun(topic: TopicDefinition<unknown>, partition: number, run: KafkaMessage[]): Promise<number> {
    const decoded: Array<{ message: KafkaMessage; event: { eventId: string } }> = [];
    for (const message of run) {
      try {
        decoded.push({ message, event: (await this.options.codec.decode(topic, message.value)) as { eventId: string } });
      } catch (error) {
        if (!(error instanceof UndecodableRecordError)) throw error;
        break;
      }
    }
    if (decoded.length === 0) return 0;
    let applied = 0;
    let announced = 0;
    try {
      await this.options.dataSource.transaction(async (manager) => {
        for (const { message, event } of decoded) {
          await manager.query('SAVEPOINT smi_record');
          try {
            const { outbox } = await this.inSpan(topic.name, message, event, () =>
              this.applyIn(manager, topic, { topic: topic.name, partition, message }, event),
            );
            await manager.query('RELEASE SAVEPOINT smi_record');
            applied++;
            announced += outbox?.added ?? 0;
          } catch {
            // Undo this record only; it is retried alone, and the run so far commits.
            await manager.query('ROLLBACK TO SAVEPOINT smi_record');
            break;
          }
        }
      });
    } catch (error) {
      this.log.warn(`a run of ${decoded.length} records on ${topic.name}[${partition}] did not commit; applying them one by one: ${(error as Error).message}`);
      return 0;
    }
    if (announced > 0) this.options.relay.wake();
    return applied;
  }

  private async consumeOne(topic: TopicDefinition<unknown>, partition: number, message: KafkaMessage, heartbeat: () => Promise<void>): Promise<Outcome> {
    const source = { topic: topic.name, partition, message };
    let event: { eventId: string };
    try {
      event = (await this.options.codec.decode(topic, message.value)) as { eventId: string };
    } catch (error) {
      if (!(error instanceof UndecodableRecordError)) throw error;
      return this.deadLetter(source, `undecodable: ${error.message}`);
    }
    return this.inSpan(topic.name, message, event, () => this.applyWithRetries(topic, source, event, heartbeat));
  }

  /** Runs `work` in a span continuing the trace the record carries, so the events it causes carry it on. */
  private async inSpan<T>(topicName: string, message: KafkaMessage, event: { eventId: string }, work: () => Promise<T>): Promise<T> {
    const parent = contextFromHeaders(message.headers);
    const span = trace
      .getTracer('smi-messaging')
      .startSpan(`handle ${topicName}`, { kind: SpanKind.CONSUMER, attributes: { 'smi.event_id': event.eventId, 'smi.service': this.options.service } }, parent);
    try {
      return await context.with(trace.setSpan(parent, span), work);
    } catch (error) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  }

  private async applyWithRetries(
    topic: TopicDefinition<unknown>,
    source: { topic: string; partition: number; message: KafkaMessage },
    event: { eventId: string },
    heartbeat: () => Promise<void>,
  ): Promise<Outcome> {
    for (let attempt = 1; ; attempt++) {
      try {
        const { outcome, outbox } = await this.options.dataSource.transaction((manager) => this.applyIn(manager, topic, source, event));
        if (outbox && outbox.added > 0) this.options.relay.wake();
        return outcome;
      } catch (error) {
        if (error instanceof RejectedEventError) return this.deadLetter(source, `rejected: ${error.message}`, event.eventId);
        const reason = (error as Error).message ?? String(error);
        if (!(await databaseAnswers(this.options.dataSource))) {
          // The database is down, not the record: keep the offset and let Kafka redeliver later.
          this.log.error(`database unreachable while handling ${event.eventId}; will retry: ${reason}`);
          throw error;
        }
        if (attempt >= this.maxAttempts) {
          return this.deadLetter(source, `failed ${attempt} times: ${reason}`, event.eventId);
        }
        this.log.warn(`event ${event.eventId} on ${source.topic} failed (attempt ${attempt}/${this.maxAttempts}): ${reason}`);
        await heartbeat();
        await new Promise((r) => setTimeout(r, this.retryBackoffMs * 2 ** (attempt - 1)));
      }
    }
  }

  /** Claims the event in the inbox and runs its handler, inside the caller's transaction. */
  private async applyIn(
    manager: EntityManager,
    topic: TopicDefinition<unknown>,
    source: { topic: string; partition: number; message: KafkaMessage },
    event: { eventId: string },
  ): Promise<{ outcome: Outcome; outbox?: Outbox }> {
    const handler = this.messageHandlers.get(topic.name);
    if (!handler) throw new Error(`no handler for ${topic.name}`);
    if (!(await claimEvent(manager, `${this.options.service}:${topic.name}`, event.eventId))) return { outcome: 'duplicate' };
    const outbox = new Outbox(manager, this.options.codec);
    const ctx: EventContext = {
      manager,
      outbox,
      topic: source.topic,
      partition: source.partition,
      offset: source.message.offset,
      key: source.message.key?.toString() ?? null,
      headers: headersAsStrings(source.message.headers),
    };
    const result = await handler(event, ctx);
    await lastValueFrom(this.transformToObservable(result), { defaultValue: undefined });
    return { outcome: 'applied', outbox };
  }

  private async deadLetter(source: { topic: string; partition: number; message: KafkaMessage }, reason: string, eventId?: string): Promise<Outcome> {
    this.log.warn(`dead-lettering ${source.topic}[${source.partition}]@${source.message.offset}${eventId ? ` (event ${eventId})` : ''}: ${reason}`);
    await sendToDeadLetter(this.options.publisher, this.options.service, source, reason);
    return 'dead-lettered';
  }

  private topicNamed(name: string): TopicDefinition<unknown> {
    const topic = allTopics.find((t) => t.name === name);
    if (!topic) throw new Error(`@EventPattern('${name}') names no topic defined in libs/contracts`);
    return topic;
  }
}
