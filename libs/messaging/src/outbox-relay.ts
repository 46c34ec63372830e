import { Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { EventPublisher } from './event-publisher';
import { OutboxMessage, OutboxMessageEntity } from './outbox';

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
    this.batchSize = options.batchSize ?? 1000;
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

  /**
   * Publishes one batch in one produce request and deletes it once the broker acknowledged it;
   * returns how many messages went out. The idempotent producer with one request in flight keeps
   * each partition in id order, so events for one key keep their order.
   */
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
      if (rows.length === 0) return 0;
      await this.publisher.sendAll(rows.map((row) => ({ topic: row.topic, key: row.messageKey, value: row.value, headers: row.headers })));
      await manager.query('DELETE FROM outbox WHERE id = ANY($1::bigint[])', [rows.map((r) => r.id)]);
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
