import { Inject, Injectable } from '@nestjs/common';
import { StockMovement, topics } from '@smi/contracts';
import {
  canonicalHashOf,
  CHANNEL_HEADER,
  Channel,
  claimEvents,
  ClaimOutcome,
  EventPublisher,
  inboxConsumerOf,
  inboxScopeOf,
  Transaction,
} from '@smi/messaging';
import { SERVICE_NAME } from '@smi/service-kit';

/**
 * Takes movements a party handed to this service (over REST, in a file) into the consumer's inbox
 * and writes the fresh ones to the stock-movements topic, marked with their channel, inside the
 * caller's unit of work: the claims commit only once the broker holds the movements, and a movement
 * claimed before (a repeat) is not produced again. Says of each, in order, fresh, repeat or conflict;
 * a caller that refuses conflicts throws before anything is produced by passing `refuseConflicts`.
 */
@Injectable()
export class TakeInMovements {
  constructor(
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  async execute(
    tx: Transaction,
    movements: readonly StockMovement[],
    channel: Channel,
    refuseConflicts?: (conflicts: StockMovement[]) => Error,
  ): Promise<ClaimOutcome[]> {
    const consumer = inboxConsumerOf(this.service, topics.stockMovements);
    const claims = movements.map((m) => ({ scope: inboxScopeOf(m.buyerId, channel), eventId: m.eventId, bodyHash: canonicalHashOf(m) }));
    const outcomes = await claimEvents(tx.manager, consumer, claims, { reserve: true });
    const conflicts = movements.filter((_, i) => outcomes[i] === 'conflict');
    if (conflicts.length > 0 && refuseConflicts) throw refuseConflicts(conflicts);
    const fresh = movements.filter((_, i) => outcomes[i] === 'fresh');
    // Taken in only once the broker holds them: the transaction commits after the produce.
    if (fresh.length > 0) await this.publisher.publishAll(topics.stockMovements, fresh, { [CHANNEL_HEADER]: channel });
    return outcomes;
  }
}
