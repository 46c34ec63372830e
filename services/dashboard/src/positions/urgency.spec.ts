import type { StockProjection } from '../stock/stock-projection';
import { byUrgency, leadTimesFrom, urgencyOf } from './urgency';

const line = (buyerId: string, siteId: string, onHand: number, daysOfCover: number | null): StockProjection =>
  ({ buyerId, siteId, itemId: 'pad', agreementId: `AGR-${buyerId}`, onHand, daysOfCover }) as StockProjection;

describe('urgency of a buyer line for its supplier', () => {
  it('compares days of cover with the lead time', () => {
    expect(urgencyOf({ onHand: 0, daysOfCover: 0, leadTimeDays: 3 })).toEqual({ urgency: 'out-of-stock', slackDays: -3 });
    expect(urgencyOf({ onHand: 20, daysOfCover: 2, leadTimeDays: 3 })).toEqual({ urgency: 'urgent', slackDays: -1 });
    expect(urgencyOf({ onHand: 40, daysOfCover: 5, leadTimeDays: 3 })).toEqual({ urgency: 'soon', slackDays: 2 });
    expect(urgencyOf({ onHand: 60, daysOfCover: 6, leadTimeDays: 3 })).toEqual({ urgency: 'fine', slackDays: 3 });
    expect(urgencyOf({ onHand: 60, daysOfCover: null, leadTimeDays: 3 })).toEqual({ urgency: 'fine', slackDays: null });
  });

  it('ranks every buyer together, most urgent first, lines lasting beyond the horizon last', () => {
    const leadTimes: Record<string, number> = { 'AGR-acme': 3, 'AGR-zenith': 10 };
    const ranked = byUrgency(
      [
        line('acme', 'lyon', 100, null),
        line('acme', 'turin', 50, 8),
        line('zenith', 'oslo', 50, 8),
        line('acme', 'paris', 0, 0),
        line('zenith', 'bergen', 50, 12),
      ],
      (p) => leadTimes[p.agreementId],
    );
    // zenith's 8 days of cover are short of its 10-day lead time; acme's 8 against 3 leave 5 days of slack.
    expect(ranked.map((p) => [p.siteId, p.urgency, p.slackDays])).toEqual([
      ['paris', 'out-of-stock', -3],
      ['oslo', 'urgent', -2],
      ['bergen', 'soon', 2],
      ['turin', 'fine', 5],
      ['lyon', 'fine', null],
    ]);
  });

  it("finds a line's lead time in its agreement", () => {
    const leadTimeOf = leadTimesFrom([
      { agreement: { agreementId: 'AGR-1', lines: [{ siteId: 'lyon', itemId: 'pad', leadTimeDays: 3 }] } },
    ]);
    expect(leadTimeOf({ agreementId: 'AGR-1', siteId: 'lyon', itemId: 'pad' })).toBe(3);
    expect(leadTimeOf({ agreementId: 'AGR-1', siteId: 'turin', itemId: 'pad' })).toBeUndefined();
  });
});
