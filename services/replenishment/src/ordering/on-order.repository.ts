import { siteItemColumns } from '@smi/persistence';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { OPEN_ORDER_STATUSES } from '../orders/order-lifecycle';
import { stillOnOrder } from '../orders/short-shipment';
import { siteItemKeyOf } from '../stock-positions/stock-position';
import { SiteItem } from '../stock-positions/stock-position.repository';
import { byOldestClaim, bySoonestDue, type OnOrder, unservedKeyOf } from './decide-replenishment';

/**
 * What the given site x items have on order, read for a batch decision: open orders and the
 * claims waiting for supplier capacity in one statement, so both come from one snapshot (an
 * allocation turning a waiting claim into an order is seen whole or not at all, never twice or
 * not at all), and the periods whose allocation gave a site x item nothing. The open orders are
 * locked until the transaction ends, so a shipment's dispatch and a goods receipt on one order are
 * applied one after the other, whichever comes first. Orders closed short since their site x item
 * last ordered come too, for the next order's explanation.
 */
@Injectable()
export class OnOrderRepository {
  async onOrderOf(
    manager: EntityManager,
    keys: readonly SiteItem[],
    periodStarts: readonly Date[],
  ): Promise<{ onOrder: Map<string, OnOrder>; unserved: Set<string> }> {
    const onOrder = new Map<string, OnOrder>();
    const unserved = new Set<string>();
    if (keys.length === 0) return { onOrder, unserved };
    const rows: Array<{
      source: 'order' | 'closed-short' | 'claim';
      id: string;
      buyer_id: string;
      site_id: string;
      item_id: string;
      quantity: string;
      received: string | null;
      receipt_event_ids: string[] | null;
      dispatched: string | null;
      shipment_id: string | null;
      unit: string | null;
      due_at: Date | null;
      status: string;
      period_start: Date | null;
      requested_at: Date | null;
      trigger_as_of: Date | null;
    }> = await manager.query(
      `WITH k AS (SELECT DISTINCT * FROM unnest($1::text[], $2::text[], $3::text[]) AS k(buyer_id, site_id, item_id)),
       open_order AS (
         SELECT o.* FROM orders o JOIN k USING (buyer_id, site_id, item_id)
          WHERE o.status = ANY($4::text[]) ORDER BY o.order_id FOR UPDATE OF o
       )
       SELECT 'order' AS source, o.order_id AS id, o.buyer_id, o.site_id, o.item_id, o.quantity::text AS quantity,
              COALESCE(o.received_quantity, 0)::text AS received, o.receipt_event_ids, o.unit,
              o.dispatched_quantity::text AS dispatched, o.dispatched_by_shipment_id AS shipment_id,
              o.expected_delivery_at AS due_at, o.status, NULL::timestamptz AS period_start, NULL::timestamptz AS requested_at,
              NULL::timestamptz AS trigger_as_of
         FROM open_order o
       UNION ALL
       SELECT 'closed-short', o.order_id, o.buyer_id, o.site_id, o.item_id, o.quantity::text, NULL, NULL, NULL,
              o.dispatched_quantity::text, o.dispatched_by_shipment_id, NULL, o.status, NULL, NULL, NULL
         FROM orders o JOIN k USING (buyer_id, site_id, item_id)
        WHERE o.status = 'received' AND o.dispatched_quantity < o.quantity
          AND NOT EXISTS (SELECT 1 FROM orders n WHERE n.buyer_id = o.buyer_id AND n.site_id = o.site_id AND n.item_id = o.item_id
                             AND n.decided_at >= o.status_changed_at)
       UNION ALL
       SELECT 'claim', r.request_id, r.buyer_id, r.site_id, r.item_id, r.requested::text, NULL, NULL, NULL, NULL, NULL,
              (r.decision->>'dueAt')::timestamptz, r.status, r.period_start, r.requested_at, r.trigger_as_of
         FROM capacity_request r JOIN k USING (buyer_id, site_id, item_id)
        WHERE r.status = 'waiting' OR (r.status = 'unserved' AND r.period_start = ANY($5::timestamptz[]))`,
      [...siteItemColumns(keys), OPEN_ORDER_STATUSES, periodStarts],
    );
    const heldFor = (key: string): OnOrder => {
      let held = onOrder.get(key);
      if (!held) onOrder.set(key, (held = { orders: [], waiting: [] }));
      return held;
    };
    for (const row of rows) {
      const key = siteItemKeyOf({ buyerId: row.buyer_id, siteId: row.site_id, itemId: row.item_id });
      const quantity = Number(row.quantity);
      if (row.source === 'order') {
        const received = Number(row.received);
        const dispatched = row.dispatched === null ? null : Number(row.dispatched);
        heldFor(key).orders.push({
          orderId: row.id,
          quantity: stillOnOrder({ ordered: quantity, dispatched, received }),
          dueAt: row.due_at!,
          unit: row.unit!,
          ordered: quantity,
          received,
          dispatched,
          shipmentId: row.shipment_id,
          receiptEventIds: row.receipt_event_ids ?? [],
        });
      } else if (row.source === 'closed-short')
        (heldFor(key).closedShort ??= []).push({ orderId: row.id, ordered: quantity, dispatched: Number(row.dispatched) });
      else if (row.status === 'waiting')
        heldFor(key).waiting.push({ orderId: row.id, quantity, dueAt: row.due_at ?? row.trigger_as_of!, requestedAt: row.requested_at! });
      else unserved.add(unservedKeyOf(key, row.period_start!));
    }
    for (const held of onOrder.values()) {
      held.closedShort?.sort((a, b) => (a.orderId < b.orderId ? -1 : a.orderId > b.orderId ? 1 : 0));
      held.orders.sort(bySoonestDue);
      held.waiting.sort(byOldestClaim);
    }
    return { onOrder, unserved };
  }
}
