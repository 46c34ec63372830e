import { Delivery, pendingDelivery } from '../deliveries/delivery';
import { AlertDecision, AlertIntent, describeAlertProblems } from './alert-rules';

/** What the decision needs to know of a party: where it takes alerts, if anywhere. */
export interface Recipient {
  id: string;
  webhookUrl?: string;
}

/** Why an alert goes nowhere for now. */
export type Unsent = { alert: AlertIntent; why: 'unknown party' } | { alert: AlertIntent; why: 'no webhook'; recipient: Recipient };

export interface AlertsDecided {
  /** The deliveries to make, in the order of the events and recipients that owe them. */
  deliveries: Delivery[];
  unsent: Unsent[];
  /** Events refused, by their place in the batch, the reason naming each field. */
  refused: Array<{ index: number; reason: string }>;
}

/**
 * Turns a batch of events into the deliveries they owe: `alertsFor` says who must hear of each
 * event, and each alert becomes a pending delivery to its party's webhook as the party has it
 * now. Events are independent of one another, so the batch gives what they give one by one.
 */
export function deliveriesForAlerts<T>(
  events: readonly T[],
  alertsFor: (event: T) => AlertDecision,
  recipientOf: (partyId: string) => Recipient | undefined,
  now: Date,
): AlertsDecided {
  const decided: AlertsDecided = { deliveries: [], unsent: [], refused: [] };
  events.forEach((event, index) => {
    const decision = alertsFor(event);
    if (decision.kind === 'refused') {
      decided.refused.push({ index, reason: describeAlertProblems(decision.problems) });
      return;
    }
    for (const alert of decision.alerts) {
      const recipient = recipientOf(alert.recipientId);
      if (!recipient) decided.unsent.push({ alert, why: 'unknown party' });
      else if (!recipient.webhookUrl) decided.unsent.push({ alert, why: 'no webhook', recipient });
      else decided.deliveries.push(pendingDelivery(alert, recipient.webhookUrl, now));
    }
  });
  return decided;
}
