import { ShipmentStatus } from '@smi/contracts';
import { ShipmentStep, transition } from './shipment-status';

describe('shipment status machine', () => {
  it('moves a shipment along PLANNED → DISPATCHED → DELIVERED → RECEIVED', () => {
    expect(transition('PLANNED', 'DISPATCH')).toEqual({ allowed: true, status: 'DISPATCHED' });
    expect(transition('DISPATCHED', 'DELIVER')).toEqual({ allowed: true, status: 'DELIVERED' });
    expect(transition('DELIVERED', 'RECEIVE')).toEqual({ allowed: true, status: 'RECEIVED' });
  });

  it('cancels a PLANNED shipment when the buyer vetoes its order', () => {
    expect(transition('PLANNED', 'CANCEL')).toEqual({ allowed: true, status: 'CANCELLED' });
  });

  it.each<ShipmentStatus>(['PLANNED', 'DISPATCHED', 'DELIVERED', 'CANCELLED'])(
    'accepts the goods receipt from %s: the receipt is the ground truth',
    (status) => {
      expect(transition(status, 'RECEIVE')).toEqual({ allowed: true, status: 'RECEIVED' });
    },
  );

  it.each<[ShipmentStatus, ShipmentStep, RegExp]>([
    ['PLANNED', 'DELIVER', /only a DISPATCHED shipment can be delivered; this one is PLANNED/],
    ['DISPATCHED', 'DISPATCH', /only a PLANNED shipment can be dispatched; this one is DISPATCHED/],
    ['DELIVERED', 'DISPATCH', /this one is DELIVERED/],
    ['DELIVERED', 'DELIVER', /this one is DELIVERED/],
    ['RECEIVED', 'DISPATCH', /this one is RECEIVED/],
    ['RECEIVED', 'DELIVER', /this one is RECEIVED/],
    ['RECEIVED', 'RECEIVE', /already booked; this one is RECEIVED/],
    ['DISPATCHED', 'CANCEL', /only a PLANNED shipment can be cancelled; this one is DISPATCHED/],
    ['CANCELLED', 'CANCEL', /this one is CANCELLED/],
    ['CANCELLED', 'DISPATCH', /only a PLANNED shipment can be dispatched; this one is CANCELLED/],
  ])('refuses %s + %s, naming the current status', (status, step, reason) => {
    const result = transition(status, step);
    expect(result.allowed).toBe(false);
    expect(!result.allowed && result.reason).toMatch(reason);
  });
});
