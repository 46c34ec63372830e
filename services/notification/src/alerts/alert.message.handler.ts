import { Controller, Logger } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReplenishmentOrder, Shipment, SlaBreach, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, RejectedEventError, Transaction, withinTraceOf } from '@smi/messaging';
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

  @ConsumeEvents(topics.replenishmentOrders)
  async onOrder(@Payload() events: Inbound<ReplenishmentOrder>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onOrderOne(inbound.event, tx));
  }

  private async onOrderOne(order: ReplenishmentOrder, ctx: Transaction): Promise<void> {
    await this.recordDeliveries(alertsForOrder(order), ctx);
  }

  @ConsumeEvents(topics.slaBreaches)
  async onBreach(@Payload() events: Inbound<SlaBreach>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onBreachOne(inbound.event, tx));
  }

  private async onBreachOne(breach: SlaBreach, ctx: Transaction): Promise<void> {
    await this.recordDeliveries(alertsForBreach(breach), ctx);
  }

  @ConsumeEvents(topics.shipments)
  async onShipment(@Payload() events: Inbound<Shipment>[], @Ctx() tx: Transaction): Promise<void> {
    for (const inbound of events) await withinTraceOf(inbound, () => this.onShipmentOne(inbound.event, tx));
  }

  private async onShipmentOne(shipment: Shipment, ctx: Transaction): Promise<void> {
    await this.recordDeliveries(alertsForShipment(shipment), ctx);
  }

  private async recordDeliveries(decision: AlertDecision, ctx: Transaction): Promise<void> {
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
