import { MigrationInterface, QueryRunner } from 'typeorm';

export class PartialReceiptsAndBuyerFeeds1797000000000 implements MigrationInterface {
  name = 'PartialReceiptsAndBuyerFeeds1797000000000';

  async up(runner: QueryRunner): Promise<void> {
    // A partial receipt leaves the rest of its order due: the order keeps which receipts it counted, so a redelivered one counts once.
    await runner.query(`ALTER TABLE orders ADD COLUMN receipt_event_ids text[] NOT NULL DEFAULT '{}'`);
    await runner.query(`UPDATE orders SET receipt_event_ids = ARRAY[received_by_event_id] WHERE received_by_event_id IS NOT NULL`);
    await runner.query('ALTER TABLE order_events DROP CONSTRAINT order_events_step_check');
    await runner.query(
      `ALTER TABLE order_events ADD CONSTRAINT order_events_step_check
         CHECK (step IN ('released', 'awaiting-approval', 'approved', 'rejected', 'expired', 'received', 'partly-received'))`,
    );
    // When each buyer's feed last said anything (the newest stock level's asOf): a silent feed holds automatic release.
    await runner.query(`CREATE TABLE buyer_feeds (buyer_id text PRIMARY KEY, last_level_at timestamptz NOT NULL)`);
    await runner.query(
      `INSERT INTO buyer_feeds (buyer_id, last_level_at) SELECT buyer_id, max(as_of) FROM stock_position GROUP BY buyer_id`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE buyer_feeds');
    await runner.query(`DELETE FROM order_events WHERE step = 'partly-received'`);
    await runner.query('ALTER TABLE order_events DROP CONSTRAINT order_events_step_check');
    await runner.query(
      `ALTER TABLE order_events ADD CONSTRAINT order_events_step_check
         CHECK (step IN ('released', 'awaiting-approval', 'approved', 'rejected', 'expired', 'received'))`,
    );
    await runner.query('ALTER TABLE orders DROP COLUMN receipt_event_ids');
  }
}
