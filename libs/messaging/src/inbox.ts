import { createHash } from 'node:crypto';
import { EntityManager, EntitySchema } from 'typeorm';

/** An event a consumer has already applied; its presence makes redelivery a no-op. */
export interface ProcessedEvent {
  consumer: string;
  /** Whose event and through which channel (`<party>|<channel>`): ids are the sender's, unique only within its own scope. */
  scope: string;
  eventId: string;
  /** sha256 of the event's canonical body: a repeat with another body is a conflict, not a repeat. */
  bodyHash: string | null;
  /** Null while an API has taken the event in (and produced it) but the consumer has not applied it yet. */
  processedAt: Date | null;
}

export const ProcessedEventEntity = new EntitySchema<ProcessedEvent>({
  name: 'ProcessedEvent',
  tableName: 'inbox',
  columns: {
    consumer: { type: 'text', primary: true },
    scope: { type: 'text', primary: true },
    eventId: { name: 'event_id', type: 'text', primary: true },
    bodyHash: { name: 'body_hash', type: 'text', nullable: true },
    processedAt: { name: 'processed_at', type: 'timestamptz', nullable: true },
  },
});

/** One event to claim: whose it is, its id and the hash of its body. */
export interface InboxClaim {
  scope: string;
  eventId: string;
  bodyHash: string;
}

/**
 * What the inbox says of a claimed event: never seen (apply it), seen with the same body (a
 * repeat: nothing to do), or seen with another body (a conflict the sender must be told about).
 */
export type ClaimOutcome = 'fresh' | 'repeat' | 'conflict';

/** The channel an event came through (a Kafka producer, the REST API, an uploaded file); part of its inbox scope. Records without the channel header came from Kafka. */
export const CHANNEL_HEADER = 'smi-channel';
export const CHANNELS = ['kafka', 'rest', 'file', 'edi'] as const;
export type Channel = (typeof CHANNELS)[number];

/** The channel a record's header names; a record without one (or naming none known) came from Kafka. */
export const channelOf = (header: string | undefined): Channel =>
  (CHANNELS as readonly string[]).includes(header ?? '') ? (header as Channel) : 'kafka';

/** The inbox's name for a service consuming a topic: an API that takes the topic's events in claims under the same name. */
export const inboxConsumerOf = (service: string, topic: { contractName: string }): string => `${service}:${topic.contractName}`;

export const inboxScopeOf = (party: string, channel: string): string => `${party}|${channel}`;

/**
 * The sha256 of a value's canonical JSON (keys sorted, dates as ISO-8601), so one event decoded from
 * Avro and the same event built from a JSON body hash alike.
 */
export function canonicalHashOf(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}

function canonicalJson(value: unknown): string {
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

/**
 * Claims a run of events for a consumer in one statement, inside the current transaction, and
 * says of each whether it is fresh, a repeat or a conflict, in the order given. An event taken
 * in by an API but not applied yet (`reserveEvents`) is fresh to the consumer when its body is
 * the same. Of an event twice in the run, the first counts. An event being applied by a
 * concurrent transaction waits for it (the row lock) and is then a repeat or a conflict.
 * `reserve` writes the rows as taken in, not applied (what an API does before it produces).
 */
export async function claimEvents(
  manager: EntityManager,
  consumer: string,
  claims: readonly InboxClaim[],
  { reserve = false }: { reserve?: boolean } = {},
): Promise<ClaimOutcome[]> {
  const outcomes: ClaimOutcome[] = new Array(claims.length);
  const first = new Map<string, number>();
  claims.forEach((c, i) => {
    const key = `${c.scope}\u0000${c.eventId}`;
    if (!first.has(key)) first.set(key, i);
  });
  const unique = [...first.values()].map((i) => claims[i]);
  if (unique.length > 0) {
    // The outer SELECT sees the inbox as it was before the INSERT: the kept hash of what was there.
    const rows: Array<{ scope: string; event_id: string; claimed: boolean; kept_hash: string | null }> = await manager.query(
      `WITH c AS (SELECT * FROM unnest($2::text[], $3::text[], $4::text[]) AS c(scope, event_id, body_hash)),
       ins AS (
         INSERT INTO inbox (consumer, scope, event_id, body_hash, processed_at)
         SELECT $1, scope, event_id, body_hash, CASE WHEN $5 THEN NULL ELSE now() END FROM c
         ON CONFLICT (consumer, scope, event_id) DO UPDATE SET processed_at = now()
           WHERE NOT $5 AND inbox.processed_at IS NULL AND inbox.body_hash = excluded.body_hash
         RETURNING scope, event_id)
       SELECT c.scope, c.event_id, ins.event_id IS NOT NULL AS claimed, i.body_hash AS kept_hash
       FROM c LEFT JOIN ins USING (scope, event_id)
       LEFT JOIN inbox i ON i.consumer = $1 AND i.scope = c.scope AND i.event_id = c.event_id`,
      [consumer, unique.map((c) => c.scope), unique.map((c) => c.eventId), unique.map((c) => c.bodyHash), reserve],
    );
    for (const row of rows) {
      const i = first.get(`${row.scope}\u0000${row.event_id}`)!;
      // A row kept before hashes were stored (null) cannot be told apart: a repeat, as it always was.
      outcomes[i] = row.claimed ? 'fresh' : row.kept_hash === null || row.kept_hash === claims[i].bodyHash ? 'repeat' : 'conflict';
    }
  }
  claims.forEach((c, i) => {
    if (outcomes[i] !== undefined) return;
    const firstOne = first.get(`${c.scope}\u0000${c.eventId}`)!;
    outcomes[i] = claims[firstOne].bodyHash === c.bodyHash ? 'repeat' : 'conflict';
  });
  return outcomes;
}

/** Forgets claims of events that were not applied after all (dead-lettered), so a replay after a fix is fresh. */
export async function releaseClaims(manager: EntityManager, consumer: string, claims: readonly InboxClaim[]): Promise<void> {
  if (claims.length === 0) return;
  await manager.query(
    `DELETE FROM inbox i USING unnest($2::text[], $3::text[]) AS c(scope, event_id)
     WHERE i.consumer = $1 AND i.scope = c.scope AND i.event_id = c.event_id`,
    [consumer, claims.map((c) => c.scope), claims.map((c) => c.eventId)],
  );
}
