import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PeriodicSweep, sweepMsFrom } from '@smi/service-kit';
import { OrderActions } from './order-actions.adapter';
import { OrdersRepository } from './orders.repository';

/** Orders expired per sweep at most; the rest wait for the next one. */
const SWEEP_BATCH = 100;

/** Milliseconds between expiry sweeps: SMI_ORDER_EXPIRY_SWEEP_MS, default 60 s (tests shorten it). */
export const expirySweepMsFrom = (env: NodeJS.ProcessEnv): number => sweepMsFrom(env, 'SMI_ORDER_EXPIRY_SWEEP_MS', 60_000);

/**
 * Expires orders nobody approved by their deadline, every sweep interval, one
 * transaction per order (each announced by an EXPIRED event). An order approved
 * or rejected between the look-up and its expiry is left as the buyer decided.
 */
@Injectable()
export class OrderExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OrderExpiry.name);
  private readonly sweep = new PeriodicSweep(this.logger, 'expiring orders awaiting approval past their deadline', expirySweepMsFrom(process.env), (now) =>
    this.expireOverdue(now),
  );

  constructor(
    private readonly orders: OrdersRepository,
    private readonly actions: OrderActions,
  ) {}

  onApplicationBootstrap(): void {
    this.sweep.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.sweep.stop();
  }

  /** One sweep; a tick that finds the last one still running skips. Returns how many orders expired. */
  sweepOnce(now = new Date()): Promise<number> {
    return this.sweep.once(now);
  }

  private async expireOverdue(now: Date): Promise<number> {
    let expired = 0;
    for (const orderId of await this.orders.overdue(now, SWEEP_BATCH)) {
      const result = await this.actions.apply(orderId, { kind: 'expire', at: now });
      if (result.kind === 'moved') expired++;
      else this.logger.log(`order ${orderId} not expired: ${result.message}`);
    }
    if (expired > 0) this.logger.log(`expired ${expired} order(s) awaiting approval past their deadline`);
    return expired;
  }
}
