import { AgreementLineInForce } from '@smi/agreements';
import { dayNumberOfText } from '../consumption-history/calendar-days';
import {
  agreementRefusals,
  backfilledPeriodCount,
  daysOfSeries,
  dayKeyOf,
  mergeBackfill,
  sentSeriesOf,
  spreadOver,
  type BackfilledDay,
  type KeptDay,
  type SentSeries,
} from './backfilled-history';

const today = dayNumberOfText('2026-03-12'); // a Thursday
const key = { buyerId: 'acme', siteId: 'lyon', itemId: 'pad' };
const weekly = { siteId: 'lyon', itemId: 'pad', unit: 'EA', periodDays: 7, periods: [{ start: '2026-03-02', quantity: 10 }] };

describe('a consumption history sent over REST', () => {
  it('takes one series or a list, weeks from Monday, the stock-out flag optional', () => {
    expect(sentSeriesOf(weekly, today)).toEqual({
      series: [{ ...weekly, periods: [{ start: dayNumberOfText('2026-03-02'), quantity: 10, stockout: false }] }],
    });
    const both = sentSeriesOf(
      [weekly, { ...weekly, itemId: 'disc', periods: [{ start: '2026-03-02', quantity: 3, stockout: true }] }],
      today,
    );
    expect('series' in both && both.series.map((s) => [s.itemId, s.periods[0].stockout])).toEqual([
      ['pad', false],
      ['disc', true],
    ]);
  });

  it('names each bad field, with its place in a list', () => {
    const problems = (body: unknown) => {
      const outcome = sentSeriesOf(body, today);
      return 'problems' in outcome ? outcome.problems.map((p) => `${p.field} ${p.problem}`) : [];
    };
    expect(problems({ ...weekly, periodDays: 30 })).toEqual(['periodDays must be 1 (days) or 7 (weeks from Monday) (got 30)']);
    expect(problems([weekly, { ...weekly, periods: [{ start: '2026-03-03', quantity: -1, stockout: 'no' }] }])).toEqual([
      '[1].periods[0].start must be a Monday for weekly periods (got 2026-03-03)',
      '[1].periods[0].quantity must be a number from 0 to 1,000,000,000 (got -1)',
      '[1].periods[0].stockout must be true or false when given (got "no")',
    ]);
    expect(problems({ ...weekly, siteId: '', colour: 'red' })).toEqual([
      'colour is not a field of a consumption history (fields: buyerId, siteId, itemId, unit, periodDays, periods)',
      'siteId is required and must be a non-empty string',
    ]);
    expect(problems({ ...weekly, periods: [] })).toEqual(['periods must be a list of at least one period { start, quantity, stockout? }']);
    expect(problems([])).toEqual(['body must list 1 to 100 series (got 0)']);
  });

  it('takes only periods that ended before today: history, not plans', () => {
    const problems = (start: string, periodDays: number) => {
      const outcome = sentSeriesOf({ ...weekly, periodDays, periods: [{ start, quantity: 1 }] }, today);
      return 'problems' in outcome ? outcome.problems.map((p) => p.problem) : [];
    };
    expect(problems('2026-03-11', 1)).toEqual([]);
    expect(problems('2026-03-12', 1)).toEqual(['must be of a period that ended before today, 2026-03-12 (got 2026-03-12)']);
    expect(problems('2026-03-09', 7)).toEqual(['must be of a period that ended before today, 2026-03-12 (got 2026-03-09)']);
    expect(problems('2026-02-30', 1)).toEqual(['must be a day YYYY-MM-DD from 2000 on (got "2026-02-30")']);
  });

  it('refuses a day sent twice, naming both periods, even from a day and a week', () => {
    const outcome = sentSeriesOf(
      [
        { ...weekly, periods: [{ start: '2026-03-02', quantity: 7 }] },
        { ...weekly, periodDays: 1, periods: [{ start: '2026-03-04', quantity: 1 }] },
      ],
      today,
    );
    expect(outcome).toEqual({
      problems: [{ field: '[1].periods[0].start', problem: 'covers 2026-03-04, which [0].periods[0] covers already' }],
    });
  });
});

