import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StockMovement, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, RejectedEventError, Transaction, withinTraceOf } from '@smi/messaging';
import { applyMovement, stockLevelOf } from '../on-hand/on-hand-projection';
import { OnHandRepository } from '../on-hand/on-hand.repository';
import { describeProblems, movementProblems } from './stock-movement-rules';

/** Applies each movement from Kafka to the on-hand projection and announces the new stock level, in one transaction. */
@Controller()
export class StockMovementMessageHandler {
  constructor(private readonly onHand: OnHandRepository) {}

  @ConsumeEvents(topics.stockMovements)
  async onStockMovement(@Payload() events: Inbound<StockMovement>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onStockMovementOne(inbound.event, tx));
  }

  private async onStockMovementOne(movement: StockMovement, ctx: Transaction): Promise<void> {
    const problems = movementProblems(movement, new Date());
    if (problems.length > 0) throw new RejectedEventError(describeProblems(problems));
    const current = await this.onHand.lockFor(ctx.manager, movement.buyerId, movement.siteId, movement.itemId);
    const outcome = applyMovement(current, movement);
    if (outcome.kind === 'refused') throw new RejectedEventError(`${outcome.field} ${outcome.problem}`);
    await this.onHand.save(ctx.manager, outcome.onHand);
    await ctx.outbox.add(topics.stockLevels, stockLevelOf(outcome.onHand, movement));
  }
}
