import { Shipment } from '@smi/contracts';
import { AlertDecision } from './alert-rules';
import { lateShipments, watchShipments, WatchedShipment } from './shipment-watch';

let n = 0;
const shipment = (status: Shipment['status'], overrides: Partial<Shipment> = {}): Shipment =>
  ({
    eventId: `SHP-1/${++n}`,
    shipmentId: 'SHP-1',
    orderId: 'ORD-1',
    agreementId: 'AGR-1',
    buyerId: 'acme-motors',
    supplierId: 'northwind-parts',
    siteId: 'plant-lyon',
    itemId: 'brake-pad-bp100',
    quantity: 90,
    unit: 'EA',
    status,
    statusChangedAt: new Date(Date.UTC(2026, 10, 22, n)),
    expectedDeliveryAt: new Date('2026-11-28T09:30:00Z'),
    promisedDeliveryAt: new Date('2026-11-28T09:30:00Z'),
    receivedQuantity: null,
    lines: [],
    carrier: null,
    trackingReference: null,
    dispatchedAt: null,
    deliveredAt: null,
    delayReason: null,
    causedByEventId: null,
    ...overrides,
  }) as Shipment;

const topics = (decisions: AlertDecision[]) =>
  decisions.flatMap((d) => (d.kind === 'alerts' ? d.alerts.map((a) => `${a.recipientId} ${a.topic}`) : []));

describe('shipment alerts', () => {
  it('tells the buyer of the dispatch once, and of a delay newly reported with the new arrival and why', () => {
    const events = [
      shipment('PLANNED'),
      shipment('DISPATCHED'),
      shipment('DISPATCHED', { delayReason: 'storm at the Lyon hub', expectedDeliveryAt: new Date('2026-11-30T12:00:00Z') }),
      shipment('DISPATCHED', { delayReason: 'storm at the Lyon hub', expectedDeliveryAt: new Date('2026-11-30T12:00:00Z') }),
    ];
    const { decisions } = watchShipments(events, new Map());
    expect(topics(decisions)).toEqual(['acme-motors SHIPMENT', 'acme-motors SHIPMENT_DELAYED']);
    const delayed = decisions[2].kind === 'alerts' ? decisions[2].alerts[0] : undefined;
    expect(delayed).toMatchObject({
      notificationId: `${events[2].eventId}/delayed:acme-motors`,
      subject: 'Shipment SHP-1 for plant-lyon delayed: now expected 2026-11-30 (storm at the Lyon hub)',
    });
  });

  it('gives the same alerts as the events one by one', () => {
    const events = [shipment('PLANNED'), shipment('DISPATCHED'), shipment('DISPATCHED', { delayReason: 'strike' }), shipment('DELIVERED')];
    let stored = new Map<string, WatchedShipment>();
    const alone = events.flatMap((e) => {
      const decided = watchShipments([e], stored);
      stored = new Map(decided.states.map((s) => [s.shipmentId, s]));
      return decided.decisions;
    });
    expect(watchShipments(events, new Map()).decisions).toEqual(alone);
    expect(stored.get('SHP-1')).toMatchObject({ open: false, lateAlerted: false });
  });

  it('raises a shipment not delivered past its promise as late, once, to buyer and supplier', () => {
    const { states } = watchShipments([shipment('DISPATCHED')], new Map());
    expect(lateShipments(states, new Date('2026-11-28T09:30:00Z')).alerts).toEqual([]);
    const { alerts, late } = lateShipments(states, new Date('2026-11-28T10:00:00Z'));
    expect(alerts.map((a) => [a.notificationId, a.topic])).toEqual([
      ['SHP-1/late:acme-motors', 'SHIPMENT_LATE'],
      ['SHP-1/late:northwind-parts', 'SHIPMENT_LATE'],
    ]);
    expect(alerts[0].subject).toBe(
      'Shipment SHP-1 for plant-lyon is late: promised 2026-11-28 09:30 UTC, not delivered by 2026-11-28 10:00 UTC',
    );
    expect(late).toEqual(['SHP-1']);
    expect(lateShipments([{ ...states[0], lateAlerted: true }], new Date('2026-12-01T00:00:00Z')).alerts).toEqual([]);
  });

  it('measures lateness against the promise, not a later announced arrival, and never for a delivered shipment', () => {
    const { states } = watchShipments([shipment('DISPATCHED', { expectedDeliveryAt: new Date('2026-12-05T00:00:00Z') })], new Map());
    expect(lateShipments(states, new Date('2026-11-29T00:00:00Z')).late).toEqual(['SHP-1']);
    const delivered = watchShipments([shipment('DELIVERED', { deliveredAt: new Date('2026-11-29T00:00:00Z') })], new Map()).states;
    expect(lateShipments(delivered, new Date('2026-12-01T00:00:00Z')).late).toEqual([]);
  });
});
