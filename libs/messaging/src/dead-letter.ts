import { deadLetterTopicOf } from '@smi/contracts';
import type { KafkaMessage } from 'kafkajs';
import type { EntityManager } from 'typeorm';
import type { RawMessage } from './event-publisher';
import { EVENT_ID_HEADER, type Outbox } from './outbox';
import { headersAsStrings } from './trace-headers';

export const DEAD_LETTER_HEADERS = {
  reason: 'smi-dlq-reason',
  topic: 'smi-dlq-original-topic',
  partition: 'smi-dlq-original-partition',
  offset: 'smi-dlq-original-offset',
  consumer: 'smi-dlq-consumer',
  failedAt: 'smi-dlq-failed-at',
} as const;

/** Marks a record an operator replayed: the id of the dead letter it came from. */
export const REPLAY_OF_HEADER = 'smi-replay-of';

/** Where a record came from on Kafka. */
export interface RecordSource {
  topic: string;
  partition: number;
  message: KafkaMessage;
}

/** Postgres text and jsonb cannot hold NUL: a bad record's key, headers or ids may, and must still be parked. */
const storable = (text: string): string => text.replaceAll('\u0000', '\uFFFD');

function storableHeaders(source: RecordSource): Record<string, string> {
  return Object.fromEntries(Object.entries(headersAsStrings(source.message.headers)).map(([k, v]) => [storable(k), storable(v)]));
}

/** The dead-letter record for a record this service cannot apply: its bytes untouched, the reason in headers. */
export function deadLetterOf(service: string, source: RecordSource, reason: string, failedAt = new Date()): RawMessage {
  return {
    topic: deadLetterTopicOf(service),
    key: storable(source.message.key?.toString() ?? ''),
    value: source.message.value ?? Buffer.alloc(0),
    headers: {
      ...storableHeaders(source),
      [DEAD_LETTER_HEADERS.reason]: storable(reason.slice(0, 2000)),
      [DEAD_LETTER_HEADERS.topic]: source.topic,
      [DEAD_LETTER_HEADERS.partition]: String(source.partition),
      [DEAD_LETTER_HEADERS.offset]: source.message.offset,
      [DEAD_LETTER_HEADERS.consumer]: service,
      [DEAD_LETTER_HEADERS.failedAt]: failedAt.toISOString(),
    },
  };
}

/**
 * Parks records this service cannot apply, in the caller's transaction: each on the service's
 * dead-letter topic (through the outbox, bytes untouched, the reason in headers) and in the
 * dead_letter table, where an operator lists, inspects and replays them once the cause is fixed.
 */
export async function recordDeadLetters(
  tx: { manager: EntityManager; outbox: Outbox },
  service: string,
  letters: ReadonlyArray<{ source: RecordSource; reason: string }>,
): Promise<void> {
  if (letters.length === 0) return;
  const failedAt = new Date();
  for (const { source, reason } of letters) tx.outbox.addEncoded(deadLetterOf(service, source, reason, failedAt));
  const headers = letters.map(({ source }) => storableHeaders(source));
  await tx.manager.query(
    `INSERT INTO dead_letter (topic, partition, "offset", message_key, value, headers, event_id, reason, failed_at)
     SELECT t, p, o, k, v, h, e, r, $9 FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::bytea[], $6::jsonb[], $7::text[], $8::text[])
       WITH ORDINALITY AS d(t, p, o, k, v, h, e, r, n)
     ORDER BY n`,
    [
      letters.map((l) => l.source.topic),
      letters.map((l) => l.source.partition),
      letters.map((l) => l.source.message.offset),
      letters.map((l) => (l.source.message.key ? storable(l.source.message.key.toString()) : null)),
      letters.map((l) => l.source.message.value ?? Buffer.alloc(0)),
      headers.map((h) => JSON.stringify(h)),
      headers.map((h) => h[EVENT_ID_HEADER] ?? null),
      letters.map((l) => storable(l.reason.slice(0, 2000))),
      failedAt,
    ],
  );
}

