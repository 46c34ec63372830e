import { Client } from 'pg';

export interface RawPostgresResult {
  events: number;
  keys: number;
  eventsPerTransaction: number;
  seconds: number;
  perSecond: number;
}

/**
 * What Postgres itself does with the ingest's writes when fed in batches, from a plain
 * node-postgres script: per event an inbox row (its id, so a redelivery is refused), and per
 * key of the batch one upsert of the on-hand and its sequence, aggregated over the batch's
 * events; 1,000 events per transaction, one connection, in a database of its own.
 */
export async function measureRawPostgres(
  databaseUrl: string,
  events: number,
  keys: number,
  eventsPerTransaction = 1000,
): Promise<RawPostgresResult> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`
      CREATE TABLE inbox (event_id text PRIMARY KEY, processed_at timestamptz NOT NULL DEFAULT now());
      CREATE TABLE on_hand (site_item text PRIMARY KEY, on_hand numeric NOT NULL, sequence bigint NOT NULL, updated_at timestamptz NOT NULL)`);
    const startedAt = Date.now();
    for (let first = 0; first < events; first += eventsPerTransaction) {
      const ids: string[] = [];
      const siteItems: string[] = [];
      const quantities: number[] = [];
      for (let n = first; n < Math.min(first + eventsPerTransaction, events); n++) {
        ids.push(`raw-${n}`);
        siteItems.push(`site-${Math.floor((n % keys) / 100)}|item-${n % 100}`);
        quantities.push(n < keys ? 15 : -1);
      }
      await client.query('BEGIN');
      // Only newly claimed events count towards the on-hand, as in a consumer's inbox.
      await client.query(
        `WITH claimed AS (
           INSERT INTO inbox (event_id) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING RETURNING event_id
         ), batch AS (
           SELECT e.site_item, sum(e.quantity) AS quantity, count(*) AS movements
           FROM unnest($1::text[], $2::text[], $3::numeric[]) AS e(event_id, site_item, quantity)
           JOIN claimed USING (event_id)
           GROUP BY e.site_item
         )
         INSERT INTO on_hand (site_item, on_hand, sequence, updated_at)
         SELECT site_item, quantity, movements, now() FROM batch
         ON CONFLICT (site_item) DO UPDATE
           SET on_hand = on_hand.on_hand + excluded.on_hand, sequence = on_hand.sequence + excluded.sequence, updated_at = excluded.updated_at`,
        [ids, siteItems, quantities],
      );
      await client.query('COMMIT');
    }
    const seconds = (Date.now() - startedAt) / 1000;
    return { events, keys, eventsPerTransaction, seconds, perSecond: events / seconds };
  } finally {
    await client.end();
  }
}
