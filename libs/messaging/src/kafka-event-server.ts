import { Catch, Logger, RpcExceptionFilter } from '@nestjs/common';
import { CustomTransportStrategy, EventPattern, MessageHandler, Server } from '@nestjs/microservices';
import {
  AvroCodec,
  allPartyInboundTopicFamilies,
  allTopics,
  PartyTopicFamily,
  TopicDefinition,
  UndecodableRecordError,
} from '@smi/contracts';
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Consumer, EachBatchPayload, Kafka, KafkaMessage } from 'kafkajs';
import { lastValueFrom, Observable, throwError } from 'rxjs';
import { DataSource, QueryFailedError } from 'typeorm';
import { platformMetrics, PlatformMetrics, TopicConsumption } from '@smi/metrics';
import { databaseAnswers } from '@smi/persistence';
import { recordDeadLetters } from './dead-letter';
import { RejectedEventError } from './errors';
import { EventPublisher } from './event-publisher';
import { failsEveryTime } from './failures';
import { CHANNEL_HEADER, canonicalHashOf, channelOf, claimEvents, InboxClaim, inboxConsumerOf, inboxScopeOf, releaseClaims } from './inbox';
import { ConsumeOptions, Deduplication, Inbound, Rejection } from './inbound';
import { consumerGroupOf } from './kafka-connection';
import { headersAsStrings, runParentOf } from './trace-headers';
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
  /**
   * Bytes fetched from a partition at most per fetch (default 1 MiB). The fetched records are held
   * until their runs are applied, so this bounds the consumer's memory: a few thousand records
   * a partition keep the runs full without holding tens of thousands.
   */
  fetchBytesPerPartition?: number;
  /**
   * What is wrong with a decoded record by its contract's bounds (one line per field), checked before any
   * handler sees it: a record outside them is dead-lettered with that reason. None by default.
   */
  boundsProblems?: (topic: TopicDefinition<unknown>, event: unknown) => string[];
  /** Where a new consumer group starts. Services start from the earliest record so nothing sent before they first ran is missed. */
  fromBeginning?: boolean;
  /** Where records consumed, applied, repeated and dead-lettered are counted (default: the process's metrics). */
  metrics?: PlatformMetrics;
}

/**
 * Subscribes a batch handler to a topic: `handle(events: Inbound<T>[], tx: Transaction)`, called
 * with a run of decoded records of one partition, in order, inside one unit of work. With the
 * default deduplication ('inbox') only events never applied before reach it, claimed per party
 * (`scopeOf`, e.g. `(m) => m.buyerId`) and channel, and an id repeated with another body is
 * dead-lettered as a conflict. It may return the events it refuses (`Rejection[]`): they are
 * dead-lettered in the same unit of work. A handler that throws fails its run instead, which is
 * then settled part by part down to the record that fails.
 */
export const ConsumeEvents = <T>(topic: TopicDefinition<T> | PartyTopicFamily<T>, options: ConsumeOptions<T> = {}): MethodDecorator =>
  EventPattern(topic.name, { deduplication: options.deduplication ?? 'inbox', scopeOf: options.scopeOf });

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
  partition: number;
  /** Unset when the record cannot be used (not decodable, or out of its contract's bounds); `unusable` says why. */
  inbound?: Inbound<{ eventId: string }>;
  unusable?: string;
}

/** Of the records given to a unit of work, how many were settled (applied or dead-lettered), in order, and why the next one failed. */
interface Settled {
  settled: number;
  failure?: Error;
}

/** What a unit of work did with the records it settled: counted once it has committed. */
interface Tally extends Settled {
  applied: number;
  duplicated: number;
  deadLettered: number;
}

/** A record to dead-letter and why. */
interface Letter {
  record: Record_;
  reason: string;
}

/** Below this many records, a failing part is settled one record at a time rather than halved again. */
const ONE_BY_ONE_BELOW = 16;

