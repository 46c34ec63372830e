import { StockLevel } from '@smi/contracts';
import { FeedState, silentFeeds, watchFeeds } from './feed-watch';

const parties = () => ({
  recipients: ['acme-motors', 'northwind-parts'],
  communication: { communication: { digestEveryHours: 24, immediateAlerts: true } },
});
const level = (asOf: string): StockLevel =>
  ({ eventId: `lvl-${asOf}`, buyerId: 'acme-motors', siteId: 's', itemId: 'i', asOf: new Date(asOf) }) as StockLevel;
const feed = (lastAsOf: string, silentSince: string | null = null): FeedState => ({
  buyerId: 'acme-motors',
  lastAsOf: new Date(lastAsOf),
  silentSince: silentSince ? new Date(silentSince) : null,
});

describe("a buyer's feed gone silent", () => {
  it('is reported once the agreed communication frequency has passed without a movement, by the business clock', () => {
    expect(silentFeeds([feed('2026-11-01T00:00:00Z')], new Date('2026-11-02T00:00:00Z'), parties).alerts).toEqual([]);
    const { alerts, states } = silentFeeds([feed('2026-11-01T00:00:00Z')], new Date('2026-11-02T01:00:00Z'), parties);
    expect(alerts.map((a) => [a.recipientId, a.topic, a.notificationId])).toEqual([
      ['acme-motors', 'FEED_SILENT', 'feed/acme-motors/2026-11-01T00:00:00.000Z/silent:acme-motors'],
      ['northwind-parts', 'FEED_SILENT', 'feed/acme-motors/2026-11-01T00:00:00.000Z/silent:northwind-parts'],
    ]);
    expect(alerts[0].subject).toBe(
      'Stock feed of acme-motors silent for 25 h (agreed: news at least every 24 h); last movement 2026-11-01 00:00 UTC',
    );
    expect(states).toEqual([feed('2026-11-01T00:00:00Z', '2026-11-02T01:00:00Z')]);
  });

  it('is reported once per silence', () => {
    expect(silentFeeds([feed('2026-11-01T00:00:00Z', '2026-11-02T01:00:00Z')], new Date('2026-11-05T00:00:00Z'), parties).alerts).toEqual(
      [],
    );
  });

  it('says it resumed when data comes back, once', () => {
    const stored = new Map([['acme-motors', feed('2026-11-01T00:00:00Z', '2026-11-02T01:00:00Z')]]);
    const { alerts, states } = watchFeeds([level('2026-11-03T08:00:00Z'), level('2026-11-03T09:00:00Z')], stored, parties);
    expect(alerts.map((a) => [a.recipientId, a.topic])).toEqual([
      ['acme-motors', 'FEED_RESUMED'],
      ['northwind-parts', 'FEED_RESUMED'],
    ]);
    expect(states).toEqual([feed('2026-11-03T09:00:00Z')]);
  });

  it('keeps the latest movement time, whatever order the sites report in', () => {
    const stored = new Map([['acme-motors', feed('2026-11-03T10:00:00Z')]]);
    expect(watchFeeds([level('2026-11-03T09:00:00Z')], stored, parties).states).toEqual([]);
  });
});
