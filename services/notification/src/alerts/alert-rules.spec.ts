import { Penalty, PenaltyDispute, ReplenishmentOrder, Shipment, ShipmentStatus, SlaBreach } from '@smi/contracts';
import { alertsOfEvents, Recipient, routeAlerts } from './alert-deliveries';
import {
  AlertDecision,
  AlertIntent,
  alertsForBreach,
  alertsForDispute,
  alertsForOrder,
  alertsForPenalty,
  alertsForShipment,
} from './alert-rules';

const order = (overrides: Partial<ReplenishmentOrder> = {}): ReplenishmentOrder => ({
  eventId: 'evt-order-1',
  orderId: 'ORD-x',
  agreementId: 'AGR-1',
  buyerId: 'acme-motors',
  supplierId: 'northwind-parts',
  siteId: 'plant-lyon',
  itemId: 'brake-pad-bp100',
  quantity: 90,
  unit: 'EA',
  onHand: 10,
  onOrder: 0,
  minimum: 20,
  maximum: 100,
  reorderPoint: 20,
  orderUpTo: 100,
  packMultiple: 10,
  expectedDeliveryAt: new Date('2026-11-28T09:30:00Z'),
  decidedAt: new Date('2026-11-21T09:30:00Z'),
  triggeredByEventId: 'evt-level-1',
  status: 'RELEASED',
  agreementVersion: 1,
  emergency: false,
  orderValue: 0,
  statusChangedBy: 'replenishment',
  statusReason: '',
  approvalDeadline: null,
  explanation: null,
  ...overrides,
});

const breach = (overrides: Partial<SlaBreach> = {}): SlaBreach => ({
  eventId: 'evt-breach-1',
  kind: 'STOCKOUT',
  agreementId: 'AGR-1',
  buyerId: 'acme-motors',
  supplierId: 'northwind-parts',
  siteId: 'plant-lyon',
  itemId: 'brake-pad-bp100',
  occurredAt: new Date('2026-11-20T14:05:42Z'),
  period: '2026-11',
  stockoutsInPeriod: 1,
  allowedStockoutsPerPeriod: 1,
  penaltyAmount: 0,
  currency: 'EUR',
  stockLevelEventId: 'evt-level-2',
  ...overrides,
});

const shipment = (status: ShipmentStatus, overrides: Partial<Shipment> = {}): Shipment => ({
  eventId: `evt-shipment-${status}`,
  shipmentId: 'SHP-7',
  orderId: 'ORD-x',
  agreementId: 'AGR-1',
  buyerId: 'acme-motors',
  supplierId: 'northwind-parts',
  siteId: 'plant-lyon',
  itemId: 'brake-pad-bp100',
  quantity: 90,
  unit: 'EA',
  status,
  statusChangedAt: new Date('2026-11-22T08:00:00Z'),
  expectedDeliveryAt: new Date('2026-11-28T09:30:00Z'),
  receivedQuantity: null,
  lines: [
    {
      orderId: 'ORD-x',
      itemId: 'brake-pad-bp100',
      unit: 'EA',
      orderedQuantity: 90,
      dispatchedQuantity: status === 'PLANNED' ? null : 90,
      receivedQuantity: 0,
      receiptEventIds: [],
    },
  ],
  promisedDeliveryAt: new Date('2026-11-28T09:30:00Z'),
  carrier: status === 'PLANNED' ? null : 'DHL',
  trackingReference: status === 'PLANNED' ? null : 'JD0001',
  dispatchedAt: status === 'PLANNED' ? null : new Date('2026-11-22T08:00:00Z'),
  deliveredAt: null,
  delayReason: null,
  causedByEventId: 'evt-order-1',
  ...overrides,
});

function alertsOf(decision: AlertDecision): AlertIntent[] {
  if (decision.kind !== 'alerts') throw new Error(`expected alerts, got ${JSON.stringify(decision.problems)}`);
  return decision.alerts;
}

