import { MigrationInterface, QueryRunner } from 'typeorm';

export class DemandPatterns1764028800203 implements MigrationInterface {
  name = 'DemandPatterns1764028800203';

  async up(runner: QueryRunner): Promise<void> {
    // The forecast now carries its demand class and the recent history it was drawn from (DemandForecast v2).
    await runner.query(`ALTER TABLE demand_forecast ADD COLUMN demand_class text NOT NULL DEFAULT ''`);
    await runner.query(`ALTER TABLE demand_forecast ADD COLUMN recent_demand jsonb NOT NULL DEFAULT '[]'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE demand_forecast DROP COLUMN recent_demand, DROP COLUMN demand_class');
  }
}
