import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Delivery, DeliveryStatus } from './delivery';
import { DeliveryRow } from './delivery.entity';
import { AttemptOutcome } from './retry-schedule';

/** Columns as the raw SQL below returns them. */
interface RawDelivery {
  notification_id: string;
  recipient: string;
  channel: 'WEBHOOK';
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

  /** Records a delivery to make; one already recorded under the same notification id is left as it is. */
  async addPending(manager: EntityManager, delivery: Delivery): Promise<boolean> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO deliveries (notification_id, recipient, channel, url, topic, subject, payload, caused_by_event_id,
                               status, attempts, next_attempt_at, last_error, created_at, completed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9, $10, $11, $12, $13, $14)
       ON CONFLICT (notification_id) DO NOTHING
       RETURNING notification_id`,
      [
        delivery.notificationId,
        delivery.recipientId,
        delivery.channel,
        delivery.url,
        delivery.topic,
        delivery.subject,
        JSON.stringify(delivery.payload),
        delivery.causedByEventId,
        delivery.status,
        delivery.attempts,
        delivery.nextAttemptAt,
        delivery.lastError,
        delivery.createdAt,
        delivery.completedAt,
      ],
    );
    return rows.length === 1;
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
   * Stores how the attempt went, unless the delivery moved on meanwhile (its lease
   * ran out and another dispatcher claimed it again). True when it was stored.
   */
  async recordOutcome(manager: EntityManager, claimed: Delivery, outcome: AttemptOutcome): Promise<boolean> {
    const [rows] = (await manager.query(
      `UPDATE deliveries
          SET status = $3, last_error = $4, next_attempt_at = COALESCE($5, next_attempt_at), completed_at = $6
        WHERE notification_id = $1 AND status = 'pending' AND attempts = $2
    RETURNING notification_id`,
      [
        claimed.notificationId,
        claimed.attempts,
        outcome.status,
        outcome.lastError,
        outcome.status === 'pending' ? outcome.nextAttemptAt : null,
        outcome.status === 'pending' ? null : outcome.completedAt,
      ],
    )) as [unknown[], number];
    return rows.length === 1;
  }

  /** Newest first; `recipientId` narrows to one party's alerts. */
  async list(filter: { status?: DeliveryStatus; recipientId?: string; limit: number }): Promise<Delivery[]> {
    return this.dataSource.getRepository(DeliveryRow).find({
      where: { ...(filter.status ? { status: filter.status } : {}), ...(filter.recipientId ? { recipientId: filter.recipientId } : {}) },
      order: { createdAt: 'DESC', notificationId: 'ASC' },
      take: filter.limit,
    });
  }
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
