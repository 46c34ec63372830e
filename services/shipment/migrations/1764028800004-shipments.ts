import { MigrationInterface, QueryRunner } from 'typeorm';

export class Shipments1764028800004 implements MigrationInterface {
  name = 'Shipments1764028800004';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE shipments (
        shipment_id text PRIMARY KEY,
        order_id text NOT NULL UNIQUE,
        agreement_id text NOT NULL,
        buyer_id text NOT NULL,
        supplier_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        quantity numeric(18, 6) NOT NULL,
        unit text NOT NULL,
        status text NOT NULL CHECK (status IN ('PLANNED', 'DISPATCHED', 'DELIVERED', 'RECEIVED')),
        status_changed_at timestamptz NOT NULL,
        expected_delivery_at timestamptz NOT NULL,
        received_quantity numeric(18, 6),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The API lists a buyer's or a supplier's shipments, often by status.
    await runner.query('CREATE INDEX shipments_buyer_status ON shipments (buyer_id, status)');
    await runner.query('CREATE INDEX shipments_supplier_status ON shipments (supplier_id, status)');
    // Receipts can be read before their order (two topics, no order between them): kept until the order arrives.
    await runner.query(`
      CREATE TABLE unmatched_goods_receipts (
        order_id text PRIMARY KEY,
        stock_level_event_id text NOT NULL,
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        unit text NOT NULL,
        quantity numeric(18, 6) NOT NULL,
        received_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE unmatched_goods_receipts');
    await runner.query('DROP TABLE shipments');
  }
}
