import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One row per site x item: the unit its consumption is kept in and the last stock level applied.
 * The sequence makes a redelivered stock level harmless without an inbox row per level.
 */
export class ConsumptionSeries1764028800210 implements MigrationInterface {
  name = 'ConsumptionSeries1764028800210';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE consumption_series (
        buyer_id text NOT NULL,
        site_id text NOT NULL,
        item_id text NOT NULL,
        unit text,
        last_sequence bigint NOT NULL,
        PRIMARY KEY (buyer_id, site_id, item_id)
      )`);
    // Series recorded before: their unit from their days, their last level from the latest closing on-hand.
    await runner.query(`
      INSERT INTO consumption_series (buyer_id, site_id, item_id, unit, last_sequence)
      SELECT s.buyer_id, s.site_id, s.item_id,
             (SELECT c.unit FROM consumption_day c WHERE (c.buyer_id, c.site_id, c.item_id) = (s.buyer_id, s.site_id, s.item_id) LIMIT 1),
             max(s.closing_sequence)
        FROM stock_day s GROUP BY s.buyer_id, s.site_id, s.item_id`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE consumption_series');
  }
}
