import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { RecordConsumption } from './record-consumption.use-case';

/**
 * Stock levels into the consumption history, a batch at a time. No inbox: each series keeps the
 * last stock-level sequence it applied, so a redelivered level changes nothing.
 */
@Controller()
export class StockLevelsMessageHandler {
  constructor(private readonly recordConsumption: RecordConsumption) {}

  @ConsumeEvents(topics.stockLevels, { deduplication: 'handler' })
  onStockLevels(@Payload() levels: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordConsumption.execute(levels, tx);
  }
}
