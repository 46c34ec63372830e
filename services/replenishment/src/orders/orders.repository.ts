import { Injectable } from '@nestjs/common';
import { ReplenishmentOrder } from '@smi/contracts';
import { DataSource, EntityManager, FindOptionsWhere, In } from 'typeorm';
import { OpenOrder } from '@smi/replenishment-planning';
import { OPEN_ORDER_STATUSES, OrderStatus, OrderStep, PlacedOrder, placedOrderFrom } from './order-lifecycle';
import { OrderHistoryRow } from './order-history.entity';
import { OrderRow } from './order.entity';
import type { GoodsReceipt } from './replenishment-order';
import { closesShort, type DispatchedOrder, type DispatchRecorded, type ShortClose, shortCloseWords, stillOnOrder } from './short-shipment';

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

  /**
   * Keeps new orders as their first events announce them, each with that step in its history, in one statement per
   * table; `traceIds[i]` is the trace of the run that decided `events[i]` (none when it was not traced).
   */
  async insert(
    manager: EntityManager,
    events: readonly ReplenishmentOrder[],
    traceIds: ReadonlyArray<string | undefined> = [],
  ): Promise<void> {
    if (events.length === 0) return;
    const orders = events.map(placedOrderFrom);
    // The order rows (and GET /orders) keep the levels under the names ReplenishmentOrder gave them before version 5.
    await manager.getRepository(OrderRow).insert(
      orders.map(({ reorderPoint, orderUpTo, ...fields }, i) => ({
        ...fields,
        minimum: reorderPoint,
        maximum: orderUpTo,
        statusChangedAt: fields.decidedAt,
        receivedQuantity: null,
        receivedAt: null,
        receivedByEventId: null,
        receiptEventIds: [],
        dispatchedQuantity: null,
        dispatchedByShipmentId: null,
        traceId: traceIds[i],
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

  /** Orders released or awaiting approval and not yet received in full, with what is still due, soonest due first. */
  async openOrders(manager: EntityManager, key: SiteItem): Promise<OpenOrder[]> {
    const rows = await manager.getRepository(OrderRow).find({
      select: { orderId: true, quantity: true, receivedQuantity: true, dispatchedQuantity: true, expectedDeliveryAt: true },
      where: { buyerId: key.buyerId, siteId: key.siteId, itemId: key.itemId, status: In(OPEN_ORDER_STATUSES) },
      order: { expectedDeliveryAt: 'ASC', orderId: 'ASC' },
    });
    return rows.map((r) => ({
      orderId: r.orderId,
      quantity: stillOnOrder({ ordered: r.quantity, dispatched: r.dispatchedQuantity, received: r.receivedQuantity ?? 0 }),
      dueAt: r.expectedDeliveryAt,
      ...(r.receivedQuantity ? { received: r.receivedQuantity } : {}),
    }));
  }

  /**
   * Books the goods receipts against the open orders they name, in one statement: each order
   * keeps what its receipts brought so far and which receipts those were; one whose receipts
   * brought all it ordered is received, one still short stays open with the rest due. Every
   * receipt is a step in its order's history. A receipt whose order is no longer open (received,
   * rejected, or another site x item's) books nothing: the goods are in on-hand either way. The
   * receipt that brings all a short shipment dispatched closes its order short (its step says so).
   */
  async markReceived(manager: EntityManager, receipts: readonly GoodsReceipt[]): Promise<void> {
    if (receipts.length === 0) return;
    const column = <T>(value: (r: GoodsReceipt) => T) => receipts.map(value);
    // An order booked several times in one batch is updated once, from its last receipt (which carries the total so far).
    await manager.query(
      `WITH receipt AS (
         SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::numeric[], $6::timestamptz[], $7::text[], $8::text[], $9::boolean[], $10::boolean[])
           WITH ORDINALITY AS r(order_id, buyer_id, site_id, item_id, received_so_far, received_at, event_id, reason, closes, short, n)
       ), per_order AS (
         SELECT DISTINCT ON (order_id) order_id, buyer_id, site_id, item_id, received_so_far, received_at, event_id, closes,
                array_agg(event_id) OVER (PARTITION BY order_id ORDER BY n ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING) AS event_ids
           FROM receipt ORDER BY order_id, n DESC
       ), booked AS (
         UPDATE orders o SET received_quantity = r.received_so_far, received_at = r.received_at, received_by_event_id = r.event_id,
                receipt_event_ids = o.receipt_event_ids || r.event_ids,
                status = CASE WHEN r.closes THEN 'received' ELSE o.status END,
                status_changed_at = CASE WHEN r.closes THEN r.received_at ELSE o.status_changed_at END,
                status_changed_by = CASE WHEN r.closes THEN o.buyer_id ELSE o.status_changed_by END,
                status_reason = CASE WHEN r.closes THEN '' ELSE o.status_reason END,
                approval_deadline = CASE WHEN r.closes THEN NULL ELSE o.approval_deadline END
           FROM per_order r
          WHERE o.order_id = r.order_id AND o.buyer_id = r.buyer_id AND o.site_id = r.site_id AND o.item_id = r.item_id AND o.status IN (${OPEN})
         RETURNING o.order_id, o.buyer_id, o.status, o.approval_deadline
       )
       INSERT INTO order_events (order_id, step, status, occurred_at, changed_by, reason, approval_deadline, event_id)
       SELECT r.order_id, CASE WHEN r.closes AND r.short THEN 'closed-short' WHEN r.closes THEN 'received' ELSE 'partly-received' END, CASE WHEN r.closes THEN 'received' ELSE b.status END,
              r.received_at, b.buyer_id, r.reason, CASE WHEN r.closes THEN NULL ELSE b.approval_deadline END, r.event_id
         FROM receipt r JOIN booked b USING (order_id) ORDER BY r.n`,
      [
        column((r) => r.orderId),
        column((r) => r.buyerId),
        column((r) => r.siteId),
        column((r) => r.itemId),
        column((r) => r.receivedSoFar),
        column((r) => r.receivedAt),
        column((r) => r.eventId),
        column((r) => receiptWords(r)),
        column((r) => r.closes),
        column(closesShort),
      ],
    );
  }

  /**
   * The orders shipment lines name, as a dispatch finds them, locked until the transaction ends (in
   * id order, as every writer of orders locks them), so a goods receipt and a dispatch on one order
   * apply one after the other.
   */
  async lockForDispatch(manager: EntityManager, orderIds: readonly string[]): Promise<Map<string, DispatchedOrder>> {
    if (orderIds.length === 0) return new Map();
    const rows = await manager
      .getRepository(OrderRow)
      .find({ where: { orderId: In([...new Set(orderIds)]) }, order: { orderId: 'ASC' }, lock: { mode: 'pessimistic_write' } });
    return new Map(
      rows.map((row) => [
        row.orderId,
        {
          orderId: row.orderId,
          unit: row.unit,
          ordered: row.quantity,
          dispatched: row.dispatchedQuantity,
          received: row.receivedQuantity ?? 0,
          receivedAt: row.receivedAt,
          open: OPEN_ORDER_STATUSES.includes(row.status),
        },
      ]),
    );
  }

  /**
   * Keeps each order's dispatched quantity and the shipment that reported it, in one statement, and
   * closes the orders closed short (received, with a `closed-short` step naming the shipment), in another two.
   */
  async recordDispatches(manager: EntityManager, dispatched: readonly DispatchRecorded[], closes: readonly ShortClose[]): Promise<void> {
    if (dispatched.length > 0)
      await manager.query(
        `UPDATE orders o SET dispatched_quantity = d.dispatched, dispatched_by_shipment_id = d.shipment_id
           FROM unnest($1::text[], $2::numeric[], $3::text[]) AS d(order_id, dispatched, shipment_id)
          WHERE o.order_id = d.order_id`,
        [dispatched.map((d) => d.orderId), dispatched.map((d) => d.dispatched), dispatched.map((d) => d.shipmentId)],
      );
    if (closes.length === 0) return;
    await manager.query(
      `WITH c AS (SELECT * FROM unnest($1::text[], $2::timestamptz[], $3::text[], $4::text[]) AS c(order_id, at, reason, event_id)),
       closed AS (
         UPDATE orders o SET status = 'received', status_changed_at = c.at, status_changed_by = o.buyer_id, status_reason = '',
                approval_deadline = NULL
           FROM c WHERE o.order_id = c.order_id AND o.status IN (${OPEN})
         RETURNING o.order_id, o.buyer_id
       )
       INSERT INTO order_events (order_id, step, status, occurred_at, changed_by, reason, approval_deadline, event_id)
       SELECT c.order_id, 'closed-short', 'received', c.at, closed.buyer_id, c.reason, NULL, c.event_id FROM c JOIN closed USING (order_id)`,
      [closes.map((c) => c.orderId), closes.map((c) => c.at), closes.map(shortCloseWords), closes.map((c) => c.eventId)],
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

  /**
   * Claims orders still awaiting approval whose deadline has passed, oldest deadline first, for the
   * caller's transaction: locked until it ends, passing over those another instance's sweep (or a
   * decision) holds, so instances sweeping at once share the orders instead of queueing on them.
   */
  async claimOverdue(manager: EntityManager, now: Date, limit: number): Promise<string[]> {
    const rows: Array<{ order_id: string }> = await manager.query(
      `SELECT order_id FROM orders WHERE status = 'awaiting-approval' AND approval_deadline <= $1
        ORDER BY approval_deadline, order_id LIMIT $2 FOR UPDATE SKIP LOCKED`,
      [now, limit],
    );
    return rows.map((r) => r.order_id);
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

/** A receipt's step in its order's history, in the buyer's words. */
const receiptWords = (r: GoodsReceipt): string =>
  closesShort(r)
    ? `received ${r.receivedQuantity} ${r.unit}; ${shortCloseWords({ shipmentId: r.shipmentId ?? '', ordered: r.orderedQuantity, dispatched: r.dispatchedQuantity!, received: r.receivedSoFar, unit: r.unit })}`
    : r.closes
      ? `received ${r.receivedQuantity} ${r.unit}: ${r.receivedSoFar} ${r.unit} of ${r.orderedQuantity} ${r.unit} ordered have arrived`
      : `received ${r.receivedQuantity} ${r.unit}: ${r.receivedSoFar} ${r.unit} of ${r.orderedQuantity} ${r.unit} ordered have arrived, ${stillOnOrder({ ordered: r.orderedQuantity, dispatched: r.dispatchedQuantity, received: r.receivedSoFar })} ${r.unit} still due`;

function placedOrderOf(row: OrderRow): PlacedOrder {
  const {
    statusChangedAt: _at,
    receivedQuantity: _q,
    receivedAt: _r,
    receivedByEventId: _e,
    receiptEventIds: _ids,
    dispatchedQuantity: _d,
    dispatchedByShipmentId: _s,
    minimum,
    maximum,
    ...order
  } = row;
  return { ...order, reorderPoint: minimum, orderUpTo: maximum };
}
