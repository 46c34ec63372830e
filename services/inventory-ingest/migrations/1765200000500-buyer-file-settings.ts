import { MigrationInterface, QueryRunner } from 'typeorm';

/** How a buyer's uploaded files write their dates, when an upload does not say. */
export class BuyerFileSettings1765200000500 implements MigrationInterface {
  name = 'BuyerFileSettings1765200000500';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE buyer_file_settings (
        buyer_id text PRIMARY KEY,
        date_format text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE buyer_file_settings');
  }
}
