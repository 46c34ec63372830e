import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { GoodsReceipt } from './goods-receipt';

/** Goods receipts naming an order no shipment exists for yet, kept until the order arrives. */
@Injectable()
export class UnmatchedGoodsReceiptRepository {
  /** Keeps receipts in one statement; the first receipt kept for an order stays, later ones are dropped. */
  async keepAll(manager: EntityManager, receipts: readonly GoodsReceipt[]): Promise<void> {
    if (receipts.length === 0) return;
    const column = <K extends keyof GoodsReceipt>(key: K) => receipts.map((r) => r[key]);
    await manager.query(
      `INSERT INTO unmatched_goods_receipts (order_id, stock_level_event_id, buyer_id, site_id, item_id, unit, quantity, received_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::timestamptz[])
       ON CONFLICT (order_id) DO NOTHING`,
      [
        column('orderId'),
        column('stockLevelEventId'),
        column('buyerId'),
        column('siteId'),
        column('itemId'),
        column('unit'),
        column('quantity'),
        column('receivedAt'),
      ],
    );
  }

  /** Reads and locks the receipts kept for the given orders in one statement, by order id. */
  async lockFor(manager: EntityManager, orderIds: readonly string[]): Promise<Map<string, GoodsReceipt>> {
    if (orderIds.length === 0) return new Map();
    const rows: GoodsReceipt[] = await manager.query(
      `SELECT order_id AS "orderId", stock_level_event_id AS "stockLevelEventId", buyer_id AS "buyerId", site_id AS "siteId",
              item_id AS "itemId", unit, quantity::float8 AS quantity, received_at AS "receivedAt"
       FROM unmatched_goods_receipts WHERE order_id = ANY($1::text[])
       ORDER BY order_id
       FOR UPDATE`,
      [orderIds],
    );
    return new Map(rows.map((receipt) => [receipt.orderId, receipt]));
  }

  /** Stops keeping the receipts of the given orders: their shipments have used them. */
  async removeAll(manager: EntityManager, orderIds: readonly string[]): Promise<void> {
    if (orderIds.length === 0) return;
    await manager.query('DELETE FROM unmatched_goods_receipts WHERE order_id = ANY($1::text[])', [orderIds]);
  }
}
