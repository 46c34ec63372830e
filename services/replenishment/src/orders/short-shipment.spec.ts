import { decideDispatches, type DispatchedOrder, stillOnOrder, allArrived } from './short-shipment';
import { shipmentEvent } from '../../test/shipment-events';

const at = new Date('2026-03-10T09:00:00Z');
const where = { buyerId: 'acme', siteId: 'lyon', statusChangedAt: at };
const order = (overrides: Partial<DispatchedOrder> = {}): DispatchedOrder => ({
  orderId: 'ORD-1',
  unit: 'EA',
  ordered: 90,
  dispatched: null,
  received: 0,
  open: true,
  receivedAt: null,
  ...overrides,
});
const dispatched = (quantity: number | null, eventId = 'shp-1/e1', overrides = {}) =>
  shipmentEvent('SHP-1', eventId, [{ orderId: 'ORD-1', itemId: 'pad', ordered: 90, dispatched: quantity }], { ...where, ...overrides });

describe('what an order still has on order', () => {
  it('is what was ordered before dispatch, what was dispatched after, less what arrived, never below 0', () => {
    expect(stillOnOrder({ ordered: 90, dispatched: null, received: 30 })).toBe(60);
    expect(stillOnOrder({ ordered: 90, dispatched: 80, received: 30 })).toBe(50);
    expect(stillOnOrder({ ordered: 90, dispatched: 80, received: 85 })).toBe(0);
    expect(allArrived({ ordered: 90, dispatched: 80, received: 80 })).toBe(true);
    expect(allArrived({ ordered: 90, dispatched: null, received: 80 })).toBe(false);
  });
});

describe('recording dispatches', () => {
  it('keeps what was dispatched, and closes nothing while some of it is still to come', () => {
    const decided = decideDispatches([dispatched(80)], new Map([['ORD-1', order({ received: 30 })]]));
    expect(decided.dispatched).toEqual([{ orderId: 'ORD-1', shipmentId: 'SHP-1', dispatched: 80, eventId: 'shp-1/e1' }]);
    expect(decided.closes).toEqual([]);
  });

  it('closes an order short once all its shipment dispatched has arrived, at the later of dispatch and last receipt', () => {
    const receivedAt = new Date('2026-03-11T10:00:00Z');
    const decided = decideDispatches([dispatched(80)], new Map([['ORD-1', order({ received: 80, receivedAt })]]));
    expect(decided.closes).toEqual([
      {
        orderId: 'ORD-1',
        shipmentId: 'SHP-1',
        ordered: 90,
        dispatched: 80,
        received: 80,
        unit: 'EA',
        at: receivedAt,
        eventId: 'shp-1/e1/ORD-1',
      },
    ]);
  });

  it('changes nothing on a redelivered, older or cancelled shipment event, nor on a line before dispatch', () => {
    const orders = new Map([['ORD-1', order({ received: 80 })]]);
    const once = decideDispatches([dispatched(80)], orders);
    const twice = decideDispatches([dispatched(80), dispatched(80), dispatched(null, 'shp-1/e0')], orders);
    expect(twice).toEqual(once);
    const after = new Map([['ORD-1', order({ received: 80, dispatched: 80, open: false })]]);
    expect(decideDispatches([dispatched(80), dispatched(70, 'shp-1/e0')], after)).toEqual({ dispatched: [], closes: [], refused: [] });
    expect(decideDispatches([dispatched(80, 'shp-1/e9', { status: 'CANCELLED' })], orders)).toEqual({
      dispatched: [],
      closes: [],
      refused: [],
    });
    expect(decideDispatches([dispatched(null)], orders)).toEqual({ dispatched: [], closes: [], refused: [] });
  });

  it('refuses a whole shipment whose dispatched quantity is no quantity or in another unit than its order, naming the field', () => {
    const orders = new Map([['ORD-1', order({ received: 80 })]]);
    const negative = dispatched(-5);
    const inKilograms = { ...dispatched(80), lines: dispatched(80).lines.map((l) => ({ ...l, unit: 'KG' })) };
    expect(decideDispatches([negative, inKilograms, dispatched(Number.NaN)], orders)).toEqual({
      dispatched: [],
      closes: [],
      refused: [
        { index: 0, reason: 'lines[0].dispatchedQuantity must be a finite number >= 0 (got -5)' },
        { index: 1, reason: 'lines[0].unit "KG" is not the unit "EA" of order ORD-1' },
        { index: 2, reason: 'lines[0].dispatchedQuantity must be a finite number >= 0 (got NaN)' },
      ],
    });
  });

  it('closes no order that is no longer open (rejected, expired or received), but keeps what was dispatched', () => {
    const decided = decideDispatches([dispatched(80)], new Map([['ORD-1', order({ received: 80, open: false })]]));
    expect(decided.dispatched).toHaveLength(1);
    expect(decided.closes).toEqual([]);
  });
});
