import { MigrationInterface, QueryRunner } from 'typeorm';

export class ForecastSelection1764028800204 implements MigrationInterface {
  name = 'ForecastSelection1764028800204';

  async up(runner: QueryRunner): Promise<void> {
    // DemandForecast v3: the method chosen by backtest, its score and runner-up, the error over the lead time.
    await runner.query(`
      ALTER TABLE demand_forecast
        ADD COLUMN agreement_id text,
        ADD COLUMN first_period_start text,
        ADD COLUMN horizon_demand jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN censored_periods integer NOT NULL DEFAULT 0,
        ADD COLUMN method_score double precision,
        ADD COLUMN runner_up_method text,
        ADD COLUMN runner_up_score double precision,
        ADD COLUMN method_scores jsonb NOT NULL DEFAULT '[]',
        ADD COLUMN lead_time_periods integer NOT NULL DEFAULT 0,
        ADD COLUMN lead_time_error_variance double precision`);
    // On-hand through each day, for the days out of stock (censored demand).
    await runner.query(`
      CREATE TABLE stock_day (
        buyer_id text NOT NULL, site_id text NOT NULL, item_id text NOT NULL, day date NOT NULL,
        lowest_on_hand numeric NOT NULL, closing_on_hand numeric NOT NULL, closing_sequence bigint NOT NULL,
        PRIMARY KEY (buyer_id, site_id, item_id, day))`);
    // Every forecast published, kept to be scored when its periods' actuals arrive.
    await runner.query(`
      CREATE TABLE forecast_snapshot (
        event_id text PRIMARY KEY, buyer_id text NOT NULL, site_id text NOT NULL, item_id text NOT NULL, agreement_id text,
        method text NOT NULL, period_days integer NOT NULL, first_period_start date NOT NULL, horizon_demand jsonb NOT NULL,
        generated_at timestamptz NOT NULL)`);
    await runner.query('CREATE INDEX forecast_snapshot_by_series ON forecast_snapshot (buyer_id, site_id, item_id, first_period_start)');
    // Each closed period with what had been forecast for it before it started.
    await runner.query(`
      CREATE TABLE scored_period (
        buyer_id text NOT NULL, site_id text NOT NULL, item_id text NOT NULL, period_start date NOT NULL, period_days integer NOT NULL,
        forecast double precision NOT NULL, actual double precision NOT NULL, censored boolean NOT NULL, snapshot_event_id text NOT NULL,
        PRIMARY KEY (buyer_id, site_id, item_id, period_days, period_start))`);
    // The latest accuracy per site x item and per agreement, as last published.
    await runner.query(`
      CREATE TABLE forecast_accuracy (
        scope_key text PRIMARY KEY, scope text NOT NULL, buyer_id text NOT NULL, agreement_id text, site_id text, item_id text,
        event_id text NOT NULL, periods_scored integer NOT NULL, censored_periods_skipped integer NOT NULL, mase double precision,
        bias double precision NOT NULL, relative_bias double precision, lines_scored integer NOT NULL,
        through_period_start text NOT NULL, measured_at timestamptz NOT NULL, forecast_total double precision NOT NULL, actual_total double precision NOT NULL)`);
    // Buyers' own forecasts, one row per submission.
    await runner.query(`
      CREATE TABLE buyer_forecast (
        event_id text PRIMARY KEY, buyer_id text NOT NULL, site_id text NOT NULL, item_id text NOT NULL, unit text NOT NULL,
        period_days integer NOT NULL, first_period_start date NOT NULL, quantities jsonb NOT NULL, submitted_at timestamptz NOT NULL)`);
    await runner.query('CREATE INDEX buyer_forecast_by_series ON buyer_forecast (buyer_id, site_id, item_id, submitted_at)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE buyer_forecast, forecast_accuracy, scored_period, forecast_snapshot, stock_day');
    await runner.query(`
      ALTER TABLE demand_forecast DROP COLUMN agreement_id, DROP COLUMN first_period_start, DROP COLUMN horizon_demand,
        DROP COLUMN censored_periods, DROP COLUMN method_score, DROP COLUMN runner_up_method, DROP COLUMN runner_up_score,
        DROP COLUMN method_scores, DROP COLUMN lead_time_periods, DROP COLUMN lead_time_error_variance`);
  }
}
