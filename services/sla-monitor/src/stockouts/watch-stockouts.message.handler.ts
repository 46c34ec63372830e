import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AgreementBook } from '@smi/agreements';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { admittedByAgreedUnit } from '@smi/service-kit';
import { WatchStockouts } from './watch-stockouts.use-case';

/**
 * Watches the stock levels of every site x item an agreement covers for stockouts, and keeps them as the history KPIs and penalties are judged on.
 * Each level carries its site x item's sequence, which the watch stores: a redelivered level
 * changes nothing, so the transport writes no inbox row per level. A level in another unit than
 * its agreement line's is refused: its stock cannot be judged against the line's minimum.
 */
@Controller()
export class WatchStockoutsMessageHandler {
  constructor(
    private readonly watchStockouts: WatchStockouts,
    private readonly agreements: AgreementBook,
  ) {}

  @ConsumeEvents(topics.stockLevels, { deduplication: 'handler' })
  async handle(@Payload() levels: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    const { admitted, refused } = admittedByAgreedUnit(this.agreements, levels, (level) => level.asOf);
    return [...refused, ...(await this.watchStockouts.execute(admitted, tx))];
  }
}
