import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Transaction } from '@smi/messaging';
import { BookGoodsReceipts } from './book-goods-receipts.use-case';

/**
 * Stock levels from Kafka, watched for the buyer's goods receipts. No inbox row per level:
 * stock levels are the busiest topic and almost none carries a receipt, and booking is
 * harmless to repeat. The level's `sequence` cannot serve here (it counts per buyer site x item,
 * while a receipt acts on an order's shipment), but the shipment's own state does: RECEIVED is
 * final, so a redelivered receipt finds its shipment received and is ignored, writing and
 * announcing nothing; and a receipt kept for a late order is kept once (the first per order
 * stays), so keeping it again changes nothing.
 */
@Controller()
export class GoodsReceiptBookingMessageHandler {
  constructor(private readonly bookGoodsReceipts: BookGoodsReceipts) {}

  @ConsumeEvents(topics.stockLevels, { deduplication: 'handler' })
  onStockLevels(@Payload() levels: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<void> {
    return this.bookGoodsReceipts.execute(levels, tx);
  }
}
