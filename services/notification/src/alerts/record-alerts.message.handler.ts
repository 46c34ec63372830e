import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { ReplenishmentOrder, Shipment, SlaBreach, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { alertsForBreach, alertsForOrder, alertsForShipment } from './alert-rules';
import { RecordAlerts } from './record-alerts.use-case';

/**
 * Records the alerts that orders, breaches and shipments owe the parties. A delivery's id derives
 * from its event's id and the recipient, and the deliveries table keeps one row per id: a
 * redelivered event adds nothing, so the transport writes no inbox row per event.
 */
@Controller()
export class RecordAlertsMessageHandler {
  constructor(private readonly recordAlerts: RecordAlerts) {}

  @ConsumeEvents(topics.replenishmentOrders, { deduplication: 'handler' })
  onOrders(@Payload() orders: Inbound<ReplenishmentOrder>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordAlerts.execute(orders, alertsForOrder, tx);
  }

  @ConsumeEvents(topics.slaBreaches, { deduplication: 'handler' })
  onBreaches(@Payload() breaches: Inbound<SlaBreach>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordAlerts.execute(breaches, alertsForBreach, tx);
  }

  @ConsumeEvents(topics.shipments, { deduplication: 'handler' })
  onShipments(@Payload() shipments: Inbound<Shipment>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordAlerts.execute(shipments, alertsForShipment, tx);
  }
}
