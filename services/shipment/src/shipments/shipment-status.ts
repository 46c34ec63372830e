import { ShipmentStatus } from '@smi/contracts';

/** What can happen to a shipment: logistics dispatch and deliver it, the buyer's goods receipt receives it. */
export type ShipmentStep = 'DISPATCH' | 'DELIVER' | 'RECEIVE';

export type Transition =
  | { allowed: true; status: ShipmentStatus }
  | { allowed: false; reason: string };

/**
 * The shipment status machine: PLANNED → DISPATCHED → DELIVERED → RECEIVED.
 * The goods receipt may come from any status before RECEIVED: it is the buyer
 * booking the goods into stock, the ground truth, even if logistics never
 * reported dispatch or delivery. Anything else is refused with the reason.
 */
export function transition(current: ShipmentStatus, step: ShipmentStep): Transition {
  switch (step) {
    case 'DISPATCH':
      return current === 'PLANNED'
        ? { allowed: true, status: 'DISPATCHED' }
        : { allowed: false, reason: `only a PLANNED shipment can be dispatched; this one is ${current}` };
    case 'DELIVER':
      return current === 'DISPATCHED'
        ? { allowed: true, status: 'DELIVERED' }
        : { allowed: false, reason: `only a DISPATCHED shipment can be delivered; this one is ${current}` };
    case 'RECEIVE':
      return current !== 'RECEIVED'
        ? { allowed: true, status: 'RECEIVED' }
        : { allowed: false, reason: 'the goods receipt is already booked; this one is RECEIVED' };
  }
}
