import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { OrderActions } from './order-actions.adapter';
import { OrdersRepository } from './orders.repository';

const DEFAULT_SWEEP_MS = 60_000;
/** Orders expired per sweep at most; the rest wait for the next one. */
const SWEEP_BATCH = 100;

/** Milliseconds between expiry sweeps: SMI_ORDER_EXPIRY_SWEEP_MS, default 60 s (tests shorten it). */
export function expirySweepMsFrom(env: NodeJS.ProcessEnv): number {
  const raw = env.SMI_ORDER_EXPIRY_SWEEP_MS;
  if (raw === undefined || raw === '') return DEFAULT_SWEEP_MS;
  const ms = Number(raw);
  if (!Number.isInteger(ms) || ms < 100) throw new RangeError(`SMI_ORDER_EXPIRY_SWEEP_MS must be a whole number of milliseconds >= 100 (got ${raw})`);
  return ms;
}

/**
 * Expires orders nobody approved by their deadline, every sweep interval, one
 * transaction per order (each announced by an EXPIRED event). An order approved
 * or rejected between the look-up and its expiry is left as the buyer decided.
 */
@Injectable()
export class OrderExpiry implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OrderExpiry.name);
  private readonly intervalMs = expirySweepMsFrom(process.env);
  private timer?: NodeJS.Timeout;
  private sweeping?: Promise<number>;

  constructor(
    private readonly orders: OrdersRepository,
    private readonly actions: OrderActions,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.sweepOnce(), this.intervalMs);
    this.logger.log(`expiring orders awaiting approval past their deadline every ${this.intervalMs} ms`);
  }

  /** Stops sweeping and lets a sweep under way finish before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.sweeping;
  }

  /** One sweep; a tick that finds the last one still running skips. Returns how many orders expired. */
  sweepOnce(now = new Date()): Promise<number> {
    if (this.sweeping) return Promise.resolve(0);
    this.sweeping = this.sweep(now)
      .catch((error: Error) => {
        this.logger.error(`expiry sweep failed; the next one retries: ${error.message}`);
        return 0;
      })
      .finally(() => (this.sweeping = undefined));
    return this.sweeping;
  }

  private async sweep(now: Date): Promise<number> {
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
