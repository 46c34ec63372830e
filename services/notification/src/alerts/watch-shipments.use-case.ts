import { Injectable } from '@nestjs/common';
import { Shipment } from '@smi/contracts';
import { Inbound, Rejection, Transaction } from '@smi/messaging';
import { alertsOfEvents } from './alert-deliveries';
import { AlertStateRepository } from './alert-state.repository';
import { RouteAlerts } from './route-alerts.use-case';
import { watchShipments } from './shipment-watch';

/**
 * Alerts on a batch of shipment events against what was seen of each shipment before (a dispatch
 * once, a delay newly reported), and keeps each open shipment under watch for the late sweep.
 */
@Injectable()
export class WatchShipments {
  constructor(
    private readonly state: AlertStateRepository,
    private readonly route: RouteAlerts,
  ) {}

  async execute(records: readonly Inbound<Shipment>[], tx: Transaction): Promise<Rejection[]> {
    const shipments = records.map((r) => r.event);
    const stored = await this.state.shipments(tx.manager, [...new Set(shipments.map((s) => s.shipmentId))].sort());
    const { decisions, states } = watchShipments(shipments, stored);
    const { alerts, refused } = alertsOfEvents(decisions, (decision) => decision);
    await this.state.saveShipments(tx.manager, states);
    await this.route.execute(alerts, tx);
    return refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }
}
