import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReplenishmentOrder, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, RejectedEventError, Transaction, withinTraceOf } from '@smi/messaging';
import { receiveShipment } from '../goods-receipt/goods-receipt';
import { UnmatchedGoodsReceiptRepository } from '../goods-receipt/unmatched-goods-receipt.repository';
import { applyStep, orderProblems, plannedShipmentFor, shipmentActionFor, shipmentEvent } from './shipment';
import { ShipmentRepository } from './shipment.repository';

/**
 * Turns each released replenishment order into a PLANNED shipment for the
 * supplier's logistics, and announces it; an order awaiting the buyer's approval
 * ships nothing until the RELEASED event of its approval. A goods receipt read
 * before the order is booked on the new shipment at once. A REJECTED order (the
 * buyer's veto after release) cancels its shipment unless it has left already.
 */
@Controller()
export class ReplenishmentOrderMessageHandler {
  private readonly log = new Logger(ReplenishmentOrderMessageHandler.name);

  constructor(
    private readonly shipments: ShipmentRepository,
    private readonly unmatched: UnmatchedGoodsReceiptRepository,
  ) {}

  @ConsumeEvents(topics.replenishmentOrders)
  async onReplenishmentOrder(@Payload() events: Inbound<ReplenishmentOrder>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onReplenishmentOrderOne(inbound.event, tx));
  }

  private async onReplenishmentOrderOne(order: ReplenishmentOrder, ctx: Transaction): Promise<void> {
    const problems = orderProblems(order);
    if (problems.length > 0) throw new RejectedEventError(problems.join('; '));
    const action = shipmentActionFor(order);
    if (action === 'none') return; // awaiting approval or expired: nothing to ship (yet)
    await this.shipments.lockOrder(ctx.manager, order.orderId);
    if (action === 'cancel') return this.cancel(order, ctx);
    const planned = plannedShipmentFor(order);
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

  /** The buyer vetoed the order: a shipment still PLANNED is cancelled; one on its way is left to the parties. */
  private async cancel(order: ReplenishmentOrder, ctx: Transaction): Promise<void> {
    const shipment = await this.shipments.lockByOrderId(ctx.manager, order.orderId);
    if (!shipment) return; // rejected before release: nothing was planned
    const outcome = applyStep(shipment, 'CANCEL', new Date());
    if (outcome.kind === 'refused') {
      this.log.warn(`order ${order.orderId} was rejected by ${order.statusChangedBy} but shipment ${shipment.shipmentId} stays: ${outcome.reason}`);
      return;
    }
    await this.shipments.save(ctx.manager, outcome.shipment);
    await ctx.outbox.add(topics.shipments, shipmentEvent(outcome.shipment, `${order.eventId}/shipment`));
  }
}
