import { MigrationInterface, QueryRunner } from 'typeorm';

export class SupplierCapacity1764028800340 implements MigrationInterface {
  name = 'SupplierCapacity1764028800340';

  async up(runner: QueryRunner): Promise<void> {
    // What a supplier can deliver of an item per period, across all its buyers.
    await runner.query(`
      CREATE TABLE supplier_capacity (
        supplier_id text NOT NULL,
        item_id text NOT NULL,
        period_days integer NOT NULL CHECK (period_days >= 1),
        quantity_per_period numeric(18, 6) NOT NULL CHECK (quantity_per_period >= 0),
        updated_at timestamptz NOT NULL,
        updated_by text NOT NULL,
        PRIMARY KEY (supplier_id, item_id)
      )`);
    // Every order of an item under capacity draws on a period: served at once, or waiting for the allocation.
    // The request id is the order id, so a redelivered stock level finds its request.
    await runner.query(`
      CREATE TABLE capacity_request (
        request_id text PRIMARY KEY,
        supplier_id text NOT NULL,
        item_id text NOT NULL,
        period_start timestamptz NOT NULL,
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        agreement_version integer NOT NULL,
        requested numeric(18, 6) NOT NULL,
        allocated numeric(18, 6),
        status text NOT NULL CHECK (status IN ('waiting', 'allocated', 'unserved')),
        reason text NOT NULL,
        buyer_reason text NOT NULL,
        days_of_cover double precision NOT NULL,
        penalty_per_stockout_day double precision NOT NULL,
        trigger_event_id text NOT NULL,
        trigger_as_of timestamptz NOT NULL,
        on_hand numeric(18, 6) NOT NULL,
        on_order numeric(18, 6) NOT NULL,
        decision jsonb NOT NULL,
        requested_at timestamptz NOT NULL,
        allocated_at timestamptz
      )`);
    await runner.query('CREATE INDEX capacity_request_period ON capacity_request (supplier_id, item_id, period_start, status)');
    await runner.query('CREATE INDEX capacity_request_site_item ON capacity_request (buyer_id, site_id, item_id, period_start)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE capacity_request');
    await runner.query('DROP TABLE supplier_capacity');
  }
}
