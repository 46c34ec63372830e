import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { WatchStockouts } from './watch-stockouts.use-case';

/**
 * Watches the stock levels of every site x item an agreement covers for stockouts and penalties.
 * Each level carries its site x item's sequence, which the watch stores: a redelivered level
 * changes nothing, so the transport writes no inbox row per level.
 */
@Controller()
export class WatchStockoutsMessageHandler {
  constructor(private readonly watchStockouts: WatchStockouts) {}

  @ConsumeEvents(topics.stockLevels, { deduplication: 'handler' })
  handle(@Payload() levels: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.watchStockouts.execute(levels, tx);
  }
}
