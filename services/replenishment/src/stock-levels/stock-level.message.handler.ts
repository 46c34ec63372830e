import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { AgreementBook } from '@smi/agreements';
import { roundToStoredPrecision, StockLevel, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, RejectedEventError, Transaction, withinTraceOf } from '@smi/messaging';
import { NO_FORECAST_YET } from '../demand-outlooks/demand-outlook';
import { DemandOutlookRepository } from '../demand-outlooks/demand-outlook.repository';
import { OrdersRepository } from '../orders/orders.repository';
import { goodsReceiptOf, OrderDecided, orderFor } from '../orders/replenishment-order';
import { planReplenishment } from '@smi/replenishment-planning';
import { applyLevel } from '../stock-positions/stock-position';
import { StockPositionRepository } from '../stock-positions/stock-position.repository';
import { CapacityGate } from '../supplier-capacity/capacity-gate.adapter';

/**
 * For each stock level of a site x item under an agreement: applies it to the
 * position, closes the order a goods receipt names, and asks the engine whether
 * to order (released, or awaiting the buyer's approval beyond the approval
 * boundary), all in one transaction. The engine sees the level's own time, so a
 * replay decides as the first delivery did. Where the supplier has declared a
 * capacity for the item, the order goes out only while the period has room;
 * otherwise it waits for the capacity allocation.
 */
@Controller()
export class StockLevelMessageHandler {
  constructor(
    private readonly agreements: AgreementBook,
    private readonly positions: StockPositionRepository,
    private readonly orders: OrdersRepository,
    private readonly outlooks: DemandOutlookRepository,
    private readonly capacity: CapacityGate,
  ) {}

  @ConsumeEvents(topics.stockLevels)
  async onStockLevel(@Payload() events: Inbound<StockLevel>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onStockLevelOne(inbound.event, tx));
  }

  private async onStockLevelOne(level: StockLevel, ctx: Transaction): Promise<void> {
    const inForce = this.agreements.lineFor(level.buyerId, level.siteId, level.itemId, level.asOf);
    if (!inForce) return; // no agreement: not ours to replenish
    const outcome = applyLevel(await this.positions.lockFor(ctx.manager, level), level, inForce.line.unit);
    if (outcome.kind === 'refused') throw new RejectedEventError(`${outcome.field} ${outcome.problem}`);

    // Even a stale receipt closes its order: the newer on-hand already holds those goods,
    // and leaving the order open would count them twice as on-order.
    const receipt = goodsReceiptOf(level);
    const received = receipt ? await this.orders.markReceived(ctx.manager, level, { ...receipt, eventId: level.eventId }) : false;
    if (outcome.kind === 'stale' && !received) return;
    if (outcome.kind === 'applied') await this.positions.save(ctx.manager, outcome.position);

    // Orders awaiting approval, or waiting for supplier capacity, count as on order too: the same need is never ordered twice.
    const position = outcome.position;
    const standing = await this.capacity.standingOf(ctx.manager, inForce.agreement.supplierId, level);
    const openOrders = [...(await this.orders.openOrders(ctx.manager, level)), ...standing.waiting];
    const situation = {
      now: level.asOf,
      onHand: position.onHand,
      backorders: 0, // the buyer reports demand it could not meet as negative on-hand
      openOrders,
      demand: (await this.outlooks.find(ctx.manager, level)) ?? NO_FORECAST_YET,
      lastReviewAt: position.lastReviewAt,
    };
    const decision = planReplenishment({ line: inForce.line, agreementVersion: inForce.version, validFrom: inForce.agreement.validFrom }, situation);
    if (decision.reviewedAt) await this.positions.save(ctx.manager, { ...position, lastReviewAt: decision.reviewedAt });
    if (decision.kind === 'none') return;
    // The period's allocation gave this site x item nothing: asking again before the next period gets nothing either.
    if (standing.unserved) return;
    const decided: OrderDecided = {
      triggerEventId: level.eventId,
      triggerAsOf: level.asOf,
      agreement: inForce.agreement,
      line: inForce.line,
      agreementVersion: inForce.version,
      decision,
      onHand: position.onHand,
      onOrder: roundToStoredPrecision(openOrders.reduce((sum, open) => sum + open.quantity, 0)),
      decidedAt: new Date(),
    };
    const order = standing.limit ? await this.capacity.admit(ctx.manager, standing.limit, decided, situation) : orderFor(decided);
    if (!order) return; // waits for the capacity allocation
    await this.orders.insert(ctx.manager, order);
    await ctx.outbox.add(topics.replenishmentOrders, order);
  }
}
