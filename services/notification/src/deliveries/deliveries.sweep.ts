import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { UnitOfWork } from '@smi/messaging';
import { Delivery } from './delivery';
import { DeliveryRepository } from './delivery.repository';
import { RecordDeliveryAttempts } from './record-delivery-attempts.use-case';
import { EmailSender } from './email-sender.adapter';
import { WEBHOOK_TIMEOUT_MS, WebhookSender } from './webhook-sender.adapter';

/** Deliveries taken per poll. */
const BATCH_SIZE = 10;
/** Attempts under way at once; each waits on its own webhook, so a slow one takes one slot, not the others' turn. */
const MAX_IN_FLIGHT = 20;
const IDLE_POLL_MS = 250;
/** How long a claimed delivery is out of others' reach; far longer than one attempt can take. */
const LEASE_MS = 12 * WEBHOOK_TIMEOUT_MS;

/**
 * Works off the deliveries table apart from the Kafka consumer, so a slow or
 * dead webhook or mail server never stalls a partition: takes due deliveries, posts each on
 * its own, and settles each attempt in a unit of work of its own.
 */
@Injectable()
export class DeliveriesSweep implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeliveriesSweep.name);
  private running = false;
  private loop?: Promise<void>;
  private wakeUp?: () => void;
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deliveries: DeliveryRepository,
    private readonly webhooks: WebhookSender,
    private readonly mail: EmailSender,
    private readonly recordAttempts: RecordDeliveryAttempts,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  onApplicationBootstrap(): void {
    if (this.running) return;
    this.running = true;
    const policy = this.recordAttempts.policy;
    this.logger.log(
      `dispatching webhooks and e-mail: up to ${policy.maxAttempts} attempts, backoff from ${policy.baseMs} ms up to ${policy.capMs} ms`,
    );
    this.loop = this.run();
  }

  /** Lets attempts in flight finish and store their outcome before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    this.running = false;
    this.wakeUp?.();
    await this.loop;
    await Promise.all(this.inFlight);
  }

  /** Starts attempts on due deliveries, as many as there is room for; returns how many were started. */
  async dispatchDue(): Promise<number> {
    const room = Math.min(BATCH_SIZE, MAX_IN_FLIGHT - this.inFlight.size);
    if (room <= 0) return 0;
    const claimed = await this.deliveries.claimDue(new Date(), room, LEASE_MS);
    for (const delivery of claimed) {
      const attempt: Promise<void> = this.attempt(delivery)
        .catch((error: Error) => this.logger.error(`${delivery.notificationId}: attempt ${delivery.attempts} broke off: ${error.message}`))
        .finally(() => {
          this.inFlight.delete(attempt);
          // A slot is free again: take the next due delivery now rather than at the next poll.
          this.wakeUp?.();
        });
      this.inFlight.add(attempt);
    }
    return claimed.length;
  }

  private async attempt(delivery: Delivery): Promise<void> {
    const result = await (delivery.channel === 'EMAIL' ? this.mail : this.webhooks).send(delivery);
    try {
      const [{ outcome, stored }] = await this.unitOfWork.run((tx) => this.recordAttempts.execute([{ delivery, result }], tx));
      if (!stored) {
        this.logger.warn(`${delivery.notificationId}: attempt ${delivery.attempts} outlived its lease; another attempt owns it now`);
        return;
      }
      const to = `${delivery.notificationId} to ${delivery.recipientId}`;
      if (outcome.status === 'delivered') this.logger.log(`${to} delivered (attempt ${outcome.attempts})`);
      else if (outcome.status === 'failed') this.logger.warn(`${to} given up after ${outcome.attempts} attempts: ${outcome.lastError}`);
      else
        this.logger.warn(`${to} attempt ${outcome.attempts} failed (${outcome.lastError}); next at ${outcome.nextAttemptAt.toISOString()}`);
    } catch (error) {
      // The row keeps its lease and is attempted again when the lease runs out.
      this.logger.error(
        `${delivery.notificationId}: could not store the outcome of attempt ${delivery.attempts}: ${(error as Error).message}`,
      );
    }
  }

  private async run(): Promise<void> {
    while (this.running) {
      let started = 0;
      try {
        started = await this.dispatchDue();
      } catch (error) {
        this.logger.error(`could not take due deliveries, retrying: ${(error as Error).message}`);
      }
      if (started < BATCH_SIZE && this.running) await this.sleep();
    }
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, IDLE_POLL_MS);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}
