import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Shipments carry lines (one per order, consolidated per buyer site and delivery day), the advance
 * shipping notice, delays and partial receipts; every goods receipt is kept, matched or not.
 */
export class ConsolidatedShipments1764028800006 implements MigrationInterface {
  name = 'ConsolidatedShipments1764028800006';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE shipments DROP CONSTRAINT shipments_order_id_key');
    await runner.query('ALTER TABLE shipments DROP CONSTRAINT shipments_status_check');
    await runner.query(
      `ALTER TABLE shipments ADD CONSTRAINT shipments_status_check
         CHECK (status IN ('PLANNED', 'DISPATCHED', 'DELIVERED', 'RECEIVED', 'CANCELLED', 'PARTIALLY_RECEIVED'))`,
    );
    await runner.query(`
      ALTER TABLE shipments
        ADD COLUMN lines jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN promised_delivery_at timestamptz,
        ADD COLUMN carrier text,
        ADD COLUMN tracking_reference text,
        ADD COLUMN dispatched_at timestamptz,
        ADD COLUMN delivered_at timestamptz,
        ADD COLUMN delay_reason text,
        ADD COLUMN caused_by_event_id text,
        ADD COLUMN consolidation_key text,
        ADD COLUMN sequence integer NOT NULL DEFAULT 1`);
    // A shipment of the first versions carried one order: it becomes that order's line.
    await runner.query(`
      UPDATE shipments SET
        promised_delivery_at = expected_delivery_at,
        lines = CASE WHEN status = 'CANCELLED' THEN '[]'::jsonb ELSE jsonb_build_array(jsonb_build_object(
          'orderId', order_id, 'itemId', item_id, 'unit', unit, 'orderedQuantity', quantity,
          'dispatchedQuantity', CASE WHEN status = 'PLANNED' THEN NULL ELSE quantity END,
          'receivedQuantity', coalesce(received_quantity, 0), 'receiptEventIds', '[]'::jsonb,
          'promisedDeliveryAt', to_char(expected_delivery_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) END,
        dispatched_at = CASE WHEN status IN ('DISPATCHED', 'DELIVERED', 'RECEIVED') THEN status_changed_at END,
        delivered_at = CASE WHEN status IN ('DELIVERED', 'RECEIVED') THEN status_changed_at END`);
    // The planning finds a site and day's shipments, and the shipment carrying an order (lines @> [{"orderId": ...}]).
    await runner.query('CREATE INDEX shipments_consolidation ON shipments (consolidation_key, sequence)');
    await runner.query('CREATE INDEX shipments_lines ON shipments USING gin (lines jsonb_path_ops)');
    // Receipts are matched to the open shipments of their site.
    await runner.query('CREATE INDEX shipments_buyer_site ON shipments (buyer_id, site_id, status)');
    await runner.query(`
      CREATE TABLE goods_receipts (
        stock_level_event_id text PRIMARY KEY,
        order_id text,
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        unit text NOT NULL,
        quantity numeric(18, 6) NOT NULL,
        received_at timestamptz NOT NULL,
        shipment_id text,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        matched_at timestamptz
      )`);
    await runner.query('CREATE INDEX goods_receipts_unmatched_order ON goods_receipts (order_id) WHERE shipment_id IS NULL');
    await runner.query('CREATE INDEX goods_receipts_unmatched_site ON goods_receipts (buyer_id, site_id) WHERE shipment_id IS NULL');
    await runner.query(`
      INSERT INTO goods_receipts (stock_level_event_id, order_id, buyer_id, site_id, item_id, unit, quantity, received_at, recorded_at)
      SELECT stock_level_event_id, order_id, buyer_id, site_id, item_id, unit, quantity, received_at, recorded_at FROM unmatched_goods_receipts`);
    await runner.query('DROP TABLE unmatched_goods_receipts');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE unmatched_goods_receipts (
        order_id text PRIMARY KEY, stock_level_event_id text NOT NULL, buyer_id text NOT NULL, site_id text NOT NULL,
        item_id text NOT NULL, unit text NOT NULL, quantity numeric(18, 6) NOT NULL, received_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now())`);
    await runner.query(`
      INSERT INTO unmatched_goods_receipts (order_id, stock_level_event_id, buyer_id, site_id, item_id, unit, quantity, received_at, recorded_at)
      SELECT DISTINCT ON (order_id) order_id, stock_level_event_id, buyer_id, site_id, item_id, unit, quantity, received_at, recorded_at
      FROM goods_receipts WHERE shipment_id IS NULL AND order_id IS NOT NULL ORDER BY order_id, received_at`);
    await runner.query('DROP TABLE goods_receipts');
    await runner.query('DROP INDEX shipments_buyer_site');
    await runner.query('DROP INDEX shipments_lines');
    await runner.query('DROP INDEX shipments_consolidation');
    await runner.query(`
      ALTER TABLE shipments DROP COLUMN lines, DROP COLUMN promised_delivery_at, DROP COLUMN carrier, DROP COLUMN tracking_reference,
        DROP COLUMN dispatched_at, DROP COLUMN delivered_at, DROP COLUMN delay_reason, DROP COLUMN caused_by_event_id,
        DROP COLUMN consolidation_key, DROP COLUMN sequence`);
    await runner.query(`UPDATE shipments SET status = 'DELIVERED' WHERE status = 'PARTIALLY_RECEIVED'`);
    await runner.query('ALTER TABLE shipments DROP CONSTRAINT shipments_status_check');
    await runner.query(
      `ALTER TABLE shipments ADD CONSTRAINT shipments_status_check CHECK (status IN ('PLANNED', 'DISPATCHED', 'DELIVERED', 'RECEIVED', 'CANCELLED'))`,
    );
  }
}
