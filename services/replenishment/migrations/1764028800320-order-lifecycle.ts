import { MigrationInterface, QueryRunner } from 'typeorm';

export class OrderLifecycle1764028800320 implements MigrationInterface {
  name = 'OrderLifecycle1764028800320';

  async up(runner: QueryRunner): Promise<void> {
    // Orders now wait for the buyer's approval beyond the approval boundary, and may be rejected or expire.
    // Every order placed so far was released.
    await runner.query('ALTER TABLE orders DROP CONSTRAINT orders_status_check');
    await runner.query(`UPDATE orders SET status = 'released' WHERE status = 'open'`);
    await runner.query(
      `ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('awaiting-approval', 'released', 'rejected', 'expired', 'received'))`,
    );
    await runner.query(`
      ALTER TABLE orders
        ADD COLUMN agreement_version int NOT NULL DEFAULT 0,
        ADD COLUMN emergency boolean NOT NULL DEFAULT false,
        ADD COLUMN order_value numeric(18, 6) NOT NULL DEFAULT 0,
        ADD COLUMN approval_deadline timestamptz,
        ADD COLUMN status_changed_at timestamptz,
        ADD COLUMN status_changed_by text NOT NULL DEFAULT 'replenishment',
        ADD COLUMN status_reason text NOT NULL DEFAULT '',
        ADD COLUMN explanation jsonb`);
    await runner.query(`UPDATE orders SET status_changed_at = decided_at WHERE status = 'released'`);
    await runner.query(`UPDATE orders SET status_changed_at = received_at, status_changed_by = buyer_id WHERE status = 'received'`);
    await runner.query('ALTER TABLE orders ALTER COLUMN status_changed_at SET NOT NULL');

    // Released and awaiting orders both count as on order, summed on every stock level.
    await runner.query('DROP INDEX orders_open_by_site_item');
    await runner.query(
      `CREATE INDEX orders_open_by_site_item ON orders (buyer_id, site_id, item_id) WHERE status IN ('awaiting-approval', 'released')`,
    );
    // The expiry sweep looks for awaiting orders past their deadline.
    await runner.query(`CREATE INDEX orders_awaiting_by_deadline ON orders (approval_deadline) WHERE status = 'awaiting-approval'`);

    // What happened to each order when, by whom and why: the steps its events announced, and its goods receipt.
    await runner.query(`
      CREATE TABLE order_events (
        id bigserial PRIMARY KEY,
        order_id text NOT NULL REFERENCES orders (order_id),
        step text NOT NULL CHECK (step IN ('released', 'awaiting-approval', 'approved', 'rejected', 'expired', 'received')),
        status text NOT NULL,
        occurred_at timestamptz NOT NULL,
        changed_by text NOT NULL,
        reason text NOT NULL,
        approval_deadline timestamptz,
        event_id text NOT NULL UNIQUE
      )`);
    await runner.query('CREATE INDEX order_events_by_order ON order_events (order_id, occurred_at, id)');
    await runner.query(`
      INSERT INTO order_events (order_id, step, status, occurred_at, changed_by, reason, event_id)
      SELECT order_id, 'released', 'released', decided_at, 'replenishment', '', triggered_by_event_id || '/replenishment-order' FROM orders`);
    await runner.query(`
      INSERT INTO order_events (order_id, step, status, occurred_at, changed_by, reason, event_id)
      SELECT order_id, 'received', 'received', received_at, buyer_id, '', received_by_event_id FROM orders WHERE status = 'received'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE order_events');
    await runner.query('DROP INDEX orders_awaiting_by_deadline');
    await runner.query('DROP INDEX orders_open_by_site_item');
    await runner.query(`DELETE FROM orders WHERE status IN ('awaiting-approval', 'rejected', 'expired')`);
    await runner.query('ALTER TABLE orders DROP CONSTRAINT orders_status_check');
    await runner.query(`UPDATE orders SET status = 'open' WHERE status = 'released'`);
    await runner.query(`ALTER TABLE orders ADD CONSTRAINT orders_status_check CHECK (status IN ('open', 'received'))`);
    await runner.query(`CREATE INDEX orders_open_by_site_item ON orders (buyer_id, site_id, item_id) WHERE status = 'open'`);
    await runner.query(`
      ALTER TABLE orders
        DROP COLUMN agreement_version, DROP COLUMN emergency, DROP COLUMN order_value, DROP COLUMN approval_deadline,
        DROP COLUMN status_changed_at, DROP COLUMN status_changed_by, DROP COLUMN status_reason, DROP COLUMN explanation`);
  }
}
