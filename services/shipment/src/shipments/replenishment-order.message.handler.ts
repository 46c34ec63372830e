import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ReplenishmentOrder, topics } from '@smi/contracts';
import { EventContext, RejectedEventError } from '@smi/messaging';
import { receiveShipment } from '../goods-receipt/goods-receipt';
import { UnmatchedGoodsReceiptRepository } from '../goods-receipt/unmatched-goods-receipt.repository';
import { orderProblems, plannedShipmentFor, shipmentEvent } from './shipment';
import { ShipmentRepository } from './shipment.repository';

/**
 * Turns each replenishment order into a PLANNED shipment for the supplier's
 * logistics, and announces it. A goods receipt read before the order is booked
 * on the new shipment at once.
 */
@Controller()
export class ReplenishmentOrderMessageHandler {
  private readonly log = new Logger(ReplenishmentOrderMessageHandler.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly unmatched: UnmatchedGoodsReceiptRepository,
  ) {}

  @EventPattern(topics.replenishmentOrders.name)
  async onReplenishmentOrder(@Payload() order: ReplenishmentOrder, @Ctx() ctx: EventContext): Promise<void> {
    const problems = orderProblems(order);
    if (problems.length > 0) throw new RejectedEventError(problems.join('; '));
    const planned = plannedShipmentFor(order);
    await this.shipments.lockOrder(ctx.manager, order.orderId);
    // The inbox stops a redelivered event; this stops the same order arriving under another event id.
    if (!(await this.shipments.insertIfNew(ctx.manager, planned))) {
      this.log.log(`order ${order.orderId} (event ${order.eventId}) already has shipment ${planned.shipmentId}; nothing to do`);
      return;
    }
    await ctx.outbox.add(topics.shipments, shipmentEvent(planned, `${order.eventId}/shipment`));

    const earlyReceipt = await this.unmatched.take(ctx.manager, order.orderId);
    if (!earlyReceipt) return;
    const outcome = receiveShipment(planned, earlyReceipt);
    if (outcome.kind === 'ignored') {
      this.log.warn(`goods receipt ${earlyReceipt.stockLevelEventId} kept for order ${order.orderId} ignored: ${outcome.reason}`);
      return;
    }
    await this.shipments.save(ctx.manager, outcome.shipment);
    await ctx.outbox.add(topics.shipments, shipmentEvent(outcome.shipment, outcome.eventId));
  }
}
