import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The facts the service level is judged on, in business time: each agreed site x item's stock
 * level history, each released order line and what its shipment carried, forecast accuracy per
 * period, and which agreement line months new facts landed in (so closed months are recomputed).
 */
export class ServiceLevelFacts1797000000000 implements MigrationInterface {
  name = 'ServiceLevelFacts1797000000000';

  async up(runner: QueryRunner): Promise<void> {
    // The per-key sequence is the key: a redelivered level is the same row.
    await runner.query(`
      CREATE TABLE stock_level_history (
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        sequence bigint NOT NULL,
        event_id text NOT NULL,
        on_hand numeric NOT NULL,
        as_of timestamptz NOT NULL,
        movement_kind text NOT NULL,
        movement_quantity numeric NOT NULL,
        order_reference text,
        PRIMARY KEY (buyer_id, site_id, item_id, sequence)
      )`);
    await runner.query('CREATE INDEX stock_level_history_by_time ON stock_level_history (buyer_id, site_id, item_id, as_of)');
    // A goods receipt booked against an order of another item makes that order's delivery inaccurate.
    await runner.query(
      "CREATE INDEX stock_level_history_receipts ON stock_level_history (order_reference) WHERE movement_kind = 'RECEIPT' AND order_reference IS NOT NULL",
    );
    await runner.query(`
      CREATE TABLE ordered_lines (
        order_id text PRIMARY KEY,
        agreement_id text NOT NULL,
        agreement_version integer NOT NULL,
        buyer_id text NOT NULL,
        supplier_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        ordered_at timestamptz NOT NULL,
        promised_at timestamptz NOT NULL,
        ordered_quantity numeric NOT NULL,
        agreed_lead_time_days numeric NOT NULL,
        withdrawn boolean NOT NULL DEFAULT false
      )`);
    await runner.query('CREATE INDEX ordered_lines_by_line ON ordered_lines (agreement_id, site_id, item_id, promised_at)');
    await runner.query(`
      CREATE TABLE shipped_lines (
        order_id text PRIMARY KEY,
        shipment_id text NOT NULL,
        item_id text NOT NULL,
        status text NOT NULL,
        status_changed_at timestamptz NOT NULL,
        dispatched_quantity numeric,
        received_quantity numeric NOT NULL,
        delivered_at timestamptz,
        receipt_event_ids text[] NOT NULL
      )`);
    await runner.query(`
      CREATE TABLE forecast_accuracy (
        subject text NOT NULL,
        through_period_start text NOT NULL,
        scope text NOT NULL,
        buyer_id text NOT NULL,
        agreement_id text,
        site_id text,
        item_id text,
        event_id text NOT NULL,
        measured_at timestamptz NOT NULL,
        periods_scored integer NOT NULL,
        censored_periods_skipped integer NOT NULL,
        mase double precision,
        bias double precision NOT NULL,
        relative_bias double precision,
        lines_scored integer NOT NULL,
        PRIMARY KEY (subject, through_period_start)
      )`);
    await runner.query('CREATE INDEX forecast_accuracy_by_agreement ON forecast_accuracy (agreement_id, through_period_start)');
    await runner.query(`
      CREATE TABLE touched_period (
        agreement_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        period text NOT NULL,
        touched_at timestamptz NOT NULL,
        PRIMARY KEY (agreement_id, site_id, item_id, period)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['touched_period', 'forecast_accuracy', 'shipped_lines', 'ordered_lines', 'stock_level_history']) {
      await runner.query(`DROP TABLE ${table}`);
    }
  }
}
