import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { DemandForecast, StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Transaction } from '@smi/messaging';
import { KeepDemandOutlooks } from './keep-demand-outlooks.use-case';
import { WatchStockLevels } from './watch-stock-levels.use-case';

/**
 * Feeds the stock rules: each level (its sequence makes a repeat harmless) and the latest
 * forecast per site x item (an older one changes nothing), so neither needs an inbox row.
 */
@Controller()
export class WatchStockMessageHandler {
  constructor(
    private readonly watchStockLevels: WatchStockLevels,
    private readonly keepDemandOutlooks: KeepDemandOutlooks,
  ) {}

  @ConsumeEvents(topics.stockLevels, { deduplication: 'handler' })
  onStockLevels(@Payload() levels: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<void> {
    return this.watchStockLevels.execute(levels, tx);
  }

  @ConsumeEvents(topics.demandForecasts, { deduplication: 'handler' })
  onDemandForecasts(@Payload() forecasts: Inbound<DemandForecast>[], @Ctx() tx: Transaction): Promise<void> {
    return this.keepDemandOutlooks.execute(forecasts, tx);
  }
}