describe('alerts for a raised order', () => {
  it('tells the supplier and the buyer, each under an id made of the event and the recipient', () => {
    const alerts = alertsOf(alertsForOrder(order()));
    expect(alerts.map((a) => [a.recipientId, a.notificationId, a.topic])).toEqual([
      ['northwind-parts', 'evt-order-1:northwind-parts', 'ORDER_RAISED'],
      ['acme-motors', 'evt-order-1:acme-motors', 'ORDER_RAISED'],
    ]);
    expect(alerts.every((a) => a.causedByEventId === 'evt-order-1')).toBe(true);
  });

  it('sums the order up in one readable line', () => {
    const [alert] = alertsOf(alertsForOrder(order()));
    expect(alert.subject).toBe('Order ORD-x: 90 EA of brake-pad-bp100 for plant-lyon, due 2026-11-28');
  });

  it('shows a fractional quantity without floating-point noise', () => {
    const [alert] = alertsOf(alertsForOrder(order({ quantity: 0.1 + 0.2, unit: 'KG' })));
    expect(alert.subject).toMatch(/^Order ORD-x: 0\.3 KG of /);
  });

  it('carries the order as JSON, dates as ISO strings', () => {
    const [alert] = alertsOf(alertsForOrder(order()));
    expect(alert.payload).toMatchObject({ orderId: 'ORD-x', quantity: 90, expectedDeliveryAt: '2026-11-28T09:30:00.000Z' });
  });

  it('gives the same ids on a replay of the same event', () => {
    expect(alertsOf(alertsForOrder(order()))).toEqual(alertsOf(alertsForOrder(order())));
  });

  it('alerts once when the buyer is its own supplier', () => {
    const alerts = alertsOf(alertsForOrder(order({ supplierId: 'acme-motors' })));
    expect(alerts.map((a) => a.recipientId)).toEqual(['acme-motors']);
  });

  it('tells both sides when the buyer’s approval releases the order, saying who approved it', () => {
    const alerts = alertsOf(
      alertsForOrder(order({ eventId: 'ORD-x/approved', statusChangedBy: 'acme-motors', statusReason: 'approved by acme-motors' })),
    );
    expect(alerts.map((a) => [a.recipientId, a.topic])).toEqual([
      ['northwind-parts', 'ORDER_RAISED'],
      ['acme-motors', 'ORDER_RAISED'],
    ]);
    expect(alerts[0].subject).toBe('Order ORD-x (approved by acme-motors): 90 EA of brake-pad-bp100 for plant-lyon, due 2026-11-28');
  });

  it('asks only the buyer to approve an order beyond the boundary, with the deadline and why, and tells nobody it was placed', () => {
    const awaiting = order({
      eventId: 'ORD-x/awaiting-approval',
      status: 'AWAITING_APPROVAL',
      statusReason: 'value 12,400 EUR exceeds the 10,000 EUR the supplier may release alone',
      approvalDeadline: new Date('2026-11-23T09:30:00Z'),
    });
    expect(alertsOf(alertsForOrder(awaiting))).toEqual([
      expect.objectContaining({
        notificationId: 'ORD-x/awaiting-approval:acme-motors',
        recipientId: 'acme-motors',
        topic: 'APPROVAL_NEEDED',
        subject:
          'Order ORD-x awaits your approval by 2026-11-23 09:30 UTC: 90 EA of brake-pad-bp100 for plant-lyon ' +
          '(value 12,400 EUR exceeds the 10,000 EUR the supplier may release alone)',
      }),
    ]);
  });

  it('tells the supplier not to ship a rejected order, and both sides of an expired one', () => {
    const rejected = order({
      eventId: 'ORD-x/rejected',
      status: 'REJECTED',
      statusChangedBy: 'acme-motors',
      statusReason: 'line discontinued',
    });
    expect(alertsOf(alertsForOrder(rejected)).map((a) => [a.recipientId, a.topic, a.subject])).toEqual([
      [
        'northwind-parts',
        'ORDER_REJECTED',
        'Order ORD-x rejected by acme-motors: 90 EA of brake-pad-bp100 for plant-lyon; do not ship it (line discontinued)',
      ],
    ]);
    const expired = order({ eventId: 'ORD-x/expired', status: 'EXPIRED', statusReason: 'nobody approved it by 2026-11-23T09:30:00.000Z' });
    expect(alertsOf(alertsForOrder(expired)).map((a) => [a.recipientId, a.topic])).toEqual([
      ['northwind-parts', 'ORDER_EXPIRED'],
      ['acme-motors', 'ORDER_EXPIRED'],
    ]);
  });

  it('refuses an order step it does not know, naming the field', () => {
    expect(alertsForOrder(order({ status: 'SHIPPED' }))).toEqual({
      kind: 'refused',
      problems: [{ field: 'status', problem: 'must be RELEASED, AWAITING_APPROVAL, REJECTED or EXPIRED (got SHIPPED)' }],
    });
  });

  it('refuses an order without a supplier, naming the field', () => {
    expect(alertsForOrder(order({ supplierId: ' ' }))).toEqual({
      kind: 'refused',
      problems: [{ field: 'supplierId', problem: 'is required and must be a non-empty string' }],
    });
  });
});

