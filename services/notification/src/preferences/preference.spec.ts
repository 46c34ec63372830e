import { Agreement } from '@smi/agreements';
import { AlertIntent } from '../alerts/alert-rules';
import { routeAlerts } from '../alerts/alert-deliveries';
import { defaultPreference, digestEveryHoursOf, parsePreference } from './preference';

const agreement = (agreementId: string, communication?: Agreement['communication']) => ({ agreementId, communication }) as Agreement;
const both = { webhookUrl: 'http://acme/hooks', email: 'alerts@acme.example' };

describe('preferences', () => {
  it('default to the agreement’s communication terms: digests when it wants no immediate alerts, at its frequency', () => {
    expect(defaultPreference(both, [agreement('A', { digestEveryHours: 12, immediateAlerts: false })])).toEqual({
      rules: null,
      channel: 'WEBHOOK',
      mode: 'digest',
    });
    expect(digestEveryHoursOf([agreement('B'), agreement('A', { digestEveryHours: 12, immediateAlerts: false })])).toBe(12);
    // A party under several agreements: at once if any asks for it, at the shortest interval any sets.
    const several = [
      agreement('A', { digestEveryHours: 12, immediateAlerts: false }),
      agreement('B', { digestEveryHours: 6, immediateAlerts: true }),
    ];
    expect(defaultPreference(both, several).mode).toBe('immediate');
    expect(digestEveryHoursOf(several)).toBe(6);
    expect(defaultPreference({ email: 'x@y.example' }, [])).toEqual({ rules: null, channel: 'EMAIL', mode: 'immediate' });
    expect(digestEveryHoursOf([])).toBe(24);
  });

  it('take a body naming rules, channel and mode, and refuse a bad one naming the field', () => {
    expect(parsePreference({ rules: ['STOCKOUT', 'SHIPMENT_LATE'], channel: 'EMAIL', mode: 'digest' }, both)).toEqual({
      kind: 'ok',
      preference: { rules: ['STOCKOUT', 'SHIPMENT_LATE'], channel: 'EMAIL', mode: 'digest' },
    });
    expect(parsePreference({ rules: ['STOCKOUTS'], channel: 'EMAIL', mode: 'digest' }, both)).toMatchObject({ field: 'rules' });
    expect(parsePreference({ channel: 'SMS', mode: 'digest' }, both)).toMatchObject({ field: 'channel' });
    expect(parsePreference({ channel: 'EMAIL', mode: 'hourly' }, both)).toMatchObject({ field: 'mode' });
    expect(parsePreference({ channel: 'EMAIL', mode: 'digest', colour: 'red' }, both)).toMatchObject({ field: 'colour' });
    expect(parsePreference({ channel: 'EMAIL', mode: 'digest' }, { webhookUrl: 'http://x' })).toEqual({
      kind: 'invalid',
      field: 'channel',
      problem: 'EMAIL needs an email for the party in the parties file',
    });
  });

  it('are honoured when alerts are routed: rules not chosen go nowhere, digests wait, e-mail goes to the address', () => {
    const alert = (topic: AlertIntent['topic'], recipientId: string): AlertIntent => ({
      notificationId: `e:${recipientId}:${topic}`,
      recipientId,
      topic,
      subject: topic,
      payload: {},
      causedByEventId: 'e',
    });
    const now = new Date('2026-11-21T10:00:00Z');
    const business = new Date('2026-06-01T00:00:00Z');
    const routed = routeAlerts(
      [alert('STOCKOUT', 'mailer'), alert('ABOVE_MAX', 'mailer'), alert('STOCKOUT', 'digester')],
      (id) =>
        id === 'mailer'
          ? { id, ...both, preference: { rules: ['STOCKOUT'], channel: 'EMAIL', mode: 'immediate' } }
          : { id, ...both, preference: { rules: null, channel: 'WEBHOOK', mode: 'digest' } },
      now,
      business,
    );
    expect(routed.deliveries.map((d) => [d.notificationId, d.channel, d.url])).toEqual([
      ['e:mailer:STOCKOUT', 'EMAIL', 'mailto:alerts@acme.example'],
    ]);
    expect(routed.unsent.map((u) => [u.alert.notificationId, u.why])).toEqual([['e:mailer:ABOVE_MAX', 'rule not chosen']]);
    expect(routed.digested).toEqual([expect.objectContaining({ notificationId: 'e:digester:STOCKOUT', alertedAt: business })]);
  });
});
