import { MigrationInterface, QueryRunner } from 'typeorm';

export class ShortShipments1797100000000 implements MigrationInterface {
  name = 'ShortShipments1797100000000';

  async up(runner: QueryRunner): Promise<void> {
    // What the advance shipping notice says left the supplier (null before dispatch): less than ordered never comes,
    // so only what was dispatched stays on order; the shipment is named in the order's short close.
    await runner.query('ALTER TABLE orders ADD COLUMN dispatched_quantity numeric NULL');
    await runner.query('ALTER TABLE orders ADD COLUMN dispatched_by_shipment_id text NULL');
    // The orders closed short since their site x item last ordered: the next order's explanation names them.
    await runner.query(
      `CREATE INDEX orders_closed_short_by_site_item ON orders (buyer_id, site_id, item_id)
         WHERE status = 'received' AND dispatched_quantity < quantity`,
    );
    await runner.query('CREATE INDEX orders_by_site_item_decided ON orders (buyer_id, site_id, item_id, decided_at)');
    await runner.query('ALTER TABLE order_events DROP CONSTRAINT order_events_step_check');
    await runner.query(
      `ALTER TABLE order_events ADD CONSTRAINT order_events_step_check
         CHECK (step IN ('released', 'awaiting-approval', 'approved', 'rejected', 'expired', 'received', 'partly-received', 'closed-short'))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DELETE FROM order_events WHERE step = 'closed-short'`);
    await runner.query('ALTER TABLE order_events DROP CONSTRAINT order_events_step_check');
    await runner.query(
      `ALTER TABLE order_events ADD CONSTRAINT order_events_step_check
         CHECK (step IN ('released', 'awaiting-approval', 'approved', 'rejected', 'expired', 'received', 'partly-received'))`,
    );
    await runner.query('DROP INDEX orders_by_site_item_decided');
    await runner.query('DROP INDEX orders_closed_short_by_site_item');
    await runner.query('ALTER TABLE orders DROP COLUMN dispatched_by_shipment_id');
    await runner.query('ALTER TABLE orders DROP COLUMN dispatched_quantity');
  }
}
