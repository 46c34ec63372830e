import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The inbox keyed by whose event it is and the channel it came through (event ids are the
 * sender's, unique only within its scope), with the hash of each event's body so a repeat with
 * another body is told apart; and the dead letters kept where an operator can list and replay
 * them. Rows kept before have the scope '' and no hash. List it after MessagingTables.
 */
export class ScopedInboxAndDeadLetters1796601600000 implements MigrationInterface {
  name = 'ScopedInboxAndDeadLetters1796601600000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE inbox ADD COLUMN scope text NOT NULL DEFAULT '', ADD COLUMN body_hash text`);
    await runner.query(`ALTER TABLE inbox ALTER COLUMN scope DROP DEFAULT, ALTER COLUMN processed_at DROP NOT NULL`);
    await runner.query(`ALTER TABLE inbox DROP CONSTRAINT inbox_pkey, ADD PRIMARY KEY (consumer, scope, event_id)`);
    await runner.query(`
      CREATE TABLE dead_letter (
        id bigserial PRIMARY KEY,
        topic text NOT NULL,
        partition integer NOT NULL,
        "offset" text NOT NULL,
        message_key text,
        value bytea NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        event_id text,
        reason text NOT NULL,
        failed_at timestamptz NOT NULL DEFAULT now(),
        replayed_at timestamptz
      )`);
    await runner.query('CREATE INDEX dead_letter_by_topic ON dead_letter (topic, id)');
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE dead_letter');
    await runner.query(`DELETE FROM inbox WHERE processed_at IS NULL`);
    await runner.query(`ALTER TABLE inbox DROP CONSTRAINT inbox_pkey`);
    await runner.query(`DELETE FROM inbox a USING inbox b WHERE a.consumer = b.consumer AND a.event_id = b.event_id AND a.scope > b.scope`);
    await runner.query(`ALTER TABLE inbox ADD PRIMARY KEY (consumer, event_id), DROP COLUMN scope, DROP COLUMN body_hash`);
    await runner.query(`ALTER TABLE inbox ALTER COLUMN processed_at SET NOT NULL`);
  }
}
