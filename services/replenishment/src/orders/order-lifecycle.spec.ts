import fc from 'fast-check';
import {
  Actor,
  applyOrderAction,
  applyOrderCommands,
  OrderAction,
  orderEventOf,
  orderStatusOf,
  PlacedOrder,
  placedOrderFrom,
} from './order-lifecycle';

const decidedAt = new Date('2026-03-04T10:00:00Z');
const deadline = new Date('2026-03-06T10:00:00Z');
const before = new Date('2026-03-05T09:00:00Z');
const after = new Date('2026-03-06T10:00:00Z');

const buyer: Actor = { id: 'acme', kind: 'buyer' };
const supplier: Actor = { id: 'northwind', kind: 'supplier' };
const otherBuyer: Actor = { id: 'globex', kind: 'buyer' };
const operator: Actor = { id: 'ops', kind: 'operator' };

const awaiting = (overrides: Partial<PlacedOrder> = {}): PlacedOrder => ({
  orderId: 'ORD-1',
  agreementId: 'AGR-1',
  buyerId: 'acme',
  supplierId: 'northwind',
  siteId: 'plant-lyon',
  itemId: 'brake-pad',
  quantity: 1240,
  unit: 'EA',
  onHand: 35,
  onOrder: 0,
  reorderPoint: 40,
  orderUpTo: 1275,
  packMultiple: 10,
  expectedDeliveryAt: new Date('2026-03-07T10:00:00Z'),
  decidedAt,
  triggeredByEventId: 'mv-7/stock-level',
  status: 'awaiting-approval',
  agreementVersion: 2,
  emergency: false,
  orderValue: 12_400,
  statusChangedBy: 'replenishment',
  statusReason: 'value 12,400 EUR exceeds the 10,000 EUR the supplier may release alone',
  approvalDeadline: deadline,
  explanation: null,
  ...overrides,
});
const released = (vetoUntil: Date | null) => awaiting({ status: 'released', statusReason: '', approvalDeadline: vetoUntil });

