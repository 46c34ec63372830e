import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReplenishmentOrder, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { PlanShipments } from './plan-shipments.use-case';

/**
 * Replenishment orders from Kafka: shipments planned (or cancelled) a batch at a time. The inbox
 * keeps a redelivered order event from acting twice; orders are few next to stock levels.
 */
@Controller()
export class ShipmentPlanningMessageHandler {
  constructor(private readonly planShipments: PlanShipments) {}

  @ConsumeEvents(topics.replenishmentOrders, { deduplication: 'inbox' })
  onReplenishmentOrders(@Payload() orders: Inbound<ReplenishmentOrder>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.planShipments.execute(orders, tx);
  }
}
