import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventPublisher } from './event-publisher';
import { OutboxMessage, OutboxMessageEntity } from './outbox';
import { contextFromHeaders } from './trace-headers';

export interface OutboxRelayOptions {
  batchSize?: number;
  idlePollMs?: number;
}

/**
 * Moves committed outbox rows to Kafka, oldest first, and deletes them once the
 * broker has acknowledged them. A crash between the send and the delete sends
 * those rows again; consumers' inboxes make the repeat harmless.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private readonly batchSize: number;
  private readonly idlePollMs: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly publisher: EventPublisher,
    options: OutboxRelayOptions = {},
  ) {
    this.batchSize = options.batchSize ?? 200;
    this.idlePollMs = options.idlePollMs ?? 250;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Called after a transaction that wrote to the outbox commits, to publish without waiting for the poll. */
  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.wake();
    await this.loop;
  }

  /** Publishes one batch; returns how many messages went out. */
  async publishBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxMessage[] = await manager
        .getRepository(OutboxMessageEntity)
        .createQueryBuilder('o')
        .orderBy('o.id', 'ASC')
        .limit(this.batchSize)
        .setLock('pessimistic_write')
        .setOnLocked('skip_locked')
        .getMany();
      // One by one, in id order, so events for one key keep their order; each send
      // runs in the trace of the transaction that wrote it.
      for (const row of rows) {
        await this.publisher.send(
          { topic: row.topic, key: row.messageKey, value: row.value, headers: row.headers },
          contextFromHeaders(row.headers),
        );
      }
      if (rows.length > 0) await manager.getRepository(OutboxMessageEntity).delete(rows.map((r) => r.id));
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
    return new Promise((resolve) => {
      const timer = setTimeout(done, this.idlePollMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
