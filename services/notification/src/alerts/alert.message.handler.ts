import { Controller, Logger } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ReplenishmentOrder, Shipment, SlaBreach, topics } from '@smi/contracts';
import { EventContext, RejectedEventError } from '@smi/messaging';
import { PartyDirectory } from '@smi/service-kit';
import { pendingDelivery } from '../deliveries/delivery';
import { DeliveryRepository } from '../deliveries/delivery.repository';
import { AlertDecision, alertsForBreach, alertsForOrder, alertsForShipment, describeAlertProblems } from './alert-rules';

/**
 * Turns order, breach and shipment events into pending deliveries, in the
 * event's transaction. Nothing is posted here: the dispatcher does that, so a
 * slow webhook never holds up a partition.
 */
@Controller()
export class AlertMessageHandler {
  private readonly logger = new Logger(AlertMessageHandler.name);

  constructor(
    private readonly parties: PartyDirectory,
    private readonly deliveries: DeliveryRepository,
  ) {}

  @EventPattern(topics.replenishmentOrders.name)
  async onOrder(@Payload() order: ReplenishmentOrder, @Ctx() ctx: EventContext): Promise<void> {
    await this.recordDeliveries(alertsForOrder(order), ctx);
  }

  @EventPattern(topics.slaBreaches.name)
  async onBreach(@Payload() breach: SlaBreach, @Ctx() ctx: EventContext): Promise<void> {
    await this.recordDeliveries(alertsForBreach(breach), ctx);
  }

  @EventPattern(topics.shipments.name)
  async onShipment(@Payload() shipment: Shipment, @Ctx() ctx: EventContext): Promise<void> {
    await this.recordDeliveries(alertsForShipment(shipment), ctx);
  }

  private async recordDeliveries(decision: AlertDecision, ctx: EventContext): Promise<void> {
    if (decision.kind === 'refused') throw new RejectedEventError(describeAlertProblems(decision.problems));
    const now = new Date();
    for (const alert of decision.alerts) {
      const party = this.parties.party(alert.recipientId);
      if (!party) {
        this.logger.warn(`${alert.notificationId} (${alert.topic}) not sent: no party ${alert.recipientId} is known`);
      } else if (!party.webhookUrl) {
        // Webhooks are the only channel so far; e-mail will take these.
        this.logger.log(`${alert.notificationId} (${alert.topic}) not sent: ${party.id} has no webhook URL`);
      } else {
        await this.deliveries.addPending(ctx.manager, pendingDelivery(alert, party.webhookUrl, now));
      }
    }
  }
}
