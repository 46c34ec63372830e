import { Injectable, Logger } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { Transaction } from '@smi/messaging';
import { BusinessClock, PartyDirectory } from '@smi/service-kit';
import { DeliveryRepository } from '../deliveries/delivery.repository';
import { DigestRepository } from '../digests/digest.repository';
import { defaultPreference } from '../preferences/preference';
import { PreferencesRepository } from '../preferences/preferences.repository';
import { AlertsRouted, Recipient, routeAlerts, Unsent } from './alert-deliveries';
import { AlertIntent } from './alert-rules';

/**
 * Records alerts as their parties want them, within the caller's unit of work: the preferences
 * of every recipient loaded in one query, then one statement for the deliveries to make at once
 * and one for the alerts held for digests. Ids derive from the causing events, so an alert
 * recorded again adds nothing.
 */
@Injectable()
export class RouteAlerts {
  private readonly logger = new Logger(RouteAlerts.name);

  constructor(
    private readonly parties: PartyDirectory,
    private readonly agreements: AgreementBook,
    private readonly preferences: PreferencesRepository,
    private readonly deliveries: DeliveryRepository,
    private readonly digests: DigestRepository,
    private readonly clock: BusinessClock,
  ) {}

  async execute(alerts: readonly AlertIntent[], tx: Transaction, now = new Date()): Promise<AlertsRouted> {
    const recipientOf = await this.recipients(
      tx.manager,
      alerts.map((a) => a.recipientId),
    );
    const routed = routeAlerts(alerts, recipientOf, now, this.clock.now());
    for (const unsent of routed.unsent) this.logUnsent(unsent);
    await this.deliveries.addPending(tx.manager, routed.deliveries);
    await this.digests.hold(tx.manager, routed.digested);
    return routed;
  }

  /** Each party as the routing sees it: where it can be reached, and its preferences or its agreements' defaults. */
  async recipients(manager: Transaction['manager'], partyIds: readonly string[]): Promise<(partyId: string) => Recipient | undefined> {
    const ids = [...new Set(partyIds)];
    const chosen = await this.preferences.ofParties(manager, ids);
    const recipients = new Map<string, Recipient>();
    for (const id of ids) {
      const party = this.parties.party(id);
      if (!party) continue;
      const preference = chosen.get(id) ?? defaultPreference(party, this.agreements.agreementsOf(id));
      recipients.set(id, { id, webhookUrl: party.webhookUrl, email: party.email, preference });
    }
    return (partyId) => recipients.get(partyId);
  }

  private logUnsent(unsent: Unsent): void {
    const what = `${unsent.alert.notificationId} (${unsent.alert.topic}) not sent`;
    if (unsent.why === 'unknown party') this.logger.warn(`${what}: no party ${unsent.alert.recipientId} is known`);
    else this.logger.log(`${what}: ${unsent.recipient.id}: ${unsent.why}`);
  }
}
