import { Injectable } from '@nestjs/common';
import { Shipment } from '@smi/contracts';
import { Inbound, Rejection, Transaction } from '@smi/messaging';
import { OrdersRepository } from '../orders/orders.repository';
import { decideDispatches } from '../orders/short-shipment';

/**
 * Records what the supplier's advance shipping notices say was dispatched for each order, a batch
 * of shipment events at a time: reads (and locks) every order their lines name at once, lets
 * decideDispatches fold the events, and writes the dispatched quantities and short closes
 * set-based. The largest dispatched quantity is kept, so a redelivered event changes nothing. A
 * shipment with a dispatched quantity that is none, or in another unit than its order, comes back
 * refused, naming the field.
 */
@Injectable()
export class RecordDispatches {
  constructor(private readonly orders: OrdersRepository) {}

  async execute(records: readonly Inbound<Shipment>[], tx: Transaction): Promise<Rejection[]> {
    const shipments = records.map((r) => r.event);
    const orderIds = shipments.flatMap((s) =>
      s.status === 'CANCELLED' ? [] : s.lines.filter((l) => l.dispatchedQuantity !== null).map((l) => l.orderId),
    );
    if (orderIds.length === 0) return [];
    const orders = await this.orders.lockForDispatch(tx.manager, orderIds);
    const decided = decideDispatches(shipments, orders);
    await this.orders.recordDispatches(tx.manager, decided.dispatched, decided.closes);
    return decided.refused.map(({ index, reason }) => ({ record: records[index], reason }));
  }
}
