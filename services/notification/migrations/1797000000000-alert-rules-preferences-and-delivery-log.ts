import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the new alert rules remember (so each alerts once per crossing, silence or deadline),
 * each party's preferences, alerts waiting for a digest, and every delivery attempt.
 */
export class AlertRulesPreferencesAndDeliveryLog1797000000000 implements MigrationInterface {
  name = 'AlertRulesPreferencesAndDeliveryLog1797000000000';

  async up(runner: QueryRunner): Promise<void> {
    // Every attempt of a delivery, for its log; the deliveries row keeps the latest.
    await runner.query(`
      CREATE TABLE delivery_attempts (
        notification_id text NOT NULL REFERENCES deliveries (notification_id) ON DELETE CASCADE,
        attempt integer NOT NULL,
        attempted_at timestamptz NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('delivered', 'failed')),
        error text,
        PRIMARY KEY (notification_id, attempt)
      )`);
    await runner.query(`CREATE INDEX deliveries_by_topic ON deliveries (topic, created_at DESC)`);
    await runner.query(`
      CREATE TABLE notification_preferences (
        party_id text PRIMARY KEY,
        rules text[],
        channel text NOT NULL CHECK (channel IN ('WEBHOOK', 'EMAIL')),
        mode text NOT NULL CHECK (mode IN ('immediate', 'digest')),
        updated_at timestamptz NOT NULL
      )`);
    // Alerts held for a party's next digest; digest_id is set once a digest carried them.
    await runner.query(`
      CREATE TABLE digest_items (
        notification_id text PRIMARY KEY,
        recipient text NOT NULL,
        topic text NOT NULL,
        subject text NOT NULL,
        payload jsonb NOT NULL,
        caused_by_event_id text NOT NULL,
        alerted_at timestamptz NOT NULL,
        digest_id text
      )`);
    await runner.query(`CREATE INDEX digest_items_waiting ON digest_items (recipient, alerted_at) WHERE digest_id IS NULL`);
    await runner.query(`CREATE TABLE digests_sent (recipient text PRIMARY KEY, last_sent_at timestamptz NOT NULL)`);
    // Per buyer site x item: the latest level seen and whether it is below the projected minimum / above the maximum now.
    await runner.query(`
      CREATE TABLE stock_watch (
        buyer_id text NOT NULL, site_id text NOT NULL, item_id text NOT NULL,
        sequence bigint NOT NULL,
        on_hand double precision NOT NULL,
        as_of timestamptz NOT NULL,
        projected_below_min boolean NOT NULL,
        above_max boolean NOT NULL,
        PRIMARY KEY (buyer_id, site_id, item_id)
      )`);
    // The latest demand forecast per buyer site x item, as far as the projection needs it.
    await runner.query(`
      CREATE TABLE demand_outlooks (
        buyer_id text NOT NULL, site_id text NOT NULL, item_id text NOT NULL,
        period_days integer NOT NULL,
        demand_per_period double precision NOT NULL,
        horizon_demand double precision[] NOT NULL,
        generated_at timestamptz NOT NULL,
        PRIMARY KEY (buyer_id, site_id, item_id)
      )`);
    // Per buyer: when its feed last spoke (business time) and since when it has been reported silent.
    await runner.query(`
      CREATE TABLE feed_watch (
        buyer_id text PRIMARY KEY,
        last_as_of timestamptz NOT NULL,
        silent_since timestamptz
      )`);
    await runner.query(`
      CREATE TABLE approval_watch (
        order_id text PRIMARY KEY,
        buyer_id text NOT NULL,
        awaiting_since timestamptz NOT NULL,
        deadline timestamptz NOT NULL,
        reminded boolean NOT NULL DEFAULT false,
        order_event jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX approval_watch_due ON approval_watch (deadline) WHERE NOT reminded`);
    await runner.query(`
      CREATE TABLE shipment_watch (
        shipment_id text PRIMARY KEY,
        buyer_id text NOT NULL,
        supplier_id text NOT NULL,
        due_at timestamptz NOT NULL,
        open boolean NOT NULL,
        late_alerted boolean NOT NULL DEFAULT false,
        delay_reason text,
        status_changed_at timestamptz NOT NULL,
        shipment_event jsonb NOT NULL
      )`);
    await runner.query(`CREATE INDEX shipment_watch_due ON shipment_watch (due_at) WHERE open AND NOT late_alerted`);
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of [
      'shipment_watch',
      'approval_watch',
      'feed_watch',
      'demand_outlooks',
      'stock_watch',
      'digests_sent',
      'digest_items',
      'notification_preferences',
      'delivery_attempts',
    ])
      await runner.query(`DROP TABLE ${table}`);
    await runner.query('DROP INDEX deliveries_by_topic');
  }
}