describe('alerts for a service-level breach', () => {
  it('tells the buyer and the supplier of a stockout, with when it began and how many the period holds', () => {
    const alerts = alertsOf(alertsForBreach(breach()));
    expect(alerts.map((a) => [a.recipientId, a.topic])).toEqual([
      ['acme-motors', 'STOCKOUT'],
      ['northwind-parts', 'STOCKOUT'],
    ]);
    expect(alerts[0].subject).toBe(
      'Stockout of brake-pad-bp100 at plant-lyon since 2026-11-20 14:05 UTC (stockout 1 of 1 allowed in 2026-11)',
    );
  });

  it('tells both of a penalty, with the amount due', () => {
    const alerts = alertsOf(alertsForBreach(breach({ eventId: 'evt-penalty', kind: 'PENALTY', stockoutsInPeriod: 2, penaltyAmount: 250 })));
    expect(alerts.map((a) => [a.notificationId, a.topic])).toEqual([
      ['evt-penalty:acme-motors', 'PENALTY'],
      ['evt-penalty:northwind-parts', 'PENALTY'],
    ]);
    expect(alerts[0].subject).toBe('Penalty of 250.00 EUR under AGR-1: stockout 2 of 1 allowed in 2026-11 (brake-pad-bp100 at plant-lyon)');
  });

  it('refuses a breach without a buyer, naming the field', () => {
    const decision = alertsForBreach(breach({ buyerId: '' }));
    expect(decision).toMatchObject({ kind: 'refused', problems: [{ field: 'buyerId' }] });
  });
});

describe('alerts for a shipment', () => {
  it('tells the buyer, and only the buyer, that goods were dispatched', () => {
    const alerts = alertsOf(alertsForShipment(shipment('DISPATCHED')));
    expect(alerts).toEqual([
      expect.objectContaining({
        notificationId: 'evt-shipment-DISPATCHED:acme-motors',
        recipientId: 'acme-motors',
        topic: 'SHIPMENT',
        subject: 'Shipment SHP-7 dispatched: 90 EA of brake-pad-bp100 for plant-lyon (order ORD-x), due 2026-11-28',
      }),
    ]);
  });

  it.each(['PLANNED', 'DELIVERED', 'RECEIVED'] as const)('stays silent when a shipment is %s', (status) => {
    expect(alertsForShipment(shipment(status))).toEqual({ kind: 'alerts', alerts: [] });
  });

  it('does not refuse a shipment it would not alert on anyway', () => {
    expect(alertsForShipment(shipment('PLANNED', { buyerId: '' }))).toEqual({ kind: 'alerts', alerts: [] });
  });

  it('refuses a dispatched shipment without a buyer', () => {
    expect(alertsForShipment(shipment('DISPATCHED', { buyerId: '' }))).toMatchObject({ kind: 'refused', problems: [{ field: 'buyerId' }] });
  });
});