describe('order lifecycle', () => {
  it('releases an order its buyer approves before the deadline, announced as RELEASED by the buyer with no veto window after', () => {
    const outcome = applyOrderAction(awaiting(), { kind: 'approve', by: buyer, at: before });
    expect(outcome).toMatchObject({ kind: 'moved', step: 'approved' });
    if (outcome.kind !== 'moved') return;
    expect(outcome.event).toMatchObject({
      eventId: 'ORD-1/approved',
      orderId: 'ORD-1',
      status: 'RELEASED',
      statusChangedBy: 'acme',
      statusReason: 'approved by acme',
      approvalDeadline: null,
      quantity: 1240,
      orderValue: 12_400,
      agreementVersion: 2,
    });
    expect(outcome.order.status).toBe('released');
  });

  it('announces the reorder point and order-up-to level under their names, and again as minimum and maximum for readers before version 5', () => {
    const event = orderEventOf(awaiting(), 'awaiting-approval');
    expect(event).toMatchObject({ reorderPoint: 40, orderUpTo: 1275, minimum: 40, maximum: 1275 });
    expect(placedOrderFrom(event)).toEqual(awaiting());
  });

  it('keeps an order from an event before version 5 with the levels its minimum and maximum carried', () => {
    const older = { ...orderEventOf(awaiting(), 'awaiting-approval'), reorderPoint: null, orderUpTo: null };
    expect(placedOrderFrom(older)).toMatchObject({ reorderPoint: 40, orderUpTo: 1275 });
  });

  it('lets an operator approve on the buyer’s behalf', () => {
    expect(applyOrderAction(awaiting(), { kind: 'approve', by: operator, at: before })).toMatchObject({
      kind: 'moved',
      event: { statusChangedBy: 'ops' },
    });
  });

  it('refuses the supplier and any other buyer: only the order’s buyer decides', () => {
    expect(applyOrderAction(awaiting(), { kind: 'approve', by: supplier, at: before })).toEqual({
      kind: 'refused',
      refusal: 'forbidden',
      message: "only the order's buyer or an operator may approve order ORD-1",
    });
    expect(applyOrderAction(awaiting(), { kind: 'reject', by: otherBuyer, at: before, reason: 'no' })).toEqual({
      kind: 'refused',
      refusal: 'forbidden',
      message: "only the order's buyer or an operator may reject order ORD-1",
    });
  });

  it('answers a party the order is not about as if the order did not exist', () => {
    const orders = new Map([['ORD-1', awaiting()]]);
    const [foreign, unknown] = applyOrderCommands(orders, [
      { orderId: 'ORD-1', action: { kind: 'approve', by: otherBuyer, at: before } },
      { orderId: 'ORD-404', action: { kind: 'approve', by: otherBuyer, at: before } },
    ]);
    expect(foreign).toEqual({ kind: 'unknown', message: 'order ORD-1 is not known' });
    expect(unknown).toEqual({ kind: 'unknown', message: 'order ORD-404 is not known' });
  });

  it('refuses to approve an order that is not awaiting approval, saying where it stands', () => {
    expect(applyOrderAction(released(null), { kind: 'approve', by: buyer, at: before })).toEqual({
      kind: 'refused',
      refusal: 'conflict',
      message: 'order ORD-1 is released; only an order awaiting approval can be approved',
    });
  });

  it('refuses to approve or reject once the deadline has passed, even before the sweep expired it', () => {
    expect(applyOrderAction(awaiting(), { kind: 'approve', by: buyer, at: after })).toMatchObject({
      refusal: 'conflict',
      message: 'order ORD-1 lapsed at 2026-03-06T10:00:00.000Z; it can no longer be approved',
    });
    expect(applyOrderAction(awaiting(), { kind: 'reject', by: buyer, at: after, reason: 'too late' })).toMatchObject({
      refusal: 'conflict',
    });
  });

  it('rejects an order awaiting approval with the buyer’s reason, announced as REJECTED', () => {
    const outcome = applyOrderAction(awaiting(), { kind: 'reject', by: buyer, at: before, reason: '  line is being discontinued ' });
    expect(outcome).toMatchObject({
      kind: 'moved',
      step: 'rejected',
      event: {
        eventId: 'ORD-1/rejected',
        status: 'REJECTED',
        statusChangedBy: 'acme',
        statusReason: 'line is being discontinued',
        approvalDeadline: null,
      },
    });
  });

  it('requires a reason to reject, naming the field', () => {
    expect(applyOrderAction(awaiting(), { kind: 'reject', by: buyer, at: before, reason: '  ' })).toEqual({
      kind: 'refused',
      refusal: 'invalid',
      field: 'reason',
      message: 'reason is required: say why order ORD-1 is rejected',
    });
  });

  it('lets the buyer veto a released order within its veto window, and not after', () => {
    const vetoUntil = new Date('2026-03-05T10:00:00Z');
    expect(
      applyOrderAction(released(vetoUntil), { kind: 'reject', by: buyer, at: before, reason: 'stock moved to another site' }),
    ).toMatchObject({
      kind: 'moved',
      event: { status: 'REJECTED', eventId: 'ORD-1/rejected' },
    });
    expect(applyOrderAction(released(vetoUntil), { kind: 'reject', by: buyer, at: vetoUntil, reason: 'late' })).toEqual({
      kind: 'refused',
      refusal: 'conflict',
      message: 'order ORD-1 is released and its veto window closed at 2026-03-05T10:00:00.000Z; it can no longer be rejected',
    });
    expect(applyOrderAction(released(null), { kind: 'reject', by: buyer, at: before, reason: 'late' })).toMatchObject({
      message: 'order ORD-1 is released with no veto window; it can no longer be rejected',
    });
  });

  it('expires an order awaiting approval at its deadline, not before, announced as EXPIRED by the platform', () => {
    expect(applyOrderAction(awaiting(), { kind: 'expire', at: before })).toMatchObject({
      refusal: 'conflict',
      message: 'order ORD-1 awaits approval until 2026-03-06T10:00:00.000Z; it has not expired yet',
    });
    expect(applyOrderAction(awaiting(), { kind: 'expire', at: after })).toMatchObject({
      kind: 'moved',
      event: {
        eventId: 'ORD-1/expired',
        status: 'EXPIRED',
        statusChangedBy: 'replenishment',
        statusReason: 'nobody approved it by 2026-03-06T10:00:00.000Z',
      },
    });
    expect(applyOrderAction(released(null), { kind: 'expire', at: after })).toMatchObject({ refusal: 'conflict' });
  });

  it('refuses every step on a received order', () => {
    const received = awaiting({ status: 'received', approvalDeadline: null });
    expect(applyOrderAction(received, { kind: 'reject', by: buyer, at: before, reason: 'changed my mind' })).toMatchObject({
      message: 'order ORD-1 is received; only an order awaiting approval, or released within its veto window, can be rejected',
    });
  });

  it('maps event statuses to kept ones and refuses an unknown one', () => {
    expect(orderStatusOf('AWAITING_APPROVAL')).toBe('awaiting-approval');
    expect(() => orderStatusOf('SHIPPED')).toThrow(
      'status SHIPPED is not an order event status (AWAITING_APPROVAL, RELEASED, REJECTED, EXPIRED)',
    );
    expect(() => orderEventOf(awaiting({ status: 'received' }), 'released')).toThrow(/order ORD-1 is received/);
  });

  describe('over any sequence of requests', () => {
    const actor = fc.constantFrom(buyer, supplier, otherBuyer, operator);
    const at = fc.integer({ min: decidedAt.getTime(), max: deadline.getTime() + 24 * 3600_000 }).map((ms) => new Date(ms));
    const action: fc.Arbitrary<OrderAction> = fc.oneof(
      fc.record({ kind: fc.constant('approve' as const), by: actor, at }),
      fc.record({ kind: fc.constant('reject' as const), by: actor, at, reason: fc.constantFrom('', 'not needed') }),
      fc.record({ kind: fc.constant('expire' as const), at }),
    );
    const start = fc.constantFrom(awaiting(), released(new Date('2026-03-05T10:00:00Z')), released(null));

    /** Applies the actions in order, in time order (the clock never runs backwards). */
    const run = (order: PlacedOrder, actions: OrderAction[]) => {
      const steps: string[] = [];
      let current = order;
      for (const a of [...actions].sort((x, y) => x.at.getTime() - y.at.getTime())) {
        const outcome = applyOrderAction(current, a);
        if (outcome.kind === 'moved') {
          steps.push(outcome.event.eventId);
          if (a.kind !== 'expire') expect(a.by.kind === 'operator' || a.by.id === 'acme').toBe(true);
          current = outcome.order;
        }
      }
      return { steps, final: current };
    };

    it('releases an order at most once, takes one step at most after it is placed, and never lets a supplier or another buyer decide', () => {
      fc.assert(
        fc.property(start, fc.array(action, { maxLength: 12 }), (order, actions) => {
          const { steps, final } = run(order, actions);
          const releases = steps.filter((s) => s.endsWith('/approved')).length + (order.status === 'released' ? 1 : 0);
          expect(releases).toBeLessThanOrEqual(1);
          // One decision at most follows the order's first event: an approved order has no veto window, and no state leads back.
          expect(steps.length).toBeLessThanOrEqual(1);
          if (final.status === 'rejected' || final.status === 'expired') expect(final.approvalDeadline).toBeNull();
        }),
        { numRuns: 3000 },
      );
    });
  });
});
