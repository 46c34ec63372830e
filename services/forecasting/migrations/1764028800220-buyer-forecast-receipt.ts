import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the platform received each buyer forecast: the backtest counts a forecast as made no
 * earlier than that, whatever submittedAt the buyer claims. Forecasts kept before had only the
 * claim, which stands for them.
 */
export class BuyerForecastReceipt1764028800220 implements MigrationInterface {
  name = 'BuyerForecastReceipt1764028800220';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE buyer_forecast ADD COLUMN received_at timestamptz');
    await runner.query('UPDATE buyer_forecast SET received_at = submitted_at');
    await runner.query('ALTER TABLE buyer_forecast ALTER COLUMN received_at SET NOT NULL');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE buyer_forecast DROP COLUMN received_at');
  }
}
