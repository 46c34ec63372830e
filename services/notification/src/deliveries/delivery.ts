import { AlertIntent } from '../alerts/alert-rules';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

/** One alert on its way to one party's webhook, and how its delivery went so far. */
export interface Delivery {
  notificationId: string;
  recipientId: string;
  /** Only webhooks are built; e-mail is a later channel. */
  channel: 'WEBHOOK';
  url: string;
  topic: string;
  subject: string;
  payload: Record<string, unknown>;
  causedByEventId: string;
  status: DeliveryStatus;
  /** Attempts started so far (a claimed delivery counts the attempt in flight). */
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  createdAt: Date;
  completedAt: Date | null;
}

/** A new delivery, due at once. The URL is the one the party had when the alert arose. */
export function pendingDelivery(alert: AlertIntent, url: string, now: Date): Delivery {
  return {
    notificationId: alert.notificationId,
    recipientId: alert.recipientId,
    channel: 'WEBHOOK',
    url,
    topic: alert.topic,
    subject: alert.subject,
    payload: alert.payload,
    causedByEventId: alert.causedByEventId,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    lastError: null,
    createdAt: now,
    completedAt: null,
  };
}

/** The JSON body a webhook receives. */
export function webhookBodyOf(delivery: Delivery) {
  return {
    notificationId: delivery.notificationId,
    topic: delivery.topic,
    subject: delivery.subject,
    recipientId: delivery.recipientId,
    payload: delivery.payload,
  };
}
