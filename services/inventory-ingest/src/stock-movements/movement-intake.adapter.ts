import { Inject, Injectable } from '@nestjs/common';
import { StockMovement, topics } from '@smi/contracts';
import {
  canonicalHashOf,
  Channel,
  CHANNEL_HEADER,
  claimEvents,
  ClaimOutcome,
  EventPublisher,
  inboxConsumerOf,
  inboxScopeOf,
  Transaction,
} from '@smi/messaging';
import { SERVICE_NAME } from '@smi/service-kit';

/**
 * How the APIs (REST, EDI, uploaded files) take movements in on the same path as Kafka: each is first claimed in
 * the consumer's inbox as the buyer's, through its channel, then the fresh ones are written to the
 * stock-movements topic with the channel header, so the consumer claims them under the same scope
 * and a movement sent again has no second effect. Claim and produce inside one unit of work: it
 * commits after the broker holds the movements.
 */
@Injectable()
export class MovementIntake {
  constructor(
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  /** Fresh (never seen), repeat (seen with the same body) or conflict (seen with another body), in the order given. */
  claim(tx: Transaction, movements: readonly StockMovement[], channel: Channel): Promise<ClaimOutcome[]> {
    const claims = movements.map((m) => ({ scope: inboxScopeOf(m.buyerId, channel), eventId: m.eventId, bodyHash: canonicalHashOf(m) }));
    return claimEvents(tx.manager, inboxConsumerOf(this.service, topics.stockMovements), claims, { reserve: true });
  }

  /** Writes claimed fresh movements to the stock-movements topic, acknowledged by the broker before it returns. */
  async produce(movements: readonly StockMovement[], channel: Channel): Promise<void> {
    if (movements.length > 0) await this.publisher.publishAll(topics.stockMovements, [...movements], { [CHANNEL_HEADER]: channel });
  }
}
