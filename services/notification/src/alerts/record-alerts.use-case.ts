import { Injectable } from '@nestjs/common';
import { Inbound, Rejection, Transaction } from '@smi/messaging';
import { alertsOfEvents } from './alert-deliveries';
import { AlertDecision } from './alert-rules';
import { RouteAlerts } from './route-alerts.use-case';

/**
 * Records the alerts a batch of events owes, as their parties want them, in the batch's unit of
 * work. Nothing is sent here: the deliveries sweep does that, so a slow webhook or mail server
 * never holds up a partition. A delivery's id derives from its event's, so an event delivered
 * again adds nothing. Events that cannot be alerted on come back refused with their reason.
 */
@Injectable()
export class RecordAlerts {
  constructor(private readonly route: RouteAlerts) {}

  async execute<T>(records: readonly Inbound<T>[], alertsFor: (event: T) => AlertDecision, tx: Transaction): Promise<Rejection[]> {
    const { alerts, refused } = alertsOfEvents(
      records.map((r) => r.event),
      alertsFor,
    );
    await this.route.execute(alerts, tx);
    return refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }
}
