import { Injectable } from '@nestjs/common';
import { AvroCodec, topics } from '@smi/contracts';
import { Outbox, OutboxRelay } from '@smi/messaging';
import { DataSource } from 'typeorm';
import { ActionOutcome, applyOrderAction, OrderAction } from './order-lifecycle';
import { OrdersRepository } from './orders.repository';

export type ActionResult = ActionOutcome | { kind: 'unknown'; message: string };

/**
 * Takes one step of an order's life (approve, reject, expire) in one
 * transaction: the order row is locked, so of two concurrent decisions the
 * second sees the first's outcome; the row, its history and the event
 * announcing the step commit together, or none of them does.
 */
@Injectable()
export class OrderActions {
  constructor(
    private readonly dataSource: DataSource,
    private readonly orders: OrdersRepository,
    private readonly codec: AvroCodec,
    private readonly relay: OutboxRelay,
  ) {}

  async apply(orderId: string, action: OrderAction): Promise<ActionResult> {
    const result = await this.dataSource.transaction(async (manager): Promise<ActionResult> => {
      const order = await this.orders.lock(manager, orderId);
      if (!order) return { kind: 'unknown', message: `order ${orderId} is not known` };
      const outcome = applyOrderAction(order, action);
      if (outcome.kind !== 'moved') return outcome;
      await this.orders.saveStep(manager, outcome.order, outcome.step, action.at, outcome.event.eventId);
      await new Outbox(manager, this.codec).add(topics.replenishmentOrders, outcome.event);
      return outcome;
    });
    if (result.kind === 'moved') this.relay.wake();
    return result;
  }
}
