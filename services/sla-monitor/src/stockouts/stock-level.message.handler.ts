import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AgreementBook } from '@smi/agreements';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, RejectedEventError, Transaction, withinTraceOf } from '@smi/messaging';
import { SlaBreachRepository } from '../breaches/sla-breach.repository';
import { periodOf } from './sla-period';
import { assessLevel } from './stockout-assessment';
import { levelProblems } from './stockout-watch';
import { StockoutWatchRepository } from './stockout-watch.repository';

/**
 * Watches the stock levels of every site x item an agreement covers: a
 * stockout beginning is recorded and announced, with a penalty when the
 * agreement's monthly allowance is exceeded. Levels nobody agreed on are not ours.
 */
@Controller()
export class StockLevelMessageHandler {
  private readonly log = new Logger(StockLevelMessageHandler.name);

  constructor(
    private readonly agreements: AgreementBook,
    private readonly watches: StockoutWatchRepository,
    private readonly breaches: SlaBreachRepository,
  ) {}

  @ConsumeEvents(topics.stockLevels)
  async onStockLevel(@Payload() events: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onStockLevelOne(inbound.event, tx));
  }

  private async onStockLevelOne(level: StockLevel, ctx: Transaction): Promise<void> {
    const problems = levelProblems(level);
    if (problems.length > 0) throw new RejectedEventError(problems.join('; '));
    const inForce = this.agreements.lineFor(level.buyerId, level.siteId, level.itemId, level.asOf);
    if (!inForce) return;
    const { agreement } = inForce;
    const watch = await this.watches.lockFor(ctx.manager, level.buyerId, level.siteId, level.itemId);
    const line = { agreementId: agreement.agreementId, siteId: level.siteId, itemId: level.itemId };
    const earlier = await this.breaches.stockoutsIn(ctx.manager, line, periodOf(level.asOf));
    const assessment = assessLevel(watch, level, agreement, earlier);
    if (assessment.kind === 'stale') {
      this.log.log(`stock level ${level.eventId} (sequence ${level.sequence}) is older than one applied; ignored`);
      return;
    }
    await this.watches.save(ctx.manager, assessment.watch);
    for (const breach of assessment.breaches) {
      await this.breaches.add(ctx.manager, breach);
      await ctx.outbox.add(topics.slaBreaches, breach);
    }
  }
}
