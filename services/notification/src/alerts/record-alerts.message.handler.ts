import { Controller } from '@nestjs/common';
import { Ctx, Payload } from '@nestjs/microservices';
import { Penalty, PenaltyDispute, ReplenishmentOrder, Shipment, SlaBreach, topics } from '@smi/contracts';
import { ConsumeEvents, Inbound, Rejection, Transaction } from '@smi/messaging';
import { alertsForBreach, alertsForDispute, alertsForPenalty } from './alert-rules';
import { RecordAlerts } from './record-alerts.use-case';
import { WatchOrders } from './watch-orders.use-case';
import { WatchShipments } from './watch-shipments.use-case';

/**
 * Records the alerts that orders, breaches, shipments, penalties and disputes owe the parties.
 * A delivery's id derives from its event's id and the recipient, and the deliveries table keeps
 * one row per id: a redelivered event adds nothing, so the transport writes no inbox row per event.
 */
@Controller()
export class RecordAlertsMessageHandler {
  constructor(
    private readonly recordAlerts: RecordAlerts,
    private readonly watchOrders: WatchOrders,
    private readonly watchShipments: WatchShipments,
  ) {}

  @ConsumeEvents(topics.replenishmentOrders, { deduplication: 'handler' })
  onOrders(@Payload() orders: Inbound<ReplenishmentOrder>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.watchOrders.execute(orders, tx);
  }

  @ConsumeEvents(topics.slaBreaches, { deduplication: 'handler' })
  onBreaches(@Payload() breaches: Inbound<SlaBreach>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordAlerts.execute(breaches, alertsForBreach, tx);
  }

  @ConsumeEvents(topics.shipments, { deduplication: 'handler' })
  onShipments(@Payload() shipments: Inbound<Shipment>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.watchShipments.execute(shipments, tx);
  }

  @ConsumeEvents(topics.penalties, { deduplication: 'handler' })
  onPenalties(@Payload() penalties: Inbound<Penalty>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordAlerts.execute(penalties, alertsForPenalty, tx);
  }

  @ConsumeEvents(topics.penaltyDisputes, { deduplication: 'handler' })
  onDisputes(@Payload() disputes: Inbound<PenaltyDispute>[], @Ctx() tx: Transaction): Promise<Rejection[]> {
    return this.recordAlerts.execute(disputes, alertsForDispute, tx);
  }
}
