import { Injectable } from '@nestjs/common';
import { ReplenishmentOrder } from '@smi/contracts';
import { DataSource, EntityManager, FindOptionsWhere, In, LessThanOrEqual } from 'typeorm';
import { OpenOrder } from '@smi/replenishment-planning';
import { OPEN_ORDER_STATUSES, OrderStatus, OrderStep, PlacedOrder, placedOrderFrom } from './order-lifecycle';
import { OrderHistoryRow } from './order-history.entity';
import { OrderRow } from './order.entity';
import type { GoodsReceipt } from './replenishment-order';

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

  /** Keeps new orders as their first events announce them, each with that step in its history, in one statement per table. */
  async insert(manager: EntityManager, events: readonly ReplenishmentOrder[]): Promise<void> {
    if (events.length === 0) return;
    const orders = events.map(placedOrderFrom);
    // The order rows (and GET /orders) keep the levels under the names ReplenishmentOrder gave them before version 5.
    await manager.getRepository(OrderRow).insert(
      orders.map(({ reorderPoint, orderUpTo, ...fields }) => ({
        ...fields,
        minimum: reorderPoint,
        maximum: orderUpTo,
        statusChangedAt: fields.decidedAt,
        receivedQuantity: null,
        receivedAt: null,
        receivedByEventId: null,
      })),
    );
    await manager
      .getRepository(OrderHistoryRow)
      .insert(
        orders.map((order, i) =>
          historyOf(order, order.status === 'released' ? 'released' : 'awaiting-approval', order.decidedAt, events[i].eventId),
        ),
      );
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
   * Marks the open orders the goods receipts name as received, keeping the quantity received
   * beside the quantity ordered, with the receipt in each one's history, in one statement. A
   * receipt whose order is no longer open (received, rejected, or another site x item's) marks
   * nothing: the goods are in on-hand either way, so that is no error.
   */
  async markReceived(manager: EntityManager, receipts: readonly GoodsReceipt[]): Promise<void> {
    if (receipts.length === 0) return;
    const column = <T>(value: (r: GoodsReceipt) => T) => receipts.map(value);
    await manager.query(
      `WITH receipt AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::timestamptz[], $7::text[], $8::text[])
           AS r(order_id, buyer_id, site_id, item_id, received_quantity, received_at, event_id, reason)
       ), received AS (
         UPDATE orders o SET status = 'received', received_quantity = r.received_quantity, received_at = r.received_at,
                received_by_event_id = r.event_id, status_changed_at = r.received_at, status_changed_by = o.buyer_id,
                status_reason = '', approval_deadline = NULL
           FROM receipt r
          WHERE o.order_id = r.order_id AND o.buyer_id = r.buyer_id AND o.site_id = r.site_id AND o.item_id = r.item_id AND o.status IN (${OPEN})
         RETURNING o.order_id, o.buyer_id, r.received_at, r.reason, r.event_id
       )
       INSERT INTO order_events (order_id, step, status, occurred_at, changed_by, reason, approval_deadline, event_id)
       SELECT order_id, 'received', 'received', received_at, buyer_id, reason, NULL, event_id FROM received`,
      [
        column((r) => r.orderId),
        column((r) => r.buyerId),
        column((r) => r.siteId),
        column((r) => r.itemId),
        column((r) => r.receivedQuantity),
        column((r) => r.receivedAt),
        column((r) => r.eventId),
        column((r) => `received ${r.receivedQuantity} ${r.unit} of ${r.orderedQuantity} ${r.unit} ordered`),
      ],
    );
  }

  /** Reads the orders and holds them until the transaction ends (locked in id order), so two decisions on one never both win. */
  async lockAll(manager: EntityManager, orderIds: readonly string[]): Promise<Map<string, PlacedOrder>> {
    if (orderIds.length === 0) return new Map();
    const rows = await manager
      .getRepository(OrderRow)
      .find({ where: { orderId: In([...new Set(orderIds)]) }, order: { orderId: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return new Map(rows.map((row) => [row.orderId, placedOrderOf(row)]));
  }

  /**
   * Stores the orders after their steps, each step in its history: the rows as the last step of
   * each left them, in one statement, and the history in another.
   */
  async saveSteps(
    manager: EntityManager,
    steps: ReadonlyArray<{ order: PlacedOrder; step: OrderStep; at: Date; eventId: string }>,
  ): Promise<void> {
    if (steps.length === 0) return;
    const last = [...new Map(steps.map((s) => [s.order.orderId, s])).values()];
    await manager.query(
      `UPDATE orders o SET status = s.status, status_changed_by = s.changed_by, status_reason = s.reason, approval_deadline = s.deadline, status_changed_at = s.at
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[]) AS s(order_id, status, changed_by, reason, deadline, at)
        WHERE o.order_id = s.order_id`,
      [
        last.map((s) => s.order.orderId),
        last.map((s) => s.order.status),
        last.map((s) => s.order.statusChangedBy),
        last.map((s) => s.order.statusReason),
        last.map((s) => s.order.approvalDeadline),
        last.map((s) => s.at),
      ],
    );
    await manager.getRepository(OrderHistoryRow).insert(steps.map((s) => historyOf(s.order, s.step, s.at, s.eventId)));
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
}

const historyOf = (order: PlacedOrder, step: OrderStep, at: Date, eventId: string): Omit<OrderHistoryRow, 'id'> => ({
  orderId: order.orderId,
  step,
  status: order.status,
  occurredAt: at,
  changedBy: order.statusChangedBy,
  reason: order.statusReason,
  approvalDeadline: order.approvalDeadline,
  eventId,
});

function placedOrderOf(row: OrderRow): PlacedOrder {
  const { statusChangedAt: _at, receivedQuantity: _q, receivedAt: _r, receivedByEventId: _e, minimum, maximum, ...order } = row;
  return { ...order, reorderPoint: minimum, orderUpTo: maximum };
}
