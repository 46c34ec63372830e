import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { Transaction } from '@smi/messaging';
import { claimSweep } from '@smi/persistence';
import { addressOf, preferenceOf } from '../alerts/alert-deliveries';
import { RouteAlerts } from '../alerts/route-alerts.use-case';
import { Delivery, pendingDelivery } from '../deliveries/delivery';
import { DeliveryRepository } from '../deliveries/delivery.repository';
import { digestEveryHoursOf } from '../preferences/preference';
import { digestsDue } from './digest';
import { DigestRepository } from './digest.repository';

/**
 * Sends the digests due at `now` (business clock): one message per party listing its alerts
 * since its last digest, on its channel, as a delivery like any other (signed, retried, logged).
 * Returns how many digests went out. One instance sends digests at a time (claimSweep): whether a
 * party's digest is due, and what it lists, depend on all its waiting alerts and its last digest
 * together, so two instances each sending a part would send two digests in one interval.
 */
@Injectable()
export class SendDigests {
  constructor(
    private readonly digests: DigestRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly route: RouteAlerts,
    private readonly agreements: AgreementBook,
  ) {}

  async execute(now: Date, tx: Transaction, wallClock = new Date()): Promise<number> {
    if (!(await claimSweep(tx.manager, 'digests'))) return 0;
    const { items, lastSentAt } = await this.digests.waiting(tx.manager);
    if (items.length === 0) return 0;
    const due = digestsDue(items, lastSentAt, (recipientId) => digestEveryHoursOf(this.agreements.agreementsOf(recipientId)), now);
    const recipientOf = await this.route.recipients(
      tx.manager,
      due.map((d) => d.recipientId),
    );
    const deliveries: Delivery[] = [];
    for (const digest of due) {
      const recipient = recipientOf(digest.recipientId);
      const channel = recipient ? preferenceOf(recipient).channel : 'WEBHOOK';
      const address = recipient && addressOf(recipient, channel);
      // Nowhere to send it (the party left the parties file, or lost its address): the alerts keep waiting.
      if (!address) continue;
      const { digestId, recipientId, subject, payload } = digest;
      deliveries.push(
        pendingDelivery(
          { notificationId: digestId, recipientId, topic: 'DIGEST', subject, payload, causedByEventId: digestId },
          channel,
          address,
          wallClock,
        ),
      );
    }
    const sent = new Set(deliveries.map((d) => d.notificationId));
    await this.deliveries.addPending(tx.manager, deliveries);
    await this.digests.markSent(
      tx.manager,
      due.filter((d) => sent.has(d.digestId)),
    );
    return deliveries.length;
  }
}
