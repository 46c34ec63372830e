import { DigestItem } from '../alerts/alert-deliveries';

/** One message gathering a party's alerts since its last digest. */
export interface Digest {
  digestId: string;
  recipientId: string;
  since: Date;
  until: Date;
  subject: string;
  /** The alerts it lists, oldest first. */
  items: DigestItem[];
  payload: Record<string, unknown>;
}

const HOUR_MS = 3_600_000;

/**
 * The digests due at `now` (business clock): a party whose alerts wait gets one message listing
 * them all once its communication interval has passed since its last digest (or, before its
 * first, since its oldest waiting alert). A party with nothing waiting gets nothing.
 */
export function digestsDue(
  waiting: readonly DigestItem[],
  lastSentAt: ReadonlyMap<string, Date>,
  intervalHoursOf: (recipientId: string) => number,
  now: Date,
): Digest[] {
  const byRecipient = new Map<string, DigestItem[]>();
  for (const item of waiting) byRecipient.set(item.recipientId, [...(byRecipient.get(item.recipientId) ?? []), item]);
  const digests: Digest[] = [];
  for (const [recipientId, unsorted] of [...byRecipient].sort(([a], [b]) => a.localeCompare(b))) {
    const items = [...unsorted].sort(
      (a, b) => a.alertedAt.getTime() - b.alertedAt.getTime() || a.notificationId.localeCompare(b.notificationId),
    );
    const since = lastSentAt.get(recipientId) ?? items[0].alertedAt;
    if (now.getTime() - since.getTime() < intervalHoursOf(recipientId) * HOUR_MS) continue;
    const digestId = `digest/${recipientId}/${now.toISOString()}`;
    const subject = `Digest for ${recipientId}: ${items.length} alert${items.length === 1 ? '' : 's'} since ${since.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
    digests.push({
      digestId,
      recipientId,
      since,
      until: now,
      subject,
      items,
      payload: {
        since: since.toISOString(),
        until: now.toISOString(),
        alerts: items.map((i) => ({
          notificationId: i.notificationId,
          topic: i.topic,
          subject: i.subject,
          causedByEventId: i.causedByEventId,
          alertedAt: i.alertedAt.toISOString(),
        })),
      },
    });
  }
  return digests;
}

/** A digest as mail text: one alert a line, oldest first. */
export const digestText = (payload: { alerts?: Array<{ topic: string; subject: string }> }): string =>
  (payload.alerts ?? []).map((a) => `- [${a.topic}] ${a.subject}`).join('\n');
