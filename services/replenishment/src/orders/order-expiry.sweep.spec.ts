import type { Transaction, UnitOfWork } from '@smi/messaging';
import { SettableClock } from '@smi/service-kit';
import type { ActionResult, OrderCommand } from './order-lifecycle';
import { expirySweepMsFrom, OrderExpirySweep } from './order-expiry.sweep';
import type { OrdersRepository } from './orders.repository';
import type { TakeOrderActions } from './take-order-actions.use-case';

describe('order expiry sweep', () => {
  it('sweeps every 60 s unless SMI_ORDER_EXPIRY_SWEEP_MS says otherwise, and refuses a nonsense interval', () => {
    expect(expirySweepMsFrom({})).toBe(60_000);
    expect(expirySweepMsFrom({ SMI_ORDER_EXPIRY_SWEEP_MS: '500' })).toBe(500);
    expect(() => expirySweepMsFrom({ SMI_ORDER_EXPIRY_SWEEP_MS: '5s' })).toThrow(
      'SMI_ORDER_EXPIRY_SWEEP_MS must be a whole number of milliseconds >= 100 (got 5s)',
    );
  });

  /** The sweep against stand-ins for the database: which orders are overdue, and what expiring each gives. */
  const businessNow = new Date('2025-01-31T09:00:00Z');
  const sweepWith = (overdue: string[], outcome: (orderId: string) => ActionResult) => {
    const expired: string[] = [];
    const askedAt: Date[] = [];
    const orders = {
      claimOverdue: async (_manager: unknown, now: Date) => {
        askedAt.push(now);
        return overdue;
      },
    } as unknown as OrdersRepository;
    const actions = {
      execute: async (commands: OrderCommand[]) => {
        expired.push(...commands.map((c) => c.orderId));
        return commands.map((c) => outcome(c.orderId));
      },
    } as unknown as TakeOrderActions;
    const unitOfWork = { run: <T>(work: (tx: Transaction) => Promise<T>) => work({} as Transaction) } as unknown as UnitOfWork;
    return { expiry: new OrderExpirySweep(orders, actions, unitOfWork, new SettableClock(businessNow)), expired, askedAt };
  };

  it('judges deadlines by the business clock, not the wall clock', async () => {
    const { expiry, askedAt } = sweepWith(['ORD-1'], () => ({ kind: 'moved' }) as ActionResult);
    await expiry.sweepOnce();
    expect(askedAt).toEqual([businessNow]);
  });

  it('expires the overdue orders together and counts only those it moved (one decided meanwhile stays as decided)', async () => {
    const { expiry, expired } = sweepWith(['ORD-1', 'ORD-2'], (orderId) =>
      orderId === 'ORD-1'
        ? ({ kind: 'moved' } as ActionResult)
        : { kind: 'refused', refusal: 'conflict', message: 'order ORD-2 is released; only an order awaiting approval can expire' },
    );
    expect(await expiry.sweepOnce()).toBe(1);
    expect(expired).toEqual(['ORD-1', 'ORD-2']);
  });

  it('skips a tick while the previous sweep still runs', async () => {
    const { expiry, expired } = sweepWith(['ORD-1'], () => ({ kind: 'moved' }) as ActionResult);
    const [first, second] = await Promise.all([expiry.sweepOnce(), expiry.sweepOnce()]);
    expect([first, second]).toEqual([1, 0]);
    expect(expired).toEqual(['ORD-1']);
  });
});
