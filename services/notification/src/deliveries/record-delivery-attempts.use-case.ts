import { Injectable } from '@nestjs/common';
import { topics } from '@smi/contracts';
import { Transaction } from '@smi/messaging';
import { Delivery } from './delivery';
import { DeliveryRepository } from './delivery.repository';
import { notificationEventOf } from './notification-event';
import { AttemptOutcome, AttemptResult, outcomeOfAttempt, RetryPolicy, retryPolicyFromEnv } from './retry-schedule';

/** An attempt as it was settled; `stored` is false when its delivery moved on meanwhile (its lease ran out). */
export interface SettledAttempt {
  claimed: Delivery;
  outcome: AttemptOutcome;
  stored: boolean;
}

/**
 * Settles webhook attempts: each delivery is delivered, given up, or due again after its
 * backoff; the outcomes are stored in one statement and each finished delivery announces its
 * Notification event, in the caller's unit of work.
 */
@Injectable()
export class RecordDeliveryAttempts {
  readonly policy: RetryPolicy = retryPolicyFromEnv(process.env);

  constructor(private readonly deliveries: DeliveryRepository) {}

  async execute(
    attempts: ReadonlyArray<{ delivery: Delivery; result: AttemptResult }>,
    tx: Transaction,
    now = new Date(),
  ): Promise<SettledAttempt[]> {
    const settled = attempts.map(({ delivery, result }) => ({
      claimed: delivery,
      outcome: outcomeOfAttempt(delivery.attempts, result, now, this.policy),
    }));
    const stored = await this.deliveries.recordOutcomes(tx.manager, settled);
    for (const { claimed, outcome } of settled) {
      if (stored.has(claimed.notificationId) && outcome.status !== 'pending')
        await tx.outbox.add(topics.notifications, notificationEventOf(claimed, outcome));
    }
    return settled.map((s) => ({ ...s, stored: stored.has(s.claimed.notificationId) }));
  }
}