const penalty = (overrides: Partial<Penalty> = {}): Penalty => ({
  eventId: 'AGR-1|v2|plant-lyon|brake-pad-bp100|2026-11|STOCKOUT_DAYS/r1',
  penaltyId: 'AGR-1|v2|plant-lyon|brake-pad-bp100|2026-11|STOCKOUT_DAYS',
  revision: 1,
  correctsEventId: null,
  agreementId: 'AGR-1',
  agreementVersion: 2,
  buyerId: 'acme-motors',
  supplierId: 'northwind-parts',
  siteId: 'plant-lyon',
  itemId: 'brake-pad-bp100',
  rule: 'STOCKOUT_DAYS',
  period: '2026-11',
  quantity: 3,
  rate: 50,
  amount: 150,
  difference: 150,
  currency: 'EUR',
  computedAt: new Date('2026-12-01T00:00:00Z'),
  explanation: '3 stockout days x 50.00 EUR = 150.00 EUR',
  evidence: [],
  ...overrides,
});

describe('alerts for a penalty', () => {
  it('tells both parties of a penalty raised, with the amount and its computation', () => {
    const alerts = alertsOf(alertsForPenalty(penalty()));
    expect(alerts.map((a) => [a.recipientId, a.topic])).toEqual([
      ['acme-motors', 'PENALTY_RAISED'],
      ['northwind-parts', 'PENALTY_RAISED'],
    ]);
    expect(alerts[0].subject).toBe(
      'Penalty of 150.00 EUR under AGR-1, stockout days in 2026-11 (brake-pad-bp100 at plant-lyon): 3 stockout days x 50.00 EUR = 150.00 EUR',
    );
  });

  it('tells both of a correction, with the new amount and the difference', () => {
    const corrected = penalty({ eventId: 'P/r2', revision: 2, correctsEventId: 'P/r1', quantity: 2, amount: 100, difference: -50 });
    const [alert] = alertsOf(alertsForPenalty(corrected));
    expect(alert.topic).toBe('PENALTY_CORRECTED');
    expect(alert.subject).toBe(
      'Penalty corrected under AGR-1, stockout days in 2026-11 (brake-pad-bp100 at plant-lyon): now 100.00 EUR (-50.00 EUR, revision 2)',
    );
  });
});

const dispute = (step: PenaltyDispute['step'], by: string, reason: string): PenaltyDispute => ({
  eventId: `D-1/${step}`,
  disputeId: 'D-1',
  penaltyId: 'P',
  penaltyEventId: 'P/r1',
  agreementId: 'AGR-1',
  buyerId: 'acme-motors',
  supplierId: 'northwind-parts',
  step,
  by,
  at: new Date('2026-12-02T00:00:00Z'),
  reason,
  amount: 150,
  currency: 'EUR',
});

describe('alerts for a dispute', () => {
  it('asks the buyer to decide a dispute the supplier opened', () => {
    expect(alertsOf(alertsForDispute(dispute('OPENED', 'northwind-parts', 'the site refused the delivery')))).toEqual([
      expect.objectContaining({
        recipientId: 'acme-motors',
        topic: 'DISPUTE_OPENED',
        subject: 'northwind-parts disputes penalty P (150.00 EUR): the site refused the delivery; accept or reject it',
      }),
    ]);
  });

  it('tells both how it was resolved', () => {
    const alerts = alertsOf(alertsForDispute(dispute('ACCEPTED', 'acme-motors', 'agreed')));
    expect(alerts.map((a) => [a.recipientId, a.topic, a.subject])).toEqual([
      ['northwind-parts', 'DISPUTE_RESOLVED', 'acme-motors accepted the dispute of penalty P: 150.00 EUR credited (agreed)'],
      ['acme-motors', 'DISPUTE_RESOLVED', 'acme-motors accepted the dispute of penalty P: 150.00 EUR credited (agreed)'],
    ]);
    expect(alertsOf(alertsForDispute(dispute('REJECTED', 'acme-motors', 'evidence holds')))[0].subject).toBe(
      'acme-motors rejected the dispute of penalty P: the penalty stands (evidence holds)',
    );
  });
});

