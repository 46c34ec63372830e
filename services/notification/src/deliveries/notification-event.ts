import { Notification } from '@smi/contracts';
import { AttemptOutcome } from './retry-schedule';
import { Delivery } from './delivery';

type FinalOutcome = Extract<AttemptOutcome, { status: 'delivered' | 'failed' }>;

/** The record of a finished delivery. Its id derives from the notification's, so a replay gives the same id. */
export function notificationEventOf(delivery: Delivery, outcome: FinalOutcome): Notification {
  const status = outcome.status === 'delivered' ? 'DELIVERED' : 'FAILED';
  return {
    eventId: `${delivery.notificationId}/${status}`,
    notificationId: delivery.notificationId,
    recipientId: delivery.recipientId,
    channel: delivery.channel,
    topic: delivery.topic,
    subject: delivery.subject,
    causedByEventId: delivery.causedByEventId,
    status,
    attempts: outcome.attempts,
    lastError: outcome.lastError,
    completedAt: outcome.completedAt,
  };
}
