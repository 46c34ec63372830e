import { DigestItem } from '../alerts/alert-deliveries';
import { digestsDue, digestText } from './digest';

const item = (recipientId: string, at: string, topic = 'STOCKOUT'): DigestItem => ({
  notificationId: `evt-${at}:${recipientId}`,
  recipientId,
  topic,
  subject: `${topic} at ${at}`,
  payload: {},
  causedByEventId: `evt-${at}`,
  alertedAt: new Date(at),
});

describe('digests', () => {
  const waiting = [
    item('acme-motors', '2026-11-01T10:00:00Z'),
    item('northwind-parts', '2026-11-01T12:00:00Z', 'PENALTY_RAISED'),
    item('acme-motors', '2026-11-01T08:00:00Z', 'ABOVE_MAX'),
  ];
  const daily = () => 24;

  it('gathers each party’s waiting alerts into one message, oldest first, once its interval has passed', () => {
    const due = digestsDue(waiting, new Map(), daily, new Date('2026-11-02T09:00:00Z'));
    expect(due.map((d) => [d.recipientId, d.items.map((i) => i.topic)])).toEqual([['acme-motors', ['ABOVE_MAX', 'STOCKOUT']]]);
    expect(due[0]).toMatchObject({
      digestId: 'digest/acme-motors/2026-11-02T09:00:00.000Z',
      subject: 'Digest for acme-motors: 2 alerts since 2026-11-01 08:00 UTC',
      since: new Date('2026-11-01T08:00:00Z'),
    });
    expect(digestText(due[0].payload as never)).toBe(
      '- [ABOVE_MAX] ABOVE_MAX at 2026-11-01T08:00:00Z\n- [STOCKOUT] STOCKOUT at 2026-11-01T10:00:00Z',
    );
  });

  it('counts from the last digest sent, at the interval the agreement sets', () => {
    const lastSentAt = new Map([['acme-motors', new Date('2026-11-01T20:00:00Z')]]);
    expect(digestsDue(waiting, lastSentAt, daily, new Date('2026-11-02T19:00:00Z')).map((d) => d.recipientId)).toEqual(['northwind-parts']);
    const every6h = (id: string) => (id === 'acme-motors' ? 6 : 24);
    expect(digestsDue(waiting, lastSentAt, every6h, new Date('2026-11-02T02:00:00Z')).map((d) => d.recipientId)).toEqual(['acme-motors']);
  });

  it('sends nothing to a party with nothing waiting', () => {
    expect(digestsDue([], new Map(), daily, new Date('2026-12-01T00:00:00Z'))).toEqual([]);
  });
});