const now = new Date('2026-11-21T10:00:00Z');
const parties: Record<string, Recipient> = {
  'acme-motors': { id: 'acme-motors', webhookUrl: 'http://acme/hooks' },
  'northwind-parts': { id: 'northwind-parts', webhookUrl: 'http://northwind/hooks' },
  'mail-only': { id: 'mail-only' },
};
const recipientOf = (id: string): Recipient | undefined => parties[id];
let n = 0;
/** The batch decision as the use case makes it: the events' alerts, routed to where their parties take them. */
const deliveriesForAlerts = <T>(
  events: T[],
  alertsFor: (event: T) => AlertDecision,
  recipientOf: (id: string) => Recipient | undefined,
  at: Date,
) => {
  const { alerts, refused } = alertsOfEvents(events, alertsFor);
  return { ...routeAlerts(alerts, recipientOf, at), refused };
};
/** An order with an event id of its own. */
const nextOrder = (overrides: Partial<ReplenishmentOrder> = {}) => order({ eventId: `evt-${++n}`, orderId: `ORD-${n}`, ...overrides });

describe('deliveries a batch of events owes', () => {
  it('owes each party with a webhook one pending delivery per event, in the order of the events', () => {
    const orders = [nextOrder(), nextOrder({ status: 'AWAITING_APPROVAL', statusReason: 'above the boundary' })];
    const decided = deliveriesForAlerts(orders, alertsForOrder, recipientOf, now);
    expect(decided.deliveries.map((d) => [d.notificationId, d.url, d.status, d.attempts, d.nextAttemptAt])).toEqual([
      [`${orders[0].eventId}:northwind-parts`, 'http://northwind/hooks', 'pending', 0, now],
      [`${orders[0].eventId}:acme-motors`, 'http://acme/hooks', 'pending', 0, now],
      [`${orders[1].eventId}:acme-motors`, 'http://acme/hooks', 'pending', 0, now],
    ]);
    expect(decided.unsent).toEqual([]);
    expect(decided.refused).toEqual([]);
  });

  it('sends nothing to an unknown party or one without a webhook, and says which', () => {
    const decided = deliveriesForAlerts([nextOrder({ buyerId: 'mail-only', supplierId: 'gone' })], alertsForOrder, recipientOf, now);
    expect(decided.deliveries).toEqual([]);
    expect(decided.unsent.map((u) => [u.alert.recipientId, u.why])).toEqual([
      ['gone', 'unknown party'],
      ['mail-only', 'no webhook'],
    ]);
  });

  it('refuses an event by its place in the batch, naming the field; the others still owe their deliveries', () => {
    const orders = [nextOrder({ supplierId: '' }), nextOrder(), nextOrder({ status: 'LOST' as ReplenishmentOrder['status'] })];
    const decided = deliveriesForAlerts(orders, alertsForOrder, recipientOf, now);
    expect(decided.refused).toEqual([
      { index: 0, reason: 'supplierId is required and must be a non-empty string' },
      { index: 2, reason: 'status must be RELEASED, AWAITING_APPROVAL, REJECTED or EXPIRED (got LOST)' },
    ]);
    expect(decided.deliveries.map((d) => d.causedByEventId)).toEqual([orders[1].eventId, orders[1].eventId]);
  });

  it('gives the same deliveries, unsent alerts and refusals as deciding the events one by one', () => {
    const orders = Array.from({ length: 30 }, (_, i) =>
      nextOrder({ buyerId: ['acme-motors', 'mail-only', 'gone'][i % 3], supplierId: i % 4 === 0 ? '' : 'northwind-parts' }),
    );
    const alone = orders.map((o) => deliveriesForAlerts([o], alertsForOrder, recipientOf, now));
    const batch = deliveriesForAlerts(orders, alertsForOrder, recipientOf, now);
    expect(batch.deliveries).toEqual(alone.flatMap((d) => d.deliveries));
    expect(batch.unsent).toEqual(alone.flatMap((d) => d.unsent));
    expect(batch.refused).toEqual(alone.flatMap((d, index) => d.refused.map((r) => ({ ...r, index }))));
    expect(batch.deliveries.length).toBeGreaterThan(10);
  });
});
