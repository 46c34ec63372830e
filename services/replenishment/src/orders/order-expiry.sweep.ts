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
 * claimed and expired in one unit of work (each announced by an EXPIRED event). Instances sweeping
 * at once each claim other orders; one that dies mid-sweep releases its claims with its
 * transaction, and the next sweep takes them. An order approved or rejected meanwhile is left as
 * the buyer decided.
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
    const { overdue, results } = await this.unitOfWork.run(async (tx) => {
      const overdue = await this.orders.claimOverdue(tx.manager, now, SWEEP_BATCH);
      const commands = overdue.map((orderId) => ({ orderId, action: { kind: 'expire' as const, at: now } }));
      return { overdue, results: await this.takeActions.execute(commands, tx) };
    });
    let expired = 0;
    results.forEach((result, i) => {
      if (result.kind === 'moved') expired++;
      else this.logger.log(`order ${overdue[i]} not expired: ${result.message}`);
    });
    if (expired > 0) this.logger.log(`expired ${expired} order(s) awaiting approval past their deadline`);
    return expired;
  }
}
