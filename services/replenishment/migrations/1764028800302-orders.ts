import { MigrationInterface, QueryRunner } from 'typeorm';

export class Orders1764028800302 implements MigrationInterface {
  name = 'Orders1764028800302';

  async up(runner: QueryRunner): Promise<void> {
    // Each replenishment order with what the decision saw; open until its goods receipt arrives.
    await runner.query(`
      CREATE TABLE orders (
        order_id text PRIMARY KEY,
        agreement_id text NOT NULL,
        buyer_id text NOT NULL,
        supplier_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        quantity numeric(18, 6) NOT NULL CHECK (quantity > 0),
        unit text NOT NULL,
        status text NOT NULL CHECK (status IN ('open', 'received')),
        on_hand numeric(18, 6) NOT NULL,
        on_order numeric(18, 6) NOT NULL,
        minimum numeric(18, 6) NOT NULL,
        maximum numeric(18, 6) NOT NULL,
        pack_multiple numeric(18, 6) NOT NULL,
        decided_at timestamptz NOT NULL,
        expected_delivery_at timestamptz NOT NULL,
        triggered_by_event_id text NOT NULL UNIQUE,
        received_quantity numeric(18, 6),
        received_at timestamptz,
        received_by_event_id text
      )`);
    // On-order is summed over a site x item's open orders on every stock level.
    await runner.query(`CREATE INDEX orders_open_by_site_item ON orders (buyer_id, site_id, item_id) WHERE status = 'open'`);
    await runner.query('CREATE INDEX orders_by_supplier ON orders (supplier_id, status)');
    await runner.query('CREATE INDEX orders_by_buyer ON orders (buyer_id, status)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE orders');
  }
}
