import { Injectable } from '@nestjs/common';
import { AvroCodec, Notification, topics } from '@smi/contracts';
import { EVENT_ID_HEADER, recordDeadLetterOnce, Transaction } from '@smi/messaging';
import { Delivery } from './delivery';
import { DeliveryRepository } from './delivery.repository';
import { notificationEventOf } from './notification-event';
import { AttemptOutcome, AttemptResult, outcomeOfAttempt, RetryPolicy, retryPolicyFromEnv } from './retry-schedule';

type DeadLetterSource = Parameters<typeof recordDeadLetterOnce>[2]['source'];

/** An attempt as it was settled; `stored` is false when its delivery moved on meanwhile (its lease ran out). */
export interface SettledAttempt {
  claimed: Delivery;
  outcome: AttemptOutcome;
  stored: boolean;
}

/** A dead letter of a delivery never came from a partition: it is parked under this one, its notification id as its position. */
export const UNDELIVERED_PARTITION = -1;

/**
 * Settles delivery attempts: each delivery is delivered, given up, or due again after its
 * backoff; the outcomes and the attempt log are stored in one statement each, each finished
 * delivery announces its Notification event, and each given-up one is dead-lettered with its
 * reason (an operator finds it in GET /dead-letters), all in the caller's unit of work.
 */
@Injectable()
export class RecordDeliveryAttempts {
  readonly policy: RetryPolicy = retryPolicyFromEnv(process.env);

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly codec: AvroCodec,
  ) {}

  async execute(
    attempts: ReadonlyArray<{ delivery: Delivery; result: AttemptResult }>,
    tx: Transaction,
    now = new Date(),
  ): Promise<SettledAttempt[]> {
    const settled = attempts.map(({ delivery, result }) => ({
      claimed: delivery,
      outcome: outcomeOfAttempt(delivery.attempts, result, now, this.policy),
      attemptedAt: now,
    }));
    const stored = await this.deliveries.recordOutcomes(tx.manager, settled);
    for (const { claimed, outcome } of settled) {
      if (!stored.has(claimed.notificationId) || outcome.status === 'pending') continue;
      const event = notificationEventOf(claimed, outcome);
      await tx.outbox.add(topics.notifications, event);
      if (outcome.status === 'failed') await this.deadLetter(tx, event, outcome.lastError);
    }
    return settled.map(({ claimed, outcome }) => ({ claimed, outcome, stored: stored.has(claimed.notificationId) }));
  }

  private async deadLetter(tx: Transaction, event: Notification, lastError: string): Promise<void> {
    const message = {
      key: Buffer.from(event.recipientId),
      value: await this.codec.encode(topics.notifications, event),
      offset: event.notificationId,
      headers: { [EVENT_ID_HEADER]: event.eventId },
      timestamp: String(event.completedAt.getTime()),
      attributes: 0,
    } as unknown as DeadLetterSource['message'];
    await recordDeadLetterOnce(tx, 'notification', {
      source: { topic: topics.notifications.name, partition: UNDELIVERED_PARTITION, message },
      reason: `${event.channel} delivery ${event.notificationId} to ${event.recipientId} given up after ${event.attempts} attempt(s): ${lastError}`,
    });
  }
}
