import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Transaction, withinTraceOf } from '@smi/messaging';
import { shipmentEvent } from '../shipments/shipment';
import { ShipmentRepository } from '../shipments/shipment.repository';
import { goodsReceiptIn, receiveShipment } from './goods-receipt';
import { UnmatchedGoodsReceiptRepository } from './unmatched-goods-receipt.repository';

/**
 * Watches stock levels for the buyer's goods receipts: a RECEIPT against an
 * order marks that order's shipment RECEIVED. Other levels are not ours to
 * judge, and a receipt we cannot place is logged, never dead-lettered: the
 * stock movement itself was valid. One naming an order we have not seen yet is
 * kept, since the order may only be late (it travels on another topic).
 */
@Controller()
export class GoodsReceiptMessageHandler {
  private readonly log = new Logger(GoodsReceiptMessageHandler.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly unmatched: UnmatchedGoodsReceiptRepository,
  ) {}

  @ConsumeEvents(topics.stockLevels)
  async onStockLevel(@Payload() events: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onStockLevelOne(inbound.event, tx));
  }

  private async onStockLevelOne(level: StockLevel, ctx: Transaction): Promise<void> {
    const receipt = goodsReceiptIn(level);
    if (!receipt) return;
    await this.shipments.lockOrder(ctx.manager, receipt.orderId);
    const shipment = await this.shipments.lockByOrderId(ctx.manager, receipt.orderId);
    if (!shipment) {
      this.log.warn(`goods receipt ${level.eventId} names order ${receipt.orderId}, which has no shipment; kept in case the order comes later`);
      await this.unmatched.keep(ctx.manager, receipt);
      return;
    }
    const outcome = receiveShipment(shipment, receipt);
    if (outcome.kind === 'ignored') {
      this.log.warn(`goods receipt ${level.eventId} for shipment ${shipment.shipmentId} ignored: ${outcome.reason}`);
      return;
    }
    await this.shipments.save(ctx.manager, outcome.shipment);
    await ctx.outbox.add(topics.shipments, shipmentEvent(outcome.shipment, outcome.eventId));
  }
}
