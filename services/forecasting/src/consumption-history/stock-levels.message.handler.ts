import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AgreementBook } from '@smi/agreements';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { admittedByAgreedUnit } from '@smi/service-kit';
import { RecordConsumption } from './record-consumption.use-case';

/**
 * Stock levels into the consumption history, a batch at a time. No inbox: each series keeps the
 * last stock-level sequence it applied, so a redelivered level changes nothing. A level in another
 * unit than its agreement line's is refused: its consumption would be summed with the line's.
 */
@Controller()
export class StockLevelsMessageHandler {
  constructor(
    private readonly recordConsumption: RecordConsumption,
    private readonly agreements: AgreementBook,
  ) {}

  @ConsumeEvents(topics.stockLevels, { deduplication: 'handler' })
  async onStockLevels(@Payload() levels: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    const { admitted, refused } = admittedByAgreedUnit(this.agreements, levels, (level) => level.asOf);
    return [...refused, ...(await this.recordConsumption.execute(admitted, tx))];
  }
}
