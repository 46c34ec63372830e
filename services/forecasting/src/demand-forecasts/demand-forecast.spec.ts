import { FORECASTING_METHODS } from '@smi/forecasting';
import { dayNumberOfText } from '../consumption-history/calendar-days';
import { demandForecastOf, HISTORY_MEAN_METHOD, type ForecastQuestion } from './demand-forecast';
import { forecastSettingsFor } from './forecast-settings';

const start = dayNumberOfText('2026-01-05'); // a Monday
const weeks = (consumed: number[], censoredAt: number[] = []) => consumed.map((q, i) => ({ start: start + 7 * i, consumed: q, censored: censoredAt.includes(i) }));
const question = (periods: ForecastQuestion['periods']): ForecastQuestion => ({
  eventId: 'f-1',
  series: { buyerId: 'acme', siteId: 'lyon', itemId: 'pad', unit: 'EA' },
  agreementId: 'AGR-1',
  periods,
  settings: forecastSettingsFor({ forecastPeriod: 'week', leadTimeDays: 14 }),
  candidates: FORECASTING_METHODS,
  basedOnMovementId: 'mv-1',
  generatedAt: new Date('2026-06-01T00:00:00Z'),
});

describe('the demand forecast of a site x item', () => {
  it('is the mean and spread of a history too short for the backtest, with no score', () => {
    const forecast = demandForecastOf(question(weeks([4, 8, 6])));
    expect(forecast).toMatchObject({ method: HISTORY_MEAN_METHOD, demandPerPeriod: 6, standardDeviationPerPeriod: 2, periodsObserved: 3, methodScore: null, leadTimeErrorVariance: null, periodDays: 7 });
    expect(forecast.firstPeriodStart).toBe('2026-01-26');
  });

  it('comes from the method the backtest chose, over a horizon of the lead time (2 weeks), its σ from the lead-time error', () => {
    const history = Array.from({ length: 30 }, (_, i) => 20 + (i % 2 === 0 ? 3 : -3));
    const forecast = demandForecastOf(question(weeks(history)));
    expect(forecast.methodScores[0].method).toBe(forecast.method);
    expect(forecast).toMatchObject({ leadTimePeriods: 2, periodsObserved: 30, agreementId: 'AGR-1' });
    expect(forecast.horizonDemand).toHaveLength(2);
    expect(forecast.standardDeviationPerPeriod).toBeCloseTo(Math.sqrt(forecast.leadTimeErrorVariance! / 2), 5);
    expect(forecast.runnerUpMethod).toBe(forecast.methodScores[1].method);
  });

  it('takes a week out of stock at the usual demand, not what little was consumed, and counts it', () => {
    const forecast = demandForecastOf(question(weeks([10, 10, 10, 2], [3])));
    expect(forecast.recentDemand).toEqual([10, 10, 10, 10]);
    expect(forecast.censoredPeriods).toBe(1);
  });

  it('never forecasts demand below zero, whatever a falling trend says', () => {
    const falling = Array.from({ length: 30 }, (_, i) => Math.max(0, 60 - 2 * i));
    const forecast = demandForecastOf({ ...question(weeks(falling)), candidates: FORECASTING_METHODS.filter((m) => m.name === 'holt') });
    expect(forecast.method).toBe('holt');
    expect(Math.min(...forecast.horizonDemand)).toBeGreaterThanOrEqual(0);
  });
});
