import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Delivery, DeliveryChannel, DeliveryStatus } from './delivery';
import { DeliveryRow } from './delivery.entity';
import { AttemptOutcome } from './retry-schedule';

/** Columns as the raw SQL below returns them. */
interface RawDelivery {
  notification_id: string;
  recipient: string;
  channel: DeliveryChannel;
  url: string;
  topic: string;
  subject: string;
  payload: Record<string, unknown>;
  caused_by_event_id: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  created_at: Date;
  completed_at: Date | null;
}

@Injectable()
export class DeliveryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records deliveries to make, in one statement; one already recorded under the same notification id is left as it is. */
  async addPending(manager: EntityManager, deliveries: readonly Delivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const column = <K extends keyof Delivery>(name: K) => deliveries.map((d) => d[name]);
    await manager.query(
      `INSERT INTO deliveries (notification_id, recipient, channel, url, topic, subject, payload, caused_by_event_id,
                               status, attempts, next_attempt_at, last_error, created_at, completed_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::text[],
                            $9::text[], $10::int[], $11::timestamptz[], $12::text[], $13::timestamptz[], $14::timestamptz[])
       ON CONFLICT (notification_id) DO NOTHING`,
      [
        column('notificationId'),
        column('recipientId'),
        column('channel'),
        column('url'),
        column('topic'),
        column('subject'),
        deliveries.map((d) => JSON.stringify(d.payload)),
        column('causedByEventId'),
        column('status'),
        column('attempts'),
        column('nextAttemptAt'),
        column('lastError'),
        column('createdAt'),
        column('completedAt'),
      ],
    );
  }

  /**
   * Takes up to `limit` due deliveries for one attempt each: counts the attempt
   * and pushes their due time `leaseMs` ahead, in one statement. SKIP LOCKED lets
   * several dispatchers share the table; the lease means a dispatcher that dies
   * mid-attempt only delays the delivery, and no transaction stays open during HTTP.
   */
  async claimDue(now: Date, limit: number, leaseMs: number): Promise<Delivery[]> {
    const [rows] = (await this.dataSource.query(
      `UPDATE deliveries d
          SET attempts = d.attempts + 1, next_attempt_at = $2
         FROM (SELECT notification_id FROM deliveries
                WHERE status = 'pending' AND next_attempt_at <= $1
                ORDER BY next_attempt_at
                LIMIT $3
                FOR UPDATE SKIP LOCKED) due
        WHERE d.notification_id = due.notification_id
    RETURNING d.*`,
      [now, new Date(now.getTime() + leaseMs), limit],
    )) as [RawDelivery[], number];
    return rows.map(fromRaw);
  }

  /**
   * Stores how each attempt went, in one statement, unless its delivery moved on meanwhile (its
   * lease ran out and another dispatch claimed it again). Returns the notification ids stored.
   */
  async recordOutcomes(
    manager: EntityManager,
    attempts: ReadonlyArray<{ claimed: Delivery; outcome: AttemptOutcome; attemptedAt: Date }>,
  ): Promise<Set<string>> {
    if (attempts.length === 0) return new Set();
    const [rows] = (await manager.query(
      `UPDATE deliveries d
          SET status = o.status, last_error = o.last_error, next_attempt_at = COALESCE(o.next_attempt_at, d.next_attempt_at), completed_at = o.completed_at
         FROM unnest($1::text[], $2::int[], $3::text[], $4::text[], $5::timestamptz[], $6::timestamptz[])
              AS o(notification_id, attempts, status, last_error, next_attempt_at, completed_at)
        WHERE d.notification_id = o.notification_id AND d.status = 'pending' AND d.attempts = o.attempts
    RETURNING d.notification_id`,
      [
        attempts.map((a) => a.claimed.notificationId),
        attempts.map((a) => a.claimed.attempts),
        attempts.map((a) => a.outcome.status),
        attempts.map((a) => a.outcome.lastError),
        attempts.map((a) => (a.outcome.status === 'pending' ? a.outcome.nextAttemptAt : null)),
        attempts.map((a) => (a.outcome.status === 'pending' ? null : a.outcome.completedAt)),
      ],
    )) as [Array<{ notification_id: string }>, number];
    const stored = new Set(rows.map((r) => r.notification_id));
    // The log keeps every attempt stored: when it ended and how.
    const logged = attempts.filter((a) => stored.has(a.claimed.notificationId));
    if (logged.length > 0)
      await manager.query(
        `INSERT INTO delivery_attempts (notification_id, attempt, attempted_at, outcome, error)
         SELECT * FROM unnest($1::text[], $2::int[], $3::timestamptz[], $4::text[], $5::text[])
         ON CONFLICT DO NOTHING`,
        [
          logged.map((a) => a.claimed.notificationId),
          logged.map((a) => a.claimed.attempts),
          logged.map((a) => a.attemptedAt),
          logged.map((a) => (a.outcome.status === 'delivered' ? 'delivered' : 'failed')),
          logged.map((a) => a.outcome.lastError),
        ],
      );
    return stored;
  }

  /** Newest first; `recipientId` narrows to one party's alerts. */
  async list(filter: DeliveryFilter): Promise<Delivery[]> {
    return this.dataSource.getRepository(DeliveryRow).find({
      where: {
        ...(filter.status ? { status: filter.status } : {}),
        ...(filter.recipientId ? { recipientId: filter.recipientId } : {}),
        ...(filter.topic ? { topic: filter.topic } : {}),
        ...(filter.channel ? { channel: filter.channel } : {}),
        ...(filter.causedByEventId ? { causedByEventId: filter.causedByEventId } : {}),
      },
      order: { createdAt: 'DESC', notificationId: 'ASC' },
      take: filter.limit,
    });
  }

  /** One delivery with every attempt, oldest first. */
  async find(notificationId: string): Promise<{ delivery: Delivery; attempts: DeliveryAttempt[] } | undefined> {
    const delivery = await this.dataSource.getRepository(DeliveryRow).findOneBy({ notificationId });
    if (!delivery) return undefined;
    const rows: Array<{ attempt: number; attempted_at: Date; outcome: 'delivered' | 'failed'; error: string | null }> =
      await this.dataSource.query(
        'SELECT attempt, attempted_at, outcome, error FROM delivery_attempts WHERE notification_id = $1 ORDER BY attempt',
        [notificationId],
      );
    return { delivery, attempts: rows.map((r) => ({ attempt: r.attempt, at: r.attempted_at, outcome: r.outcome, error: r.error })) };
  }
}

export interface DeliveryFilter {
  status?: DeliveryStatus;
  recipientId?: string;
  topic?: string;
  channel?: DeliveryChannel;
  causedByEventId?: string;
  limit: number;
}

/** One attempt of a delivery, as its log shows it. */
export interface DeliveryAttempt {
  attempt: number;
  at: Date;
  outcome: 'delivered' | 'failed';
  error: string | null;
}

function fromRaw(row: RawDelivery): Delivery {
  return {
    notificationId: row.notification_id,
    recipientId: row.recipient,
    channel: row.channel,
    url: row.url,
    topic: row.topic,
    subject: row.subject,
    payload: row.payload,
    causedByEventId: row.caused_by_event_id,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    completedAt: row.completed_at,
  };
}
