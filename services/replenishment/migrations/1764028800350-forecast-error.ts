import { MigrationInterface, QueryRunner } from 'typeorm';

export class ForecastError1764028800350 implements MigrationInterface {
  name = 'ForecastError1764028800350';

  async up(runner: QueryRunner): Promise<void> {
    // DemandForecast v3 carries the backtest error over the lead time, which safety stock is set from.
    await runner.query(
      'ALTER TABLE demand_outlook ADD COLUMN lead_time_error_variance double precision, ADD COLUMN lead_time_error_days double precision',
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE demand_outlook DROP COLUMN lead_time_error_variance, DROP COLUMN lead_time_error_days');
  }
}
