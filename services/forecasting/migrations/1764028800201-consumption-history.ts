import { MigrationInterface, QueryRunner } from 'typeorm';

export class ConsumptionHistory1764028800201 implements MigrationInterface {
  name = 'ConsumptionHistory1764028800201';

  async up(runner: QueryRunner): Promise<void> {
    // One row per site x item x UTC day: the daily buckets the forecast averages.
    await runner.query(`
      CREATE TABLE consumption_day (
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        day date NOT NULL,
        unit text NOT NULL,
        quantity numeric(18, 6) NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (buyer_id, site_id, item_id, day)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE consumption_day');
  }
}
