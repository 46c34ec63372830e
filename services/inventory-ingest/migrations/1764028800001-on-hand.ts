import { MigrationInterface, QueryRunner } from 'typeorm';

export class OnHand1764028800001 implements MigrationInterface {
  name = 'OnHand1764028800001';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE on_hand (
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        unit text NOT NULL,
        quantity numeric(18, 6) NOT NULL,
        sequence bigint NOT NULL,
        last_count_at timestamptz,
        as_of timestamptz NOT NULL,
        last_movement_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (buyer_id, site_id, item_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE on_hand');
  }
}
