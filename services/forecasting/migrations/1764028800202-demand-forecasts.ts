import { MigrationInterface, QueryRunner } from 'typeorm';

export class DemandForecasts1764028800202 implements MigrationInterface {
  name = 'DemandForecasts1764028800202';

  async up(runner: QueryRunner): Promise<void> {
    // The latest forecast per site x item, as published; served by GET /forecasts.
    await runner.query(`
      CREATE TABLE demand_forecast (
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        event_id text NOT NULL,
        unit text NOT NULL,
        method text NOT NULL,
        period_days integer NOT NULL,
        demand_per_period numeric(18, 6) NOT NULL,
        standard_deviation_per_period numeric(18, 6) NOT NULL,
        periods_observed integer NOT NULL,
        generated_at timestamptz NOT NULL,
        based_on_movement_id text NOT NULL,
        PRIMARY KEY (buyer_id, site_id, item_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE demand_forecast');
  }
}
