import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { DigestItem } from '../alerts/alert-deliveries';
import { Digest } from './digest';

/** Alerts held for digests, and when each party's last digest went out. */
@Injectable()
export class DigestRepository {
  /** Holds alerts for digests; an alert held already (a redelivered event) is left as it is. */
  async hold(manager: EntityManager, items: readonly DigestItem[]): Promise<void> {
    if (items.length === 0) return;
    await manager.query(
      `INSERT INTO digest_items (notification_id, recipient, topic, subject, payload, caused_by_event_id, alerted_at)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::text[], $7::timestamptz[])
       ON CONFLICT (notification_id) DO NOTHING`,
      [
        items.map((i) => i.notificationId),
        items.map((i) => i.recipientId),
        items.map((i) => i.topic),
        items.map((i) => i.subject),
        items.map((i) => JSON.stringify(i.payload)),
        items.map((i) => i.causedByEventId),
        items.map((i) => i.alertedAt),
      ],
    );
  }

  /** Every alert waiting for a digest, locked until the sweep's transaction ends, and when each recipient's last digest went. */
  async waiting(manager: EntityManager): Promise<{ items: DigestItem[]; lastSentAt: Map<string, Date> }> {
    const rows: Array<{
      notification_id: string;
      recipient: string;
      topic: string;
      subject: string;
      payload: Record<string, unknown>;
      caused_by_event_id: string;
      alerted_at: Date;
    }> = await manager.query(
      `SELECT notification_id, recipient, topic, subject, payload, caused_by_event_id, alerted_at FROM digest_items
        WHERE digest_id IS NULL ORDER BY recipient, alerted_at, notification_id FOR UPDATE SKIP LOCKED`,
    );
    const recipients = [...new Set(rows.map((r) => r.recipient))];
    const sent: Array<{ recipient: string; last_sent_at: Date }> = recipients.length
      ? await manager.query(`SELECT recipient, last_sent_at FROM digests_sent WHERE recipient = ANY($1)`, [recipients])
      : [];
    return {
      items: rows.map((r) => ({
        notificationId: r.notification_id,
        recipientId: r.recipient,
        topic: r.topic,
        subject: r.subject,
        payload: r.payload,
        causedByEventId: r.caused_by_event_id,
        alertedAt: r.alerted_at,
      })),
      lastSentAt: new Map(sent.map((s) => [s.recipient, s.last_sent_at])),
    };
  }

  /** Marks the alerts each digest carried, and when it went. */
  async markSent(manager: EntityManager, digests: readonly Digest[]): Promise<void> {
    if (digests.length === 0) return;
    const carried = digests.flatMap((d) => d.items.map((i) => [i.notificationId, d.digestId]));
    await manager.query(
      `UPDATE digest_items d SET digest_id = c.digest_id FROM unnest($1::text[], $2::text[]) AS c(notification_id, digest_id)
        WHERE d.notification_id = c.notification_id`,
      [carried.map((c) => c[0]), carried.map((c) => c[1])],
    );
    await manager.query(
      `INSERT INTO digests_sent (recipient, last_sent_at) SELECT * FROM unnest($1::text[], $2::timestamptz[])
       ON CONFLICT (recipient) DO UPDATE SET last_sent_at = EXCLUDED.last_sent_at`,
      [digests.map((d) => d.recipientId), digests.map((d) => d.until)],
    );
  }
}
