import { Delivery, DeliveryChannel, pendingDelivery } from '../deliveries/delivery';
import { AlertDecision, AlertIntent, AlertTopic, describeAlertProblems } from './alert-rules';

/** How a party wants its alerts: which rules, on which channel, at once or gathered in a digest. */
export interface Preference {
  /** The alert topics it wants; null for all of them. */
  rules: AlertTopic[] | null;
  channel: DeliveryChannel;
  mode: 'immediate' | 'digest';
}

/** What the decision needs to know of a party: where it takes alerts, and how it wants them. */
export interface Recipient {
  id: string;
  webhookUrl?: string;
  email?: string;
  /** Absent: at once, to its webhook (or its e-mail when it has no webhook). */
  preference?: Preference;
}

/** An alert held for the recipient's next digest. */
export interface DigestItem {
  notificationId: string;
  recipientId: string;
  topic: string;
  subject: string;
  payload: Record<string, unknown>;
  causedByEventId: string;
  alertedAt: Date;
}

/** Why an alert goes nowhere for now. */
export type Unsent =
  | { alert: AlertIntent; why: 'unknown party' }
  | { alert: AlertIntent; why: 'no webhook' | 'no e-mail address' | 'rule not chosen'; recipient: Recipient };

export interface AlertsRouted {
  /** The deliveries to make at once, in the order of the alerts. */
  deliveries: Delivery[];
  /** Alerts for parties that take a digest. */
  digested: DigestItem[];
  unsent: Unsent[];
}

/** A party without preferences of its own: at once, to its webhook, else its e-mail. */
export const preferenceOf = (recipient: Recipient): Preference =>
  recipient.preference ?? { rules: null, channel: !recipient.webhookUrl && recipient.email ? 'EMAIL' : 'WEBHOOK', mode: 'immediate' };

/** Where a channel reaches a party: its webhook URL, or its address as a mailto: URL. */
export function addressOf(recipient: Recipient, channel: DeliveryChannel): string | undefined {
  if (channel === 'WEBHOOK') return recipient.webhookUrl;
  return recipient.email ? `mailto:${recipient.email}` : undefined;
}

/**
 * Sends each alert where its party wants it: nowhere if it did not choose the rule, into its
 * next digest, or at once as a pending delivery on its channel, to the address it has now.
 * `now` (the wall clock) schedules the deliveries; `alertedAt` (business time) is when the alert
 * arose, from which its digest counts.
 */
export function routeAlerts(
  alerts: readonly AlertIntent[],
  recipientOf: (partyId: string) => Recipient | undefined,
  now: Date,
  alertedAt: Date = now,
): AlertsRouted {
  const routed: AlertsRouted = { deliveries: [], digested: [], unsent: [] };
  for (const alert of alerts) {
    const recipient = recipientOf(alert.recipientId);
    if (!recipient) {
      routed.unsent.push({ alert, why: 'unknown party' });
      continue;
    }
    const preference = preferenceOf(recipient);
    if (preference.rules && !preference.rules.includes(alert.topic)) {
      routed.unsent.push({ alert, why: 'rule not chosen', recipient });
      continue;
    }
    if (preference.mode === 'digest') {
      const { notificationId, recipientId, topic, subject, payload, causedByEventId } = alert;
      routed.digested.push({ notificationId, recipientId, topic, subject, payload, causedByEventId, alertedAt });
      continue;
    }
    const address = addressOf(recipient, preference.channel);
    if (address) routed.deliveries.push(pendingDelivery(alert, preference.channel, address, now));
    else routed.unsent.push({ alert, why: preference.channel === 'WEBHOOK' ? 'no webhook' : 'no e-mail address', recipient });
  }
  return routed;
}

/**
 * The alerts a batch of events owes, and the events refused by their place in the batch, the
 * reason naming each field. Events are independent of one another, so the batch gives what they
 * give one by one.
 */
export function alertsOfEvents<T>(
  events: readonly T[],
  alertsFor: (event: T) => AlertDecision,
): { alerts: AlertIntent[]; refused: Array<{ index: number; reason: string }> } {
  const refused: Array<{ index: number; reason: string }> = [];
  const alerts: AlertIntent[] = [];
  events.forEach((event, index) => {
    const decision = alertsFor(event);
    if (decision.kind === 'refused') refused.push({ index, reason: describeAlertProblems(decision.problems) });
    else alerts.push(...decision.alerts);
  });
  return { alerts, refused };
}
