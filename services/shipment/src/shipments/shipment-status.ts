import { ShipmentStatus } from '@smi/contracts';

/**
 * What can happen to a shipment: logistics dispatch and deliver it, the buyer's
 * goods receipt receives it, the buyer's veto of its order cancels it.
 */
export type ShipmentStep = 'DISPATCH' | 'DELIVER' | 'RECEIVE' | 'CANCEL';

export type Transition = { allowed: true; status: ShipmentStatus } | { allowed: false; reason: string };

/**
 * The shipment status machine: PLANNED → DISPATCHED → DELIVERED → RECEIVED,
 * or PLANNED → CANCELLED when the buyer vetoes the order before it leaves.
 * The goods receipt may come from any status before RECEIVED: it is the buyer
 * booking the goods into stock, the ground truth, even if logistics never
 * reported dispatch or delivery (or shipped a cancelled order anyway).
 * Anything else is refused with the reason.
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
    case 'CANCEL':
      // Goods on their way cannot be called back by an event: the supplier settles that with the buyer.
      return current === 'PLANNED'
        ? { allowed: true, status: 'CANCELLED' }
        : { allowed: false, reason: `only a PLANNED shipment can be cancelled; this one is ${current}` };
    case 'RECEIVE':
      return current !== 'RECEIVED'
        ? { allowed: true, status: 'RECEIVED' }
        : { allowed: false, reason: 'the goods receipt is already booked; this one is RECEIVED' };
  }
}
