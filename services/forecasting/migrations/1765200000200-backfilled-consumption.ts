import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * History a buyer sends for the years before its agreement lands in the same daily table the live feed fills,
 * marked as sent rather than measured, with the buyer's stock-out flag (the live feed's stock-outs come from on-hand).
 * A forecast keeps how many of its periods held sent history, for the buyers and suppliers reading it.
 */
export class BackfilledConsumption1765200000200 implements MigrationInterface {
  name = 'BackfilledConsumption1765200000200';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      ALTER TABLE consumption_day
        ADD COLUMN backfilled boolean NOT NULL DEFAULT false,
        ADD COLUMN stocked_out boolean NOT NULL DEFAULT false`);
    await runner.query('ALTER TABLE demand_forecast ADD COLUMN backfilled_periods integer NOT NULL DEFAULT 0');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE demand_forecast DROP COLUMN backfilled_periods');
    await runner.query('ALTER TABLE consumption_day DROP COLUMN stocked_out, DROP COLUMN backfilled');
  }
}
