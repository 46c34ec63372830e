import { dayNumberOfText } from '../consumption-history/calendar-days';
import { buyerForecastCandidate, buyerForecastProblems, madeAt, type BuyerForecastSubmission } from './buyer-forecast';

const valid = {
  eventId: 'bf-1',
  buyerId: 'acme',
  siteId: 'lyon',
  itemId: 'pad',
  unit: 'EA',
  periodDays: 7,
  firstPeriodStart: '2026-03-02',
  quantities: [10, 12],
};

describe('buyer forecast problems', () => {
  it('accepts a weekly forecast starting on a Monday, with or without a zoned submittedAt', () => {
    expect(buyerForecastProblems(valid)).toEqual([]);
    expect(buyerForecastProblems({ ...valid, submittedAt: '2026-02-27T08:00:00.123+01:00' })).toEqual([]);
    expect(buyerForecastProblems({ ...valid, submittedAt: new Date('2026-02-27T08:00:00Z') })).toEqual([]);
  });

  it.each([
    [{ periodDays: 30 }, 'periodDays', 'must be 1 (days) or 7 (weeks from Monday) (got 30)'],
    [{ firstPeriodStart: '2026-03-03' }, 'firstPeriodStart', 'must be a Monday for weekly periods'],
    [{ firstPeriodStart: 'next week' }, 'firstPeriodStart', 'must be a day YYYY-MM-DD from 2000 to 2999 (got "next week")'],
    [{ firstPeriodStart: '0000-01-03' }, 'firstPeriodStart', 'must be a day YYYY-MM-DD from 2000 to 2999 (got "0000-01-03")'],
    [{ quantities: [] }, 'quantities', 'must be a list of 1 to 366 quantities'],
    [{ quantities: [3, -1] }, 'quantities[1]', 'must be a number from 0 to 1,000,000,000 (got -1)'],
    [{ quantities: [3, 1e12] }, 'quantities[1]', 'must be a number from 0 to 1,000,000,000 (got 1000000000000)'],
    [{ siteId: '' }, 'siteId', 'is required and must be a non-empty string'],
    [{ itemId: 'pad\u0000' }, 'itemId', 'must not contain control characters'],
    [{ unit: 'E'.repeat(33) }, 'unit', 'must be at most 32 characters (got 33)'],
    [{ submittedAt: 'yesterday' }, 'submittedAt', 'must be an ISO-8601 date-time with its zone, like 2026-07-31T08:00:00Z'],
    [{ submittedAt: '2026-07-31' }, 'submittedAt', 'must be an ISO-8601 date-time with its zone, like 2026-07-31T08:00:00Z'],
    [{ submittedAt: '2026-07-31T08:00:00' }, 'submittedAt', 'must be an ISO-8601 date-time with its zone, like 2026-07-31T08:00:00Z'],
    [
      { submittedAt: 'Fri, 31 Jul 2026 08:00:00 GMT' },
      'submittedAt',
      'must be an ISO-8601 date-time with its zone, like 2026-07-31T08:00:00Z',
    ],
    [
      { horizon: 3 },
      'horizon',
      'is not a field of a buyer forecast (fields: eventId, buyerId, siteId, itemId, unit, periodDays, firstPeriodStart, quantities, submittedAt)',
    ],
  ])('names the field of %p', (change, field, problem) => {
    expect(buyerForecastProblems({ ...valid, ...change })).toEqual([{ field, problem }]);
  });
});

describe('the buyer forecast as a backtest candidate', () => {
  // Weekly history from Monday 2026-01-05; a submission at midnight starting a period may forecast it.
  const first = dayNumberOfText('2026-01-05');
  const submission = (
    submittedAt: string,
    firstPeriodStart: string,
    quantities: number[],
    receivedAt = submittedAt,
  ): BuyerForecastSubmission => ({
    eventId: submittedAt,
    buyerId: 'acme',
    siteId: 'lyon',
    itemId: 'pad',
    unit: 'EA',
    periodDays: 7,
    firstPeriodStart: dayNumberOfText(firstPeriodStart),
    quantities,
    submittedAt: new Date(submittedAt),
    receivedAt: new Date(receivedAt),
  });
  const history = [5, 6, 7, 8];
  const settings = { seasonLength: 52 };

  it('offers, from an origin, what the buyer had forecast before the period began', () => {
    const early = submission('2026-01-10T00:00:00Z', '2026-01-12', [1, 2, 3, 4]);
    const late = submission('2026-01-20T00:00:00Z', '2026-01-19', [9, 9, 9]); // made after 01-19 began
    const candidate = buyerForecastCandidate([early, late], first, 7, history.length);
    // Origin 2 = week of 2026-01-19: only the early submission was known then.
    expect(candidate.forecast(history.slice(0, 2), 2, settings)?.forecast).toEqual([2, 3]);
  });

  it('counts a backdated submission as made when it was received', () => {
    const early = submission('2026-01-10T00:00:00Z', '2026-01-12', [1, 2, 3, 4]);
    // Claims 01-11, before the week of 01-19 began; received on 01-20, when that week's demand was known.
    const backdated = submission('2026-01-11T00:00:00Z', '2026-01-19', [9, 9, 9], '2026-01-20T00:00:00Z');
    const candidate = buyerForecastCandidate([early, backdated], first, 7, history.length);
    expect(candidate.forecast(history.slice(0, 2), 2, settings)?.forecast).toEqual([2, 3]);
    // A claim later than the receipt counts from the claim.
    expect(madeAt(submission('2026-01-12T00:00:00Z', '2026-01-19', [1], '2026-01-11T00:00:00Z'))).toBe(Date.parse('2026-01-12T00:00:00Z'));
  });

  it('takes the latest submission for the future', () => {
    const early = submission('2026-01-10T00:00:00Z', '2026-01-12', [1, 2, 3, 4, 5, 6]);
    const late = submission('2026-01-31T00:00:00Z', '2026-02-02', [20, 21]);
    expect(buyerForecastCandidate([early, late], first, 7, history.length).forecast(history, 2, settings)?.forecast).toEqual([20, 21]);
  });

  it('offers nothing where its forecasts do not reach, or for another period length', () => {
    const short = submission('2026-01-10T00:00:00Z', '2026-01-12', [1]);
    expect(buyerForecastCandidate([short], first, 7, history.length).forecast(history.slice(0, 1), 2, settings)).toBeUndefined();
    expect(buyerForecastCandidate([short], first, 1, history.length).forecast(history.slice(0, 1), 1, settings)).toBeUndefined();
  });
});
