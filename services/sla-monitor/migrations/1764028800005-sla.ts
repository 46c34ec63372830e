import { MigrationInterface, QueryRunner } from 'typeorm';

export class Sla1764028800005 implements MigrationInterface {
  name = 'Sla1764028800005';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE stockout_watch (
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        last_sequence bigint NOT NULL,
        stocked_out boolean NOT NULL,
        last_level_event_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (buyer_id, site_id, item_id)
      )`);
    await runner.query(`
      CREATE TABLE sla_breaches (
        event_id text PRIMARY KEY,
        kind text NOT NULL CHECK (kind IN ('STOCKOUT', 'PENALTY')),
        agreement_id text NOT NULL,
        buyer_id text NOT NULL,
        supplier_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        occurred_at timestamptz NOT NULL,
        period text NOT NULL,
        stockouts_in_period integer NOT NULL,
        allowed_stockouts_per_period integer NOT NULL,
        penalty_amount numeric(18, 6) NOT NULL,
        currency text NOT NULL,
        stock_level_event_id text NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Each stockout counts the line's stockouts in its period; KPIs and listings read a period at a time.
    await runner.query('CREATE INDEX sla_breaches_line_period ON sla_breaches (agreement_id, site_id, item_id, period, kind)');
    await runner.query('CREATE INDEX sla_breaches_period ON sla_breaches (period, kind)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE sla_breaches');
    await runner.query('DROP TABLE stockout_watch');
  }
}
