import { MigrationInterface, QueryRunner } from 'typeorm';

export class FittedParameters1764028800205 implements MigrationInterface {
  name = 'FittedParameters1764028800205';

  async up(runner: QueryRunner): Promise<void> {
    // Each series' method constants from its last full fit, kept so that recomputations between refits need not search them again.
    await runner.query(`CREATE TABLE fitted_parameters (
      buyer_id text NOT NULL, site_id text NOT NULL, item_id text NOT NULL,
      period_days integer NOT NULL,
      fitted_through date NOT NULL,
      parameters jsonb NOT NULL,
      PRIMARY KEY (buyer_id, site_id, item_id))`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE fitted_parameters');
  }
}
