import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '@smi/messaging';
import { BusinessClock, ScheduledSweep, sweepMsFrom } from '@smi/service-kit';
import { OrdersRepository } from './orders.repository';
import { TakeOrderActions } from './take-order-actions.use-case';

/** Orders expired per sweep at most; the rest wait for the next one. */
const SWEEP_BATCH = 100;

/** Milliseconds between expiry sweeps: SMI_ORDER_EXPIRY_SWEEP_MS, default 60 s (tests shorten it). */
export const expirySweepMsFrom = (env: NodeJS.ProcessEnv): number => sweepMsFrom(env, 'SMI_ORDER_EXPIRY_SWEEP_MS', 60_000);

/**
 * Expires orders nobody approved by their deadline, every sweep interval: the overdue ones
 * found in one unit of work (each announced by an EXPIRED event). An order approved or rejected
 * between the look-up and its expiry is left as the buyer decided.
 */
@Injectable()
export class OrderExpirySweep extends ScheduledSweep {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly takeActions: TakeOrderActions,
    private readonly unitOfWork: UnitOfWork,
    clock: BusinessClock,
  ) {
    super('expiring orders awaiting approval past their deadline', expirySweepMsFrom(process.env), clock);
  }

  /** One sweep at the business clock's now; a tick that finds the last one still running skips. Returns how many orders expired. */
  sweepOnce(now?: Date): Promise<number> {
    return this.once(now);
  }

  protected override async sweepAt(now: Date): Promise<number> {
    const overdue = await this.orders.overdue(now, SWEEP_BATCH);
    if (overdue.length === 0) return 0;
    const results = await this.unitOfWork.run((tx) =>
      this.takeActions.execute(
        overdue.map((orderId) => ({ orderId, action: { kind: 'expire', at: now } })),
        tx,
      ),
    );
    let expired = 0;
    results.forEach((result, i) => {
      if (result.kind === 'moved') expired++;
      else this.logger.log(`order ${overdue[i]} not expired: ${result.message}`);
    });
    if (expired > 0) this.logger.log(`expired ${expired} order(s) awaiting approval past their deadline`);
    return expired;
  }
}
