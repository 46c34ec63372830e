import { MigrationInterface, QueryRunner } from 'typeorm';

export class DemandOutlooks1764028800330 implements MigrationInterface {
  name = 'DemandOutlooks1764028800330';

  async up(runner: QueryRunner): Promise<void> {
    // The latest forecast per site x item, as demand per day, for safety stock and reorder points.
    await runner.query(`
      CREATE TABLE demand_outlook (
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        per_day double precision NOT NULL,
        std_dev_per_day double precision NOT NULL,
        method text NOT NULL,
        generated_at timestamptz NOT NULL,
        forecast_event_id text NOT NULL,
        demand_class text,
        history_bucket_days integer,
        history jsonb,
        PRIMARY KEY (buyer_id, site_id, item_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE demand_outlook');
  }
}
