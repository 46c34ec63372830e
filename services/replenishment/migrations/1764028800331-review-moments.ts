import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewMoments1764028800331 implements MigrationInterface {
  name = 'ReviewMoments1764028800331';

  async up(runner: QueryRunner): Promise<void> {
    // Periodic policies review once per review moment; the stock level that triggers it may be redelivered.
    await runner.query('ALTER TABLE stock_position ADD COLUMN last_review_at timestamptz');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('ALTER TABLE stock_position DROP COLUMN last_review_at');
  }
}
