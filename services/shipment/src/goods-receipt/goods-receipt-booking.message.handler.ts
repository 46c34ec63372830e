import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Transaction } from '@smi/messaging';
import { BookGoodsReceipts } from './book-goods-receipts.use-case';

/**
 * Stock levels from Kafka, watched for the buyer's goods receipts. No inbox row per level:
 * stock levels are the busiest topic and almost none carries a receipt. The level's `sequence`
 * cannot serve here (it counts per buyer site x item, while a receipt acts on a shipment line), but
 * the service keeps every receipt it has seen, matched or not: a redelivered receipt is found there
 * and changes, writes and announces nothing.
 */
@Controller()
export class GoodsReceiptBookingMessageHandler {
  constructor(private readonly bookGoodsReceipts: BookGoodsReceipts) {}

  @ConsumeEvents(topics.stockLevels, { deduplication: 'handler' })
  onStockLevels(@Payload() levels: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<void> {
    return this.bookGoodsReceipts.execute(levels, tx);
  }
}
