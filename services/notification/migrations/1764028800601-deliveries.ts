import { MigrationInterface, QueryRunner } from 'typeorm';

export class Deliveries1764028800601 implements MigrationInterface {
  name = 'Deliveries1764028800601';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`
      CREATE TABLE deliveries (
        notification_id text PRIMARY KEY,
        recipient text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('WEBHOOK', 'EMAIL')),
        url text NOT NULL,
        topic text NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        caused_by_event_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
        attempts integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz NOT NULL,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        completed_at timestamptz
      )`);
    // The dispatcher's poll: only pending rows, soonest due first.
    await runner.query(`CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status = 'pending'`);
    // A party listing its own alerts, newest first.
    await runner.query('CREATE INDEX deliveries_by_recipient ON deliveries (recipient, created_at DESC)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE deliveries');
  }
}
