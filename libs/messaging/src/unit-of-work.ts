import { AvroCodec } from '@smi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { Outbox } from './outbox';
import { OutboxRelay } from './outbox-relay';

/** What a use case writes through: one database transaction and the outbox that commits with it. */
export interface Transaction {
  /** For repositories: set-based SQL and TypeORM calls inside the transaction. */
  readonly manager: EntityManager;
  /** Events announcing the state change; written with it, published after it commits. */
  readonly outbox: Outbox;
}

/**
 * Commits a use case's writes and the events announcing them together (transactional outbox),
 * then wakes the relay so the events leave at once rather than at its next poll. Every trigger
 * (a batch of records, a REST command, a sweep) goes through here; none opens transactions by hand.
 */
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly codec: AvroCodec,
    private readonly relay: OutboxRelay,
  ) {}

  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const { result, announced } = await this.dataSource.transaction(async (manager) => {
      const outbox = new Outbox(manager, this.codec);
      const result = await work({ manager, outbox });
      await outbox.flush();
      return { result, announced: outbox.added };
    });
    if (announced > 0) this.relay.wake();
    return result;
  }
}