/**
 * A NestJS transport for the platform's Kafka topics. It hands each handler a run of records
 * (up to `runSize`, one partition, order kept) and applies the run in one unit of work: the inbox
 * claims the run's events in one statement, the handler's use case writes set-based, the outbox
 * takes the run's events in one insert, and all commit together. Offsets move only after that
 * commit.
 *
 * A run that fails is settled in the same transaction, part by part under savepoints (halves,
 * then one record at a time), so each failing record costs a rolled-back savepoint, not a
 * transaction. A record that fails the same way every time (undecodable, rejected, data Postgres
 * refuses: see failsEveryTime) is dead-lettered at once; what came before a record whose failure
 * may pass commits, that record is retried briefly on its own, then dead-lettered, and the rest go on.
 * Every dead letter is parked through the outbox and kept in the dead_letter table, in the unit
 * of work that settles its run.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private consumer?: Consumer;
  private readonly log: Logger;
  private readonly maxAttempts: number;
  private readonly retryBackoffMs: number;
  private readonly runSize: number;
  private readonly metrics: PlatformMetrics;
  private subscriptions: Array<string | RegExp> = [];

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.log = new Logger(`KafkaEventServer:${options.service}`);
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBackoffMs = options.retryBackoffMs ?? 50;
    this.runSize = options.runSize ?? 500;
    this.metrics = options.metrics ?? platformMetrics();
  }

  /** The consumer group this server reads with. */
  get consumerGroup(): string {
    return consumerGroupOf(this.options.service);
  }

  /** What it subscribed to: topic names, and patterns for families of per-party topics (empty before it listens). */
  get subscribedTo(): ReadonlyArray<string | RegExp> {
    return this.subscriptions;
  }

  async listen(callback: (...optionalParams: unknown[]) => unknown): Promise<void> {
    const subscribed = [...this.messageHandlers.keys()];
    if (subscribed.length === 0) {
      callback();
      return;
    }
    for (const name of subscribed) this.topicNamed(name);
    this.consumer = this.options.kafka.consumer({
      groupId: this.consumerGroup,
      allowAutoTopicCreation: false,
      sessionTimeout: 30000,
      heartbeatInterval: 3000,
      maxBytesPerPartition: this.options.fetchBytesPerPartition ?? 1024 * 1024,
      maxWaitTimeInMs: 100,
    });
    await this.consumer.connect();
    // A family of per-party topics is subscribed by pattern: its members existing now (the service
    // creates those of the parties it knows at boot, see bootService).
    this.subscriptions = subscribed.map((name) => allPartyInboundTopicFamilies.find((f) => f.name === name)?.pattern ?? name);
    await this.consumer.subscribe({ topics: this.subscriptions, fromBeginning: this.options.fromBeginning ?? true });
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
    const counts = this.metrics.consumptionOf(batch.topic);
    let run: Record_[] = [];
    const applyRun = async () => {
      if (run.length === 0) return;
      counts.consumed.inc(run.length);
      counts.batchRecords.observe(run.length);
      await this.applyRun(topic, run, counts, (offset) => resolveOffset(offset));
      run = [];
      await heartbeat();
    };
    for (const message of batch.messages) {
      if (!isRunning() || isStale()) break;
      try {
        const event = (await this.options.codec.decode(topic, message.value)) as { eventId: string };
        const headers = headersAsStrings(message.headers);
        const outOfBounds = this.options.boundsProblems?.(topic, event) ?? [];
        if (outOfBounds.length > 0) {
          // Refused as it is, in order with the records around it: applying it would be lost in Postgres or steer the plan.
          run.push({ message, partition: batch.partition, unusable: `rejected: ${outOfBounds.join('; ')}` });
          if (run.length >= this.runSize) await applyRun();
          continue;
        }
        run.push({
          message,
          partition: batch.partition,
          inbound: {
            event,
            key: message.key?.toString() ?? null,
            topic: batch.topic,
            partition: batch.partition,
            offset: message.offset,
            headers,
          },
        });
      } catch (error) {
        if (!(error instanceof UndecodableRecordError)) throw error;
        // Dead-lettered in the unit of work of its run, in order with the records around it.
        run.push({ message, partition: batch.partition, unusable: `undecodable: ${error.message}` });
      }
      if (run.length >= this.runSize) await applyRun();
    }
    if (isRunning() && !isStale()) await applyRun();
    await commitOffsetsIfNecessary();
  }

  /**
   * Settles a run: applies or dead-letters every record, in order, in as few units of work as
   * it can. `applied` is told each offset up to which everything is settled, in order.
   */
  private async applyRun(
    topic: TopicDefinition<unknown>,
    run: Record_[],
    counts: TopicConsumption,
    applied: (offset: string) => void,
  ): Promise<void> {
    let rest = run;
    let attempt = 1;
    while (rest.length > 0) {
      let outcome: Tally;
      try {
        outcome = await this.inSpan(topic.name, rest, () => this.options.unitOfWork.run((tx) => this.settle(tx, topic, rest)));
      } catch (error) {
        // The unit of work itself failed (its commit, its connection), not one of its records.
        if (!(await databaseAnswers(this.options.dataSource))) throw this.databaseDown(error as Error);
        if (attempt >= this.maxAttempts) throw error;
        await this.backOff(attempt++);
        continue;
      }
      attempt = 1;
      countTally(counts, outcome);
      if (outcome.settled > 0) applied(rest[outcome.settled - 1].message.offset);
      if (!outcome.failure) return;
      const failing = rest[outcome.settled];
      await this.retryAlone(topic, failing, outcome.failure, counts);
      applied(failing.message.offset);
      rest = rest.slice(outcome.settled + 1);
    }
  }

  /**
   * Retries a record whose failure may pass, alone, with backoff; dead-letters it when it fails
   * the same way every time or after `maxAttempts`.
   */
  private async retryAlone(topic: TopicDefinition<unknown>, record: Record_, firstError: Error, counts: TopicConsumption): Promise<void> {
    let error = firstError;
    for (let attempt = 1; ; attempt++) {
      const reason = error.message ?? String(error);
      if (!(await databaseAnswers(this.options.dataSource))) throw this.databaseDown(error);
      if (failsEveryTime(error) || attempt >= this.maxAttempts) {
        const because = failsEveryTime(error) ? this.reasonOf(error) : `failed ${attempt} times: ${reason}`;
        await this.options.unitOfWork.run((tx) => this.deadLetterAll(tx, topic, [{ record, reason: because }]));
        counts.deadLettered.inc(1);
        return;
      }
      this.log.warn(`event ${record.inbound?.event.eventId} on ${topic.name} failed (attempt ${attempt}/${this.maxAttempts}): ${reason}`);
      await this.backOff(attempt);
      try {
        const outcome = await this.inSpan(topic.name, [record], () =>
          this.options.unitOfWork.run((tx) => this.settle(tx, topic, [record])),
        );
        countTally(counts, outcome);
        if (!outcome.failure) return;
        error = outcome.failure;
      } catch (next) {
        error = next as Error;
      }
    }
  }

  private backOff(attempt: number): Promise<void> {
    return new Promise((r) => setTimeout(r, this.retryBackoffMs * 2 ** (attempt - 1)));
  }

  /** The database is down, not the records: keep the offsets so Kafka delivers them again later. */
  private databaseDown(error: Error): Error {
    this.log.error(`database unreachable; the batch will be delivered again: ${error.message}`);
    return error;
  }

  /**
   * Settles records in one transaction: all at once under a savepoint; when that fails, in halves
   * (one at a time below ONE_BY_ONE_BELOW), each under its own savepoint, down to the records
   * that fail. Those that fail every time are dead-lettered here; at the first that may pass,
   * it stops and says so, and what came before commits.
   */
  private async settle(tx: Transaction, topic: TopicDefinition<unknown>, records: Record_[]): Promise<Tally> {
    const handler = this.messageHandlers.get(this.familyOf(topic.name)?.name ?? topic.name);
    if (!handler) throw new Error(`no handler for ${topic.name}`);
    const letters: Letter[] = [];
    // Claimed once for the whole run, outside the savepoints: a part that fails costs no claim again.
    const { toApply, repeats, release } = await this.claim(tx, topic, handler, records, letters);
    const settled = await this.settlePart(tx, handler, records, toApply, letters);
    // Claimed but not applied (dead-lettered, or at and after a record whose failure may pass): a replay or redelivery must be fresh.
    const dead = new Set(letters.map((l) => l.record));
    const released = records.filter((r, i) => toApply.has(r) && (dead.has(r) || i >= settled.settled));
    await release(released);
    await this.deadLetterAll(tx, topic, letters);
    return {
      ...settled,
      applied: toApply.size - released.length,
      // A repeat after a record whose failure may pass comes again with it: counted then.
      duplicated: settled.failure ? records.slice(0, settled.settled).filter((r) => repeats.has(r)).length : repeats.size,
      deadLettered: letters.length,
    };
  }

  private async settlePart(
    tx: Transaction,
    handler: MessageHandler,
    records: Record_[],
    toApply: ReadonlySet<Record_>,
    letters: Letter[],
  ): Promise<Settled> {
    const applying = records.filter((r) => toApply.has(r));
    if (applying.length === 0) return { settled: records.length };
    const outboxMark = tx.outbox.mark();
    const lettersMark = letters.length;
    await tx.manager.query('SAVEPOINT settle');
    try {
      await this.handOver(tx, handler, applying, letters);
      await tx.manager.query('RELEASE SAVEPOINT settle');
      return { settled: records.length };
    } catch (error) {
      // One round trip: a part that fails costs as little as it can.
      await tx.manager.query('ROLLBACK TO SAVEPOINT settle; RELEASE SAVEPOINT settle');
      tx.outbox.rollbackTo(outboxMark);
      letters.length = lettersMark;
      if (records.length === 1) {
        if (!failsEveryTime(error)) return { settled: 0, failure: error as Error };
        letters.push({ record: records[0], reason: this.reasonOf(error as Error) });
        return { settled: 1 };
      }
      if (!failsEveryTime(error) && !(await databaseAnswers(this.options.dataSource))) throw error;
    }
    const half = Math.ceil(records.length / 2);
    const parts = records.length < ONE_BY_ONE_BELOW ? records.map((r) => [r]) : [records.slice(0, half), records.slice(half)];
    let settled = 0;
    for (const part of parts) {
      const outcome = await this.settlePart(tx, handler, part, toApply, letters);
      settled += outcome.settled;
      if (outcome.failure) return { settled, failure: outcome.failure };
    }
    return { settled };
  }

  /** Why a record that fails every time is dead-lettered. */
  private reasonOf(error: Error): string {
    if (error instanceof RejectedEventError) return `rejected: ${error.message}`;
    if (error instanceof UndecodableRecordError) return `undecodable: ${error.message}`;
    if (error instanceof QueryFailedError) return `failed in the database: ${error.message}`;
    return `failed: ${error.name}: ${error.message}`;
  }

  /**
   * Claims the run's events in the inbox (by default) and says which to apply; notes the records
   * that cannot be (undecodable, a repeat with another body). `release` forgets the claims of
   * records that end up not applied.
   */
  private async claim(
    tx: Transaction,
    topic: TopicDefinition<unknown>,
    handler: MessageHandler,
    records: Record_[],
    letters: Letter[],
  ): Promise<{ toApply: Set<Record_>; repeats: Set<Record_>; release: (records: Record_[]) => Promise<void> }> {
    const decoded: Record_[] = [];
    for (const record of records) {
      if (record.inbound) decoded.push(record);
      else letters.push({ record, reason: record.unusable ?? 'unusable' });
    }
    const deduplication: Deduplication = (handler.extras?.deduplication as Deduplication | undefined) ?? 'inbox';
    if (deduplication !== 'inbox') return { toApply: new Set(decoded), repeats: new Set(), release: async () => undefined };
    const consumer = inboxConsumerOf(this.options.service, topic);
    const scopeOf = handler.extras?.scopeOf as ((event: unknown) => string) | undefined;
    const claimable: Record_[] = [];
    const claims: InboxClaim[] = [];
    for (const record of decoded) {
      const claim = this.claimOf(record.inbound!, scopeOf);
      // Postgres text cannot hold NUL: such an id could never be claimed, so it is refused, not retried.
      if (`${claim.scope}${claim.eventId}`.includes('\u0000'))
        letters.push({ record, reason: 'rejected: eventId or its party holds a NUL character' });
      else {
        claimable.push(record);
        claims.push(claim);
      }
    }
    const outcomes = await claimEvents(tx.manager, consumer, claims);
    const toApply = new Set<Record_>();
    const claimed = new Map<Record_, InboxClaim>();
    const repeats = new Set<Record_>();
    claimable.forEach((record, i) => {
      if (outcomes[i] === 'repeat') repeats.add(record);
      else if (outcomes[i] === 'fresh') {
        toApply.add(record);
        claimed.set(record, claims[i]);
      } else if (outcomes[i] === 'conflict') {
        letters.push({
          record,
          reason: `conflict: event id ${claims[i].eventId} was already used in ${claims[i].scope} with a different body`,
        });
      }
    });
    return {
      toApply,
      repeats,
      release: (released) =>
        releaseClaims(
          tx.manager,
          consumer,
          released.map((r) => claimed.get(r)!),
        ),
    };
  }

  /** Hands events to the handler; notes those it rejects. */
  private async handOver(tx: Transaction, handler: MessageHandler, applying: Record_[], letters: Letter[]): Promise<void> {
    const rejected = await lastValueFrom(
      this.transformToObservable(
        await handler(
          applying.map((r) => r.inbound),
          tx,
        ),
      ),
      { defaultValue: undefined },
    );
    if (!Array.isArray(rejected) || rejected.length === 0) return;
    const byInbound = new Map(applying.map((r) => [r.inbound as Inbound<unknown>, r]));
    for (const { record, reason } of rejected as Rejection[]) {
      const found = byInbound.get(record);
      if (!found) throw new Error('a handler rejected an event that was not in its run');
      letters.push({ record: found, reason: `rejected: ${reason}` });
    }
  }

  /** The inbox key of a record: whose event (the handler's scopeOf) through which channel (the channel header, else Kafka). */
  private claimOf(inbound: Inbound<{ eventId: string }>, scopeOf?: (event: unknown) => string): InboxClaim {
    const channel = channelOf(inbound.headers[CHANNEL_HEADER]);
    let party = '';
    try {
      party = String(scopeOf?.(inbound.event) ?? '');
    } catch {
      // A record without its party falls in the channel's shared scope; the use case refuses what it lacks.
    }
    return { scope: inboxScopeOf(party, channel), eventId: inbound.event.eventId, bodyHash: canonicalHashOf(inbound.event) };
  }

  private async deadLetterAll(tx: Transaction, topic: TopicDefinition<unknown>, letters: readonly Letter[]): Promise<void> {
    for (const { record, reason } of letters) {
      const eventId = record.inbound?.event.eventId;
      this.log.warn(
        `dead-lettering ${topic.name}[${record.partition}]@${record.message.offset}${eventId ? ` (event ${eventId})` : ''}: ${reason}`,
      );
    }
    await recordDeadLetters(
      tx,
      this.options.service,
      letters.map(({ record, reason }) => ({
        source: { topic: topic.name, partition: record.partition, message: record.message },
        reason,
      })),
    );
  }

  /**
   * One span per unit of work, a child of its records' trace (linked to every other trace a run mixes in):
   * what the run announces continues that trace, so one movement is one trace across the services.
   */
  private async inSpan<T>(topicName: string, run: Record_[], work: () => Promise<T>): Promise<T> {
    const { parent, links } = runParentOf(run.map((r) => r.message.headers));
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

  /** A topic of libs/contracts by name; a member of a per-party family (or the family's own name) as its family's contract. */
  private topicNamed(name: string): TopicDefinition<unknown> {
    const family = this.familyOf(name);
    const topic = family ? family.feeds : allTopics.find((t) => t.name === name);
    if (!topic) throw new Error(`@ConsumeEvents names no topic defined in libs/contracts: ${name}`);
    return family && name !== family.name ? family.of(family.partyOf(name)!) : topic;
  }

  private familyOf(name: string): PartyTopicFamily<unknown> | undefined {
    return allPartyInboundTopicFamilies.find((f) => f.name === name || f.partyOf(name) !== undefined);
  }
}

/** Adds what a committed unit of work did to its topic's counters: a few additions per run, none per record. */
function countTally(counts: TopicConsumption, tally: Tally): void {
  if (tally.applied > 0) counts.applied.inc(tally.applied);
  if (tally.duplicated > 0) counts.duplicated.inc(tally.duplicated);
  if (tally.deadLettered > 0) counts.deadLettered.inc(tally.deadLettered);
}
