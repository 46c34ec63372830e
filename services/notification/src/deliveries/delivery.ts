import { AlertIntent } from '../alerts/alert-rules';

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';
export const DELIVERY_STATUSES: readonly DeliveryStatus[] = ['pending', 'delivered', 'failed'];

export type DeliveryChannel = 'WEBHOOK' | 'EMAIL';
export const DELIVERY_CHANNELS: readonly DeliveryChannel[] = ['WEBHOOK', 'EMAIL'];

/** One alert (or digest) on its way to one party, by webhook or e-mail, and how its delivery went so far. */
export interface Delivery {
  notificationId: string;
  recipientId: string;
  channel: DeliveryChannel;
  /** The webhook's URL, or `mailto:<address>`. */
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

/** A new delivery, due at once. The address is the one the party had when the alert arose. */
export function pendingDelivery(
  alert: Pick<AlertIntent, 'notificationId' | 'recipientId' | 'subject' | 'payload' | 'causedByEventId'> & { topic: string },
  channel: DeliveryChannel,
  url: string,
  now: Date,
): Delivery {
  return {
    notificationId: alert.notificationId,
    recipientId: alert.recipientId,
    channel,
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
