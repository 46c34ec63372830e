import { Injectable, Logger } from '@nestjs/common';
import { Inbound, Rejection, Transaction } from '@smi/messaging';
import { PartyDirectory } from '@smi/service-kit';
import { DeliveryRepository } from '../deliveries/delivery.repository';
import { deliveriesForAlerts, Unsent } from './alert-deliveries';
import { AlertDecision } from './alert-rules';

/**
 * Records the alerts a batch of events owes as pending deliveries, in one statement within the
 * batch's unit of work. Nothing is posted here: the deliveries sweep does that, so a slow webhook
 * never holds up a partition. A delivery's id derives from its event's, so an event delivered
 * again adds nothing. Events that cannot be alerted on come back refused with their reason.
 */
@Injectable()
export class RecordAlerts {
  private readonly logger = new Logger(RecordAlerts.name);

  constructor(
    private readonly parties: PartyDirectory,
    private readonly deliveries: DeliveryRepository,
  ) {}

  async execute<T>(
    records: readonly Inbound<T>[],
    alertsFor: (event: T) => AlertDecision,
    tx: Transaction,
    now = new Date(),
  ): Promise<Rejection[]> {
    const decided = deliveriesForAlerts(
      records.map((r) => r.event),
      alertsFor,
      (partyId) => this.parties.party(partyId),
      now,
    );
    for (const unsent of decided.unsent) this.logUnsent(unsent);
    await this.deliveries.addPending(tx.manager, decided.deliveries);
    return decided.refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }

  private logUnsent(unsent: Unsent): void {
    const what = `${unsent.alert.notificationId} (${unsent.alert.topic}) not sent`;
    if (unsent.why === 'unknown party') this.logger.warn(`${what}: no party ${unsent.alert.recipientId} is known`);
    // Webhooks are the only channel so far; e-mail will take these.
    else this.logger.log(`${what}: ${unsent.recipient.id} has no webhook URL`);
  }
}
