import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A buyer forecast's eventId is the buyer's: unique per buyer, not across buyers. The hash of the
 * submission as sent tells a resend (same body) from a conflicting one (another body).
 */
export class BuyerForecastPerBuyer1764028800221 implements MigrationInterface {
  name = 'BuyerForecastPerBuyer1764028800221';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE buyer_forecast ADD COLUMN body_hash text');
    await runner.query('ALTER TABLE buyer_forecast DROP CONSTRAINT buyer_forecast_pkey, ADD PRIMARY KEY (buyer_id, event_id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DELETE FROM buyer_forecast a USING buyer_forecast b WHERE a.event_id = b.event_id AND a.buyer_id > b.buyer_id');
    await runner.query('ALTER TABLE buyer_forecast DROP CONSTRAINT buyer_forecast_pkey, ADD PRIMARY KEY (event_id)');
    await runner.query('ALTER TABLE buyer_forecast DROP COLUMN body_hash');
  }
}
