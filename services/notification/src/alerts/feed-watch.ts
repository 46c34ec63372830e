import { Agreement, feedSilence } from '@smi/agreements';
import { StockLevel } from '@smi/contracts';
import { AlertIntent, alertsTo, minuteOf } from './alert-rules';

/** When a buyer's feed last spoke (business time), and since when it has been reported silent. */
export interface FeedState {
  buyerId: string;
  lastAsOf: Date;
  /** The business moment the silence was reported; null while the feed speaks. */
  silentSince: Date | null;
}

/** Who hears of a buyer's feed: the buyer and the suppliers replenishing it, under the agreement that sets the rhythm. */
export interface FeedParties {
  recipients: string[];
  communication: Pick<Agreement, 'communication'>;
}

/**
 * Takes the levels of a batch into each buyer's feed state; a level of a feed reported silent
 * brings it back and tells the same parties it has resumed (once: the state is no longer silent).
 */
export function watchFeeds(
  levels: readonly StockLevel[],
  stored: ReadonlyMap<string, FeedState>,
  partiesOf: (buyerId: string) => FeedParties,
): { alerts: AlertIntent[]; states: FeedState[] } {
  const current = new Map(stored);
  const moved = new Set<string>();
  const alerts: AlertIntent[] = [];
  for (const level of levels) {
    const before = current.get(level.buyerId);
    if (before && level.asOf.getTime() <= before.lastAsOf.getTime()) continue;
    if (before?.silentSince) {
      const subject = `Stock feed of ${level.buyerId} resumed: a movement of ${minuteOf(level.asOf)} after silence since ${minuteOf(before.lastAsOf)}`;
      alerts.push(...alertsTo(partiesOf(level.buyerId).recipients, 'FEED_RESUMED', subject, level, `${level.eventId}/feed-resumed`));
    }
    current.set(level.buyerId, { buyerId: level.buyerId, lastAsOf: level.asOf, silentSince: null });
    moved.add(level.buyerId);
  }
  return { alerts, states: [...moved].map((buyerId) => current.get(buyerId)!) };
}

/**
 * The sweep: a feed that has said nothing for longer than the agreed communication frequency
 * (by the business clock) is reported silent, once per silence.
 */
export function silentFeeds(
  feeds: readonly FeedState[],
  now: Date,
  partiesOf: (buyerId: string) => FeedParties,
): { alerts: AlertIntent[]; states: FeedState[] } {
  const alerts: AlertIntent[] = [];
  const states: FeedState[] = [];
  for (const feed of feeds) {
    if (feed.silentSince) continue;
    const parties = partiesOf(feed.buyerId);
    const silence = feedSilence(feed.lastAsOf, now, parties.communication);
    if (!silence.silent) continue;
    const subject =
      `Stock feed of ${feed.buyerId} silent for ${Math.floor(silence.silentForHours!)} h (agreed: news at least every ` +
      `${silence.allowedHours} h); last movement ${minuteOf(feed.lastAsOf)}`;
    const cause = { eventId: `feed/${feed.buyerId}/${feed.lastAsOf.toISOString()}`, buyerId: feed.buyerId, lastMovementAt: feed.lastAsOf };
    alerts.push(...alertsTo(parties.recipients, 'FEED_SILENT', subject, cause, `${cause.eventId}/silent`));
    states.push({ ...feed, silentSince: now });
  }
  return { alerts, states };
}
