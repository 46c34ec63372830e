import { readFileSync } from 'node:fs';
import path from 'node:path';
import { selectMethod } from '../selection/method-selection';
import { COMBINED_METHODS, combination, medianOf } from './combination';
import { demandFloors } from './demand-floors';

/**
 * The combination against the reference: per period, the median of
 * statsforecast 2.1.1's own forecasts of its five members (the fixture of
 * reference-comparison.spec.ts), on every fixture series where all five forecast.
 */
interface Fixture {
  horizon: number;
  seasonLength: number;
  series: { name: string; history: number[]; reference: Record<string, { forecast?: number[] }> }[];
}
const fixture: Fixture = JSON.parse(readFileSync(path.join(__dirname, '../../test/fixtures/statsforecast-reference.json'), 'utf8'));
const members = COMBINED_METHODS.map((m) => m.name);
const withAllMembers = fixture.series.filter((s) => members.every((m) => s.reference[m]?.forecast));

describe('the combination (median of SES, ADIDA, TSB, IMAPA, SBA)', () => {
  it('covers the carparts parts of the fixture', () => expect(withAllMembers.length).toBeGreaterThanOrEqual(20));

  it.each(withAllMembers.map((s) => [s.name, s] as const))(
    '%s: the median of statsforecast’s five forecasts, within 1e-6 relative',
    (_, s) => {
      const reference = Array.from({ length: fixture.horizon }, (_, h) => medianOf(members.map((m) => s.reference[m].forecast![h])));
      const ours = combination.forecast(s.history, fixture.horizon, { seasonLength: fixture.seasonLength })!;
      expect(ours.method).toBe('combination');
      ours.forecast.forEach((v, h) =>
        expect(Math.abs(v - reference[h])).toBeLessThanOrEqual(1e-6 * Math.max(1e-3, Math.abs(reference[h]))),
      );
    },
  );

  it('is not pulled by one member gone astray: the middle of the five, whatever the highest says', () => {
    const history = [...Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 3 : 0)), 100];
    const each = COMBINED_METHODS.map((m) => m.forecast(history, 1, { seasonLength: 12 })!.forecast[0]).sort((x, y) => x - y);
    expect(combination.forecast(history, 1, { seasonLength: 12 })!.forecast[0]).toBe(each[2]);
    expect(each[2]).toBeLessThan(each[4]);
  });

  it('leaves out members with nothing to work from, and has no forecast without demand', () => {
    expect(combination.forecast([0, 0, 0, 0], 3, { seasonLength: 12 })?.forecast).toEqual([0, 0, 0]); // SES alone: 0
    expect(combination.forecast([0], 3, { seasonLength: 12 })).toBeUndefined();
    // One period: SES cannot fit, the four intermittent methods can.
    expect(combination.forecast([4], 2, { seasonLength: 12 })!.forecast).toHaveLength(2);
  });

  it('medianOf takes the middle value, or the mean of the two middle ones', () => {
    expect(medianOf([3, 1, 2])).toBe(2);
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
  });
});

describe('the floors of a forecast after demand', () => {
  it('level: one more demand of the mean size within the history (hand-computed)', () => {
    // Sizes 6 and 2 (mean 4) in 7 periods: 4 / 8.
    expect(demandFloors([0, 6, 0, 0, 2, 0, 0])!.level).toBeCloseTo(0.5, 12);
  });

  it('deviation: compound Bernoulli at that rate, sizes as the item’s (hand-computed)', () => {
    // p = 1/8; sizes 6 and 2: mean square 20, so p·20 − (p·4)² = 2.5 − 0.25.
    expect(demandFloors([0, 6, 0, 0, 2, 0, 0])!.deviation).toBeCloseTo(Math.sqrt(2.25), 12);
    // After any run of zeros: still above 0.
    expect(demandFloors([5, ...Array.from({ length: 50 }, () => 0)])!.deviation).toBeGreaterThan(0.6);
  });

  it('none without demand', () => expect(demandFloors([0, 0, 0])).toBeUndefined());
});

describe('a backtest horizon apart from the lead time', () => {
  const history = Array.from({ length: 40 }, (_, i) => (i % 3 === 0 ? 9 : i % 5));
  it('scores 12 periods ahead while the forecast and the lead-time error cover 1', () => {
    const selection = selectMethod(history, [combination], {
      seasonLength: 12,
      horizon: 1,
      backtestHorizon: 12,
      origins: 8,
      leadTimePeriods: 1,
    })!;
    expect(selection.forecast.forecast).toHaveLength(1);
    expect(selection.chosen.origins).toBe(8);
    const oneAhead = selectMethod(history, [combination], { seasonLength: 12, horizon: 1, origins: 8, leadTimePeriods: 1 })!;
    // Same lead-time errors summed only over the first period; a different score from a different horizon.
    expect(selection.chosen.rmsse).not.toBeCloseTo(oneAhead.chosen.rmsse, 6);
  });

  it('needs the history for its own horizon and origins', () => {
    const settings = { seasonLength: 12, horizon: 1, backtestHorizon: 12, origins: 8, leadTimePeriods: 1 };
    expect(selectMethod(history.slice(0, 20), [combination], settings)).toBeUndefined();
    expect(selectMethod(history.slice(0, 21), [combination], settings)).toBeDefined();
  });
});
