import { Injectable } from '@nestjs/common';
import { ReplenishmentOrder } from '@smi/contracts';
import { DataSource, EntityManager, FindOptionsWhere, In, LessThanOrEqual } from 'typeorm';
import { OpenOrder } from '@smi/replenishment-planning';
import { OPEN_ORDER_STATUSES, OrderStatus, OrderStep, PlacedOrder, placedOrderFrom } from './order-lifecycle';
import { OrderHistoryRow } from './order-history.entity';
import { OrderRow } from './order.entity';

export interface SiteItem {
  buyerId: string;
  siteId: string;
  itemId: string;
}

export interface OrderFilter {
  statuses?: readonly OrderStatus[];
  buyerId?: string;
  supplierId?: string;
  siteId?: string;
  itemId?: string;
}

export type OrderHistoryEntry = Omit<OrderHistoryRow, 'id' | 'orderId'>;

const OPEN = OPEN_ORDER_STATUSES.map((s) => `'${s}'`).join(', ');

@Injectable()
export class OrdersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps a new order as its first event announces it, with that step in its history. */
  async insert(manager: EntityManager, event: ReplenishmentOrder): Promise<void> {
    const order = placedOrderFrom(event);
    const { reorderPoint, orderUpTo, ...fields } = order;
    // The order rows (and GET /orders) keep the levels under the names ReplenishmentOrder gave them before version 5.
    await manager.getRepository(OrderRow).insert({
      ...fields,
      minimum: reorderPoint,
      maximum: orderUpTo,
      statusChangedAt: order.decidedAt,
      receivedQuantity: null,
      receivedAt: null,
      receivedByEventId: null,
    });
    await this.addHistory(manager, order, order.status === 'released' ? 'released' : 'awaiting-approval', order.decidedAt, event.eventId);
  }

  /** Orders released or awaiting approval and not yet received, soonest due first. */
  async openOrders(manager: EntityManager, key: SiteItem): Promise<OpenOrder[]> {
    const rows = await manager.getRepository(OrderRow).find({
      select: { orderId: true, quantity: true, expectedDeliveryAt: true },
      where: { buyerId: key.buyerId, siteId: key.siteId, itemId: key.itemId, status: In(OPEN_ORDER_STATUSES) },
      order: { expectedDeliveryAt: 'ASC', orderId: 'ASC' },
    });
    return rows.map((r) => ({ orderId: r.orderId, quantity: r.quantity, dueAt: r.expectedDeliveryAt }));
  }

  /**
   * Marks the site x item's open order as received, keeping the quantity received
   * beside the quantity ordered. False when there is no such open order (already
   * received, rejected, or another site x item's): the goods are in on-hand
   * either way, so that is no error.
   */
  async markReceived(
    manager: EntityManager,
    key: SiteItem,
    receipt: { orderId: string; receivedQuantity: number; receivedAt: Date; eventId: string },
  ): Promise<boolean> {
    const rows: Array<{ quantity: string; unit: string }> = await manager.query(
      `UPDATE orders SET status = 'received', received_quantity = $5, received_at = $6, received_by_event_id = $7,
              status_changed_at = $6, status_changed_by = buyer_id, status_reason = '', approval_deadline = NULL
        WHERE order_id = $1 AND buyer_id = $2 AND site_id = $3 AND item_id = $4 AND status IN (${OPEN})
        RETURNING quantity, unit`,
      [receipt.orderId, key.buyerId, key.siteId, key.itemId, receipt.receivedQuantity, receipt.receivedAt, receipt.eventId],
    );
    if (rows.length !== 1) return false;
    await manager.getRepository(OrderHistoryRow).insert({
      orderId: receipt.orderId,
      step: 'received',
      status: 'received',
      occurredAt: receipt.receivedAt,
      changedBy: key.buyerId,
      reason: `received ${receipt.receivedQuantity} ${rows[0].unit} of ${Number(rows[0].quantity)} ${rows[0].unit} ordered`,
      approvalDeadline: null,
      eventId: receipt.eventId,
    });
    return true;
  }

  /** Reads the order and holds it until the transaction ends, so two decisions on it never both win. */
  async lock(manager: EntityManager, orderId: string): Promise<PlacedOrder | undefined> {
    const row = await manager.getRepository(OrderRow).findOne({ where: { orderId }, lock: { mode: 'pessimistic_write' } });
    return row ? placedOrderOf(row) : undefined;
  }

  /** Stores the order after a step, with the step in its history. */
  async saveStep(manager: EntityManager, order: PlacedOrder, step: OrderStep, at: Date, eventId: string): Promise<void> {
    const { status, statusChangedBy, statusReason, approvalDeadline } = order;
    await manager.getRepository(OrderRow).update({ orderId: order.orderId }, { status, statusChangedBy, statusReason, approvalDeadline, statusChangedAt: at });
    await this.addHistory(manager, order, step, at, eventId);
  }

  /** Orders still awaiting approval whose deadline has passed, oldest deadline first. */
  async overdue(now: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource.getRepository(OrderRow).find({
      select: { orderId: true },
      where: { status: 'awaiting-approval', approvalDeadline: LessThanOrEqual(now) },
      order: { approvalDeadline: 'ASC', orderId: 'ASC' },
      take: limit,
    });
    return rows.map((r) => r.orderId);
  }

  async list(filter: OrderFilter): Promise<OrderRow[]> {
    const where: FindOptionsWhere<OrderRow> = {};
    for (const field of ['buyerId', 'supplierId', 'siteId', 'itemId'] as const) {
      if (filter[field] !== undefined) Object.assign(where, { [field]: filter[field] });
    }
    if (filter.statuses) where.status = In(filter.statuses);
    return this.dataSource.getRepository(OrderRow).find({ where, order: { decidedAt: 'ASC', orderId: 'ASC' } });
  }

  async find(orderId: string): Promise<OrderRow | undefined> {
    return (await this.dataSource.getRepository(OrderRow).findOne({ where: { orderId } })) ?? undefined;
  }

  /** The order's steps, oldest first. */
  async history(orderId: string): Promise<OrderHistoryEntry[]> {
    const rows = await this.dataSource.getRepository(OrderHistoryRow).find({ where: { orderId }, order: { occurredAt: 'ASC', id: 'ASC' } });
    return rows.map(({ id: _id, orderId: _orderId, ...entry }) => entry);
  }

  private async addHistory(manager: EntityManager, order: PlacedOrder, step: OrderStep, at: Date, eventId: string): Promise<void> {
    await manager.getRepository(OrderHistoryRow).insert({
      orderId: order.orderId,
      step,
      status: order.status,
      occurredAt: at,
      changedBy: order.statusChangedBy,
      reason: order.statusReason,
      approvalDeadline: order.approvalDeadline,
      eventId,
    });
  }
}

function placedOrderOf(row: OrderRow): PlacedOrder {
  const { statusChangedAt: _at, receivedQuantity: _q, receivedAt: _r, receivedByEventId: _e, minimum, maximum, ...order } = row;
  return { ...order, reorderPoint: minimum, orderUpTo: maximum };
}
