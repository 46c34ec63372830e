import { ShipmentStatus } from '@smi/contracts';
import { ShipmentStep, transition } from './shipment-status';

describe('shipment status machine', () => {
  it('moves a shipment along PLANNED → DISPATCHED → DELIVERED → RECEIVED', () => {
    expect(transition('PLANNED', 'DISPATCH')).toEqual({ allowed: true, status: 'DISPATCHED' });
    expect(transition('DISPATCHED', 'DELIVER')).toEqual({ allowed: true, status: 'DELIVERED' });
    expect(transition('DELIVERED', 'RECEIVE')).toEqual({ allowed: true, status: 'RECEIVED' });
  });

  it.each<ShipmentStatus>(['PLANNED', 'DISPATCHED', 'DELIVERED'])('accepts the goods receipt from %s: the receipt is the ground truth', (status) => {
    expect(transition(status, 'RECEIVE')).toEqual({ allowed: true, status: 'RECEIVED' });
  });

  it.each<[ShipmentStatus, ShipmentStep, RegExp]>([
    ['PLANNED', 'DELIVER', /only a DISPATCHED shipment can be delivered; this one is PLANNED/],
    ['DISPATCHED', 'DISPATCH', /only a PLANNED shipment can be dispatched; this one is DISPATCHED/],
    ['DELIVERED', 'DISPATCH', /this one is DELIVERED/],
    ['DELIVERED', 'DELIVER', /this one is DELIVERED/],
    ['RECEIVED', 'DISPATCH', /this one is RECEIVED/],
    ['RECEIVED', 'DELIVER', /this one is RECEIVED/],
    ['RECEIVED', 'RECEIVE', /already booked; this one is RECEIVED/],
  ])('refuses %s + %s, naming the current status', (status, step, reason) => {
    const result = transition(status, step);
    expect(result.allowed).toBe(false);
    expect(!result.allowed && result.reason).toMatch(reason);
  });
});
