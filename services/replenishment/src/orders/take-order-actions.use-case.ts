import { Injectable } from '@nestjs/common';
import { topics } from '@smi/contracts';
import { UnitOfWork } from '@smi/messaging';
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
    private readonly orders: OrdersRepository,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  async apply(orderId: string, action: OrderAction): Promise<ActionResult> {
    const result = await this.unitOfWork.run(async ({ manager, outbox }): Promise<ActionResult> => {
      const order = await this.orders.lock(manager, orderId);
      if (!order) return { kind: 'unknown', message: `order ${orderId} is not known` };
      const outcome = applyOrderAction(order, action);
      if (outcome.kind !== 'moved') return outcome;
      await this.orders.saveStep(manager, outcome.order, outcome.step, action.at, outcome.event.eventId);
      await outbox.add(topics.replenishmentOrders, outcome.event);
      return outcome;
    });
    return result;
  }
}