describe('spreading a week over its days', () => {
  it('gives each day a seventh, the days adding up to exactly the week', () => {
    const days = spreadOver(10, 7);
    expect(days.slice(0, 6)).toEqual(Array(6).fill(1.428571));
    expect(days[6]).toBe(1.428574);
    expect(days.reduce((a, b) => a + b, 0)).toBeCloseTo(10, 9);
    expect(spreadOver(5, 1)).toEqual([5]);
  });

  it('puts a week on its seven days from Monday, its stock-out flag on each', () => {
    const series: SentSeries = {
      siteId: 'lyon',
      itemId: 'pad',
      unit: 'EA',
      periodDays: 7,
      periods: [{ start: 100, quantity: 14, stockout: true }],
    };
    expect(daysOfSeries('acme', series)).toEqual(
      Array.from({ length: 7 }, (_, d) => ({ key, day: 100 + d, unit: 'EA', quantity: 2, stockedOut: true })),
    );
  });
});

describe('merging sent history with the days kept', () => {
  const sent = (day: number, quantity: number, stockedOut = false): BackfilledDay => ({ key, day, unit: 'EA', quantity, stockedOut });
  const kept = (entries: Array<[number, KeptDay]>) => new Map(entries.map(([day, k]) => [dayKeyOf(key, day), k]));

  it('adds new days and marks the series changed', () => {
    expect(mergeBackfill(new Map(), [sent(1, 4), sent(2, 0)])).toEqual({
      writes: [sent(1, 4), sent(2, 0)],
      unchanged: 0,
      liveKept: 0,
      changed: [key],
    });
  });

  it('never replaces a day the live feed recorded', () => {
    const decision = mergeBackfill(kept([[1, { quantity: 9, backfilled: false, stockedOut: false }]]), [sent(1, 4)]);
    expect(decision).toEqual({ writes: [], unchanged: 0, liveKept: 1, changed: [] });
  });

  it('leaves a day sent before with the same value alone: a resend changes nothing', () => {
    const decision = mergeBackfill(kept([[1, { quantity: 1.428571, backfilled: true, stockedOut: true }]]), [sent(1, 10 / 7, true)]);
    expect(decision).toEqual({ writes: [], unchanged: 1, liveKept: 0, changed: [] });
  });

  it('replaces a day sent before with another quantity or flag: the buyer corrected its history', () => {
    const before = kept([
      [1, { quantity: 4, backfilled: true, stockedOut: false }],
      [2, { quantity: 4, backfilled: true, stockedOut: false }],
    ]);
    expect(mergeBackfill(before, [sent(1, 5), sent(2, 4, true)]).writes).toEqual([sent(1, 5), sent(2, 4, true)]);
  });
});

describe('which series the agreements take', () => {
  const line = (unit: string) => ({ agreement: { agreementId: 'AGR-1' }, line: { unit } }) as unknown as AgreementLineInForce;
  const series = (itemId: string, unit = 'EA'): SentSeries => ({ siteId: 'lyon', itemId, unit, periodDays: 1, periods: [] });

  it('refuses a site x item no line of the buyer covers, a unit not the line’s, and one not the history’s', () => {
    const refusals = agreementRefusals(
      'acme',
      [series('pad'), series('stranger'), series('pad', 'KG'), series('disc')],
      (_site, item) => (item === 'stranger' ? undefined : line('EA')),
      new Map([['acme|lyon|disc', 'BOX']]),
    );
    expect(refusals).toEqual([
      { index: 1, field: 'siteId', problem: 'lyon x stranger is not covered by an agreement of acme in force now' },
      { index: 2, field: 'unit', problem: 'is KG but agreement AGR-1 keeps lyon x pad in EA' },
      { index: 3, field: 'unit', problem: 'is EA but consumption of lyon x disc is kept in BOX' },
    ]);
  });
});

describe('periods from a backfill', () => {
  it('counts the periods holding a backfilled day', () => {
    // Weeks from Monday 2026-03-02 (day 20514): two of three hold sent days.
    const monday = dayNumberOfText('2026-03-02');
    expect(backfilledPeriodCount([monday, monday + 7, monday + 14], [monday + 3, monday + 8, monday + 9], 7)).toBe(2);
    expect(backfilledPeriodCount([monday, monday + 1], [], 1)).toBe(0);
  });
});
