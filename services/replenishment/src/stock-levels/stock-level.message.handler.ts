import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { platformMetrics, timed } from '@smi/metrics';
import { DecideReplenishment } from '../ordering/decide-replenishment.use-case';

/**
 * Stock levels, a batch at a time, each decided on for replenishment. A level carries its
 * site x item's sequence and one at or below the position's changes nothing, so no inbox row
 * is written per level. How long each batch's planning takes is `smi_planning_duration_seconds`.
 */
@Controller()
export class StockLevelMessageHandler {
  constructor(private readonly decideReplenishment: DecideReplenishment) {}

  @ConsumeEvents(topics.stockLevels, { deduplication: 'handler' })
  onStockLevels(@Payload() levels: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return timed(platformMetrics().planningDuration, () => this.decideReplenishment.execute(levels, tx));
  }
}