/**
 * Parks a record that a reader passes over each time it reads its topic again (the agreement book
 * reads the agreements topic from its beginning at every boot): once per record, not once per read.
 */
export async function recordDeadLetterOnce(
  tx: { manager: EntityManager; outbox: Outbox },
  service: string,
  letter: { source: RecordSource; reason: string },
): Promise<void> {
  const { topic, partition, message } = letter.source;
  const kept: unknown[] = await tx.manager.query(
    `SELECT 1 FROM dead_letter WHERE topic = $1 AND partition = $2 AND "offset" = $3 LIMIT 1`,
    [topic, partition, message.offset],
  );
  if (kept.length === 0) await recordDeadLetters(tx, service, [letter]);
}

/** A dead letter as an operator sees it. */
export interface DeadLetter {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  eventId: string | null;
  reason: string;
  failedAt: Date;
  replayedAt: Date | null;
}

type DeadLetterRow = {
  id: string;
  topic: string;
  partition: number;
  offset: string;
  message_key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  event_id: string | null;
  reason: string;
  failed_at: Date;
  replayed_at: Date | null;
};

const deadLetterOfRow = (r: DeadLetterRow): DeadLetter => ({
  id: String(r.id),
  topic: r.topic,
  partition: r.partition,
  offset: r.offset,
  key: r.message_key,
  value: r.value,
  headers: r.headers,
  eventId: r.event_id,
  reason: r.reason,
  failedAt: r.failed_at,
  replayedAt: r.replayed_at,
});

const COLUMNS = `id::text AS id, topic, partition, "offset", message_key, value, headers, event_id, reason, failed_at, replayed_at`;

/** Dead letters, newest first, of one original topic or all; `before` pages on by id. */
export async function listDeadLetters(
  manager: EntityManager,
  filter: { topic?: string; limit: number; before?: string },
): Promise<DeadLetter[]> {
  const rows: DeadLetterRow[] = await manager.query(
    `SELECT ${COLUMNS} FROM dead_letter
     WHERE ($1::text IS NULL OR topic = $1) AND ($2::bigint IS NULL OR id < $2)
     ORDER BY id DESC LIMIT $3`,
    [filter.topic ?? null, filter.before ?? null, filter.limit],
  );
  return rows.map(deadLetterOfRow);
}

export async function findDeadLetter(manager: EntityManager, id: string): Promise<DeadLetter | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const rows: DeadLetterRow[] = await manager.query(`SELECT ${COLUMNS} FROM dead_letter WHERE id = $1`, [id]);
  return rows.length > 0 ? deadLetterOfRow(rows[0]) : undefined;
}

export type ReplayOutcome = { kind: 'replayed' | 'already-replayed'; deadLetter: DeadLetter } | { kind: 'unknown' };

/**
 * Sends a dead-lettered record again to the topic it came from (through the outbox, in the
 * caller's transaction), as it was, marked with the dead letter's id. Once only: the dead letter
 * is marked replayed in the same transaction, and a second replay sends nothing.
 */
export async function replayDeadLetter(tx: { manager: EntityManager; outbox: Outbox }, id: string): Promise<ReplayOutcome> {
  if (!/^\d{1,18}$/.test(id)) return { kind: 'unknown' };
  const [rows]: [DeadLetterRow[], number] = await tx.manager.query(
    `UPDATE dead_letter SET replayed_at = now() WHERE id = $1 AND replayed_at IS NULL RETURNING ${COLUMNS}`,
    [id],
  );
  if (rows.length === 0) {
    const kept = await findDeadLetter(tx.manager, id);
    return kept ? { kind: 'already-replayed', deadLetter: kept } : { kind: 'unknown' };
  }
  const deadLetter = deadLetterOfRow(rows[0]);
  tx.outbox.addEncoded({
    topic: deadLetter.topic,
    key: deadLetter.key ?? '',
    value: deadLetter.value,
    headers: { ...deadLetter.headers, [REPLAY_OF_HEADER]: deadLetter.id },
  });
  return { kind: 'replayed', deadLetter };
}
