import { ReplenishmentOrder } from '@smi/contracts';
import { approvalReminders, approvalsAwaited } from './approval-watch';

const order = (status: ReplenishmentOrder['status'], overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder =>
  ({
    eventId: `ORD-1/${status}`,
    orderId: 'ORD-1',
    buyerId: 'acme-motors',
    supplierId: 'northwind-parts',
    siteId: 'plant-lyon',
    itemId: 'brake-pad-bp100',
    quantity: 90,
    unit: 'EA',
    status,
    decidedAt: new Date('2026-11-21T00:00:00Z'),
    approvalDeadline: status === 'AWAITING_APPROVAL' ? new Date('2026-11-23T00:00:00Z') : null,
    ...overrides,
  }) as ReplenishmentOrder;

describe('orders awaiting approval', () => {
  it('watches an order awaiting approval until a later step settles it', () => {
    expect(approvalsAwaited([order('AWAITING_APPROVAL')]).awaited.map((a) => [a.orderId, a.deadline])).toEqual([
      ['ORD-1', new Date('2026-11-23T00:00:00Z')],
    ]);
    expect(approvalsAwaited([order('AWAITING_APPROVAL'), order('RELEASED')])).toEqual({ awaited: [], settled: ['ORD-1'] });
  });

  it('reminds the buyer once less than a quarter of the 48 h window remains, by the business clock', () => {
    const [watched] = approvalsAwaited([order('AWAITING_APPROVAL')]).awaited;
    // 12 h left of 48 is exactly a quarter: not yet.
    expect(approvalReminders([watched], new Date('2026-11-22T12:00:00Z')).alerts).toEqual([]);
    const { alerts, reminded } = approvalReminders([watched], new Date('2026-11-22T13:00:00Z'));
    expect(alerts).toEqual([
      expect.objectContaining({
        notificationId: 'ORD-1/AWAITING_APPROVAL/deadline-near:acme-motors',
        topic: 'APPROVAL_DEADLINE_NEAR',
        subject:
          'Order ORD-1 still awaits your approval; about 11 h left, until 2026-11-23 00:00 UTC: 90 EA of brake-pad-bp100 for plant-lyon',
      }),
    ]);
    expect(reminded).toEqual(['ORD-1']);
    expect(approvalReminders([{ ...watched, reminded: true }], new Date('2026-11-22T20:00:00Z')).alerts).toEqual([]);
  });

  it('leaves an order past its deadline to expiry', () => {
    const [watched] = approvalsAwaited([order('AWAITING_APPROVAL')]).awaited;
    expect(approvalReminders([watched], new Date('2026-11-23T00:00:01Z')).alerts).toEqual([]);
  });
});
