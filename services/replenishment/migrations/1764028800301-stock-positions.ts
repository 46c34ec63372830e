import { MigrationInterface, QueryRunner } from 'typeorm';

export class StockPositions1764028800301 implements MigrationInterface {
  name = 'StockPositions1764028800301';

  async up(runner: QueryRunner): Promise<void> {
    // The latest on-hand applied per site x item under an agreement, with its sequence to spot stale levels.
    await runner.query(`
      CREATE TABLE stock_position (
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        unit text NOT NULL,
        on_hand numeric(18, 6) NOT NULL,
        sequence bigint NOT NULL,
        as_of timestamptz NOT NULL,
        last_level_event_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (buyer_id, site_id, item_id)
      )`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE stock_position');
  }
}
