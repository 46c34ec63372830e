import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { PartyScope } from '../shipments/shipment.repository';
import { GoodsReceipt } from './goods-receipt';

const RECEIPT_COLUMNS = `stock_level_event_id AS "stockLevelEventId", order_id AS "orderId", buyer_id AS "buyerId", site_id AS "siteId",
  item_id AS "itemId", unit, quantity::float8 AS quantity, received_at AS "receivedAt"`;

/** A receipt kept because it matched no shipment line, as the API reports it. */
export type UnmatchedReceipt = GoodsReceipt & { recordedAt: Date };

/**
 * Every goods receipt the service has seen, with the shipment it was booked on, or none yet: a
 * receipt that matches nothing is kept here until a shipment for it arrives, never dropped. It
 * also tells a redelivered receipt from a new one.
 */
@Injectable()
export class GoodsReceiptRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Which of the given receipts were seen before (booked or kept), in one statement. */
  async seen(manager: EntityManager, stockLevelEventIds: readonly string[]): Promise<Set<string>> {
    if (stockLevelEventIds.length === 0) return new Set();
    const rows: Array<{ id: string }> = await manager.query(
      'SELECT stock_level_event_id AS id FROM goods_receipts WHERE stock_level_event_id = ANY($1::text[])',
      [stockLevelEventIds],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Records receipts with the shipment each was booked on (null: kept unmatched), in one statement; one seen before stays as it was. */
  async recordAll(manager: EntityManager, placed: ReadonlyArray<{ receipt: GoodsReceipt; shipmentId: string | null }>): Promise<void> {
    if (placed.length === 0) return;
    const column = <K extends keyof GoodsReceipt>(key: K) => placed.map((p) => p.receipt[key]);
    await manager.query(
      `INSERT INTO goods_receipts (stock_level_event_id, order_id, buyer_id, site_id, item_id, unit, quantity, received_at, shipment_id, matched_at)
       SELECT r.*, CASE WHEN r.shipment_id IS NULL THEN NULL ELSE now() END
       FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::numeric[], $8::timestamptz[], $9::text[])
         AS r(stock_level_event_id, order_id, buyer_id, site_id, item_id, unit, quantity, received_at, shipment_id)
       ON CONFLICT (stock_level_event_id) DO NOTHING`,
      [
        column('stockLevelEventId'),
        column('orderId'),
        column('buyerId'),
        column('siteId'),
        column('itemId'),
        column('unit'),
        column('quantity'),
        column('receivedAt'),
        placed.map((p) => p.shipmentId),
      ],
    );
  }

  /**
   * Reads and locks, in one statement, the receipts kept unmatched that a batch may now place:
   * those naming the given orders, and those naming no order at the given buyer sites.
   */
  async lockKept(
    manager: EntityManager,
    wanted: { orderIds?: readonly string[]; unreferencedAt?: ReadonlyArray<{ buyerId: string; siteId: string }> },
  ): Promise<GoodsReceipt[]> {
    const orderIds = wanted.orderIds ?? [];
    const sites = wanted.unreferencedAt ?? [];
    if (orderIds.length + sites.length === 0) return [];
    return manager.query(
      // One arm per way of wanting a receipt, each served by its own partial index.
      `SELECT ${RECEIPT_COLUMNS} FROM goods_receipts
       WHERE stock_level_event_id = ANY(ARRAY(
         SELECT stock_level_event_id FROM goods_receipts WHERE shipment_id IS NULL AND order_id = ANY($1::text[])
         UNION SELECT g.stock_level_event_id FROM unnest($2::text[], $3::text[]) AS k(buyer_id, site_id)
               JOIN goods_receipts g ON g.shipment_id IS NULL AND g.order_id IS NULL AND g.buyer_id = k.buyer_id AND g.site_id = k.site_id))
       ORDER BY stock_level_event_id
       FOR UPDATE`,
      [orderIds, sites.map((s) => s.buyerId), sites.map((s) => s.siteId)],
    );
  }

  /** Marks kept receipts as booked on the shipments they finally matched, in one statement. */
  async matchAll(manager: EntityManager, used: ReadonlyArray<{ stockLevelEventId: string; shipmentId: string }>): Promise<void> {
    if (used.length === 0) return;
    await manager.query(
      `UPDATE goods_receipts g SET shipment_id = u.shipment_id, matched_at = now()
       FROM unnest($1::text[], $2::text[]) AS u(stock_level_event_id, shipment_id)
       WHERE g.stock_level_event_id = u.stock_level_event_id`,
      [used.map((u) => u.stockLevelEventId), used.map((u) => u.shipmentId)],
    );
  }

  /**
   * The receipts still matching nothing: a buyer sees its own; a supplier those of the buyer sites
   * and items it has shipped to (it cannot be told apart before a shipment names it); an operator all.
   */
  async listUnmatched(scope: PartyScope): Promise<UnmatchedReceipt[]> {
    const buyer = scope !== 'all' && 'buyerId' in scope ? scope.buyerId : null;
    const supplier = scope !== 'all' && 'supplierId' in scope ? scope.supplierId : null;
    return this.dataSource.query(
      `SELECT ${RECEIPT_COLUMNS}, recorded_at AS "recordedAt" FROM goods_receipts g
       WHERE g.shipment_id IS NULL
         AND ($1::text IS NULL OR g.buyer_id = $1)
         AND ($2::text IS NULL OR EXISTS (
               SELECT 1 FROM shipments s
               WHERE s.supplier_id = $2 AND s.buyer_id = g.buyer_id AND s.site_id = g.site_id
                 AND s.lines @> jsonb_build_array(jsonb_build_object('itemId', g.item_id))))
       ORDER BY g.received_at, g.stock_level_event_id`,
      [buyer, supplier],
    );
  }
}
