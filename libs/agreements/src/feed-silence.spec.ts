import { feedSilence } from './feed-silence';

describe('feed silence', () => {
  const daily = { communication: { digestEveryHours: 24, immediateAlerts: true } };
  const last = new Date('2026-03-10T08:00:00Z');

  it('is silent only past the agreed communication frequency', () => {
    expect(feedSilence(last, new Date('2026-03-11T08:00:00Z'), daily)).toEqual({ silent: false, silentForHours: 24, allowedHours: 24 });
    expect(feedSilence(last, new Date('2026-03-11T09:30:00Z'), daily)).toEqual({ silent: true, silentForHours: 25.5, allowedHours: 24 });
  });

  it('allows a day when the agreement names no frequency, and twelve hours when it names twelve', () => {
    expect(feedSilence(last, new Date('2026-03-11T07:00:00Z'), {}).silent).toBe(false);
    expect(
      feedSilence(last, new Date('2026-03-10T21:00:00Z'), { communication: { digestEveryHours: 12, immediateAlerts: false } }).silent,
    ).toBe(true);
  });

  it('never calls a buyer who has sent nothing yet silent', () => {
    expect(feedSilence(null, new Date('2026-03-11T08:00:00Z'), daily)).toEqual({ silent: false, silentForHours: null, allowedHours: 24 });
  });
});
