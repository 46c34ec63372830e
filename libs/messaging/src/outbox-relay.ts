import { Logger } from '@nestjs/common';
import { context, ROOT_CONTEXT } from '@opentelemetry/api';
import { suppressTracing } from '@opentelemetry/core';
import { platformMetrics, PlatformMetrics } from '@smi/metrics';
import { claimSweep } from '@smi/persistence';
import { DataSource } from 'typeorm';
import { EventPublisher } from './event-publisher';
import { OutboxMessage, OutboxMessageEntity } from './outbox';

const REQUEST_BYTES = 512 * 1024;

/** Consecutive rows in groups of at most `limit` bytes of value (a row larger than that goes alone). */
function chunksOfSize(rows: OutboxMessage[], limit: number): OutboxMessage[][] {
  const chunks: OutboxMessage[][] = [];
  let current: OutboxMessage[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = row.value.length + row.messageKey.length + 200;
    if (current.length > 0 && bytes + size > limit) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(row);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}

export interface OutboxRelayOptions {
  batchSize?: number;
  idlePollMs?: number;
  /** Where the time from write to acknowledgement is observed (default: the process's metrics). */
  metrics?: PlatformMetrics;
}

/**
 * Moves committed outbox rows to Kafka, oldest first, and deletes them once the
 * broker has acknowledged them. A crash between the send and the delete sends
 * those rows again; consumers' inboxes make the repeat harmless. With several
 * instances of a service, one relays at a time (claimSweep): two relaying side by
 * side would each send a part of the rows, and a key's later event could reach its
 * partition before its earlier one.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  /** A wake that came while the relay was publishing: the next sleep is skipped, so no commit waits a poll. */
  private wokenWhileBusy = false;
  private readonly batchSize: number;
  private readonly idlePollMs: number;
  private readonly metrics: PlatformMetrics;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 1000;
    this.idlePollMs = options.idlePollMs ?? 250;
    this.metrics = options.metrics ?? platformMetrics();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    // Untraced: each row carries the trace of the work that wrote it, and the relay's polling is no one's trace
    // (in whatever context start() was called, a poll must neither start a trace nor join that one).
    this.loop = context.with(suppressTracing(ROOT_CONTEXT), () => this.run());
  }

  /** Called after a transaction that wrote to the outbox commits, to publish without waiting for the poll. */
  wake(): void {
    if (this.wakeUp) this.wakeUp();
    else this.wokenWhileBusy = true;
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /**
   * Publishes one batch in one produce request and deletes it once the broker acknowledged it;
   * returns how many messages went out. The idempotent producer with one request in flight keeps
   * each partition in id order, so events for one key keep their order.
   */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      // Another instance is relaying: its next batch takes this instance's rows too.
      if (!(await claimSweep(manager, 'outbox-relay'))) return 0;
      const rows: OutboxMessage[] = await manager
        .getRepository(OutboxMessageEntity)
        .createQueryBuilder('o')
        .orderBy('o.id', 'ASC')
        .limit(this.batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      if (rows.length === 0) return 0;
      // In requests of about half a megabyte: the broker refuses a record batch (all of one partition's
      // records in a request) above its 1 MB limit, and orders with their explanations are kilobytes each.
      for (const chunk of chunksOfSize(rows, REQUEST_BYTES)) {
        await this.publisher.sendAll(
          chunk.map((row) => ({ topic: row.topic, key: row.messageKey, value: row.value, headers: row.headers })),
        );
      }
      const sentAt = Date.now();
      await manager.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
      for (const row of rows) this.metrics.outboxRelayLatency.observe((sentAt - row.createdAt.getTime()) / 1000);
      return rows.length;
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let published = 0;
      try {
        published = await this.publishBatch();
      } catch (error) {
        this.logger.error(`outbox publish failed, retrying: ${(error as Error).message}`);
      }
      if (published < this.batchSize && this.running) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    if (this.wokenWhileBusy) {
      this.wokenWhileBusy = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, this.idlePollMs);
      this.wakeUp = done;
    });
  }
}
