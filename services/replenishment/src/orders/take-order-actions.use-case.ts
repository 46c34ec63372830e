import { Injectable } from '@nestjs/common';
import { topics } from '@smi/contracts';
import { Transaction } from '@smi/messaging';
import { ActionResult, applyOrderCommands, OrderCommand } from './order-lifecycle';
import { OrdersRepository } from './orders.repository';

/**
 * Takes steps of orders' lives (approve, reject, expire) in the caller's unit of work: the
 * orders are locked, so of two concurrent decisions on one the second sees the first's outcome;
 * the rows, their history and the events announcing the steps commit together, or none does.
 */
@Injectable()
export class TakeOrderActions {
  constructor(private readonly orders: OrdersRepository) {}

  async execute(commands: readonly OrderCommand[], tx: Transaction): Promise<ActionResult[]> {
    const orders = await this.orders.lockAll(
      tx.manager,
      commands.map((c) => c.orderId),
    );
    const results = applyOrderCommands(orders, commands);
    const steps = results.flatMap((result, i) =>
      result.kind === 'moved' ? [{ order: result.order, step: result.step, at: commands[i].action.at, eventId: result.event.eventId }] : [],
    );
    await this.orders.saveSteps(tx.manager, steps);
    for (const result of results) if (result.kind === 'moved') await tx.outbox.add(topics.replenishmentOrders, result.event);
    return results;
  }
}
