import { FORECASTING_METHODS, demandFloors } from '@smi/forecasting';
import { dayNumberOfText } from '../consumption-history/calendar-days';
import { demandForecastOf, HISTORY_MEAN_METHOD, type ForecastQuestion } from './demand-forecast';
import { forecastSettingsFor } from './forecast-settings';

const start = dayNumberOfText('2026-01-05'); // a Monday
const weeks = (consumed: number[], censoredAt: number[] = []) =>
  consumed.map((q, i) => ({ start: start + 7 * i, consumed: q, censored: censoredAt.includes(i) }));
const question = (periods: ForecastQuestion['periods']): ForecastQuestion => ({
  eventId: 'f-1',
  series: { buyerId: 'acme', siteId: 'lyon', itemId: 'pad', unit: 'EA' },
  agreementId: 'AGR-1',
  periods,
  settings: forecastSettingsFor({ forecastPeriod: 'week', leadTimeDays: 14 }),
  basedOnMovementId: 'mv-1',
  generatedAt: new Date('2026-06-01T00:00:00Z'),
});

describe('the demand forecast of a site x item', () => {
  it('is the combination unscored, with the spread of the history, for a history too short for the backtest', () => {
    const forecast = demandForecastOf(question(weeks([4, 8, 6]))).forecast;
    expect(forecast).toMatchObject({
      method: 'combination',
      // Median of SES 5.44 (α 0.01 on [4, 8, 6] after 4), ADIDA, TSB and IMAPA (bucket 1: SES in [0.1, 0.3]), SBA.
      demandPerPeriod: 5.44,
      standardDeviationPerPeriod: 2,
      periodsObserved: 3,
      methodScore: null,
      leadTimeErrorVariance: null,
      periodDays: 7,
    });
    expect(forecast.firstPeriodStart).toBe('2026-01-26');
  });

  it('is 0 with a deviation of 0 for an item that never demanded, and the mean of one period with none', () => {
    expect(demandForecastOf(question(weeks([0]))).forecast).toMatchObject({ method: HISTORY_MEAN_METHOD, demandPerPeriod: 0 });
    expect(demandForecastOf(question(weeks([0, 0, 0]))).forecast).toMatchObject({
      method: 'combination',
      demandPerPeriod: 0,
      standardDeviationPerPeriod: 0,
    });
  });

  it('for intermittent demand comes from the combination, published over the lead time (2 weeks), its σ from the lead-time error of its backtest', () => {
    const history = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? 5 + (i % 4) : 0));
    const forecast = demandForecastOf(question(weeks(history))).forecast;
    expect(forecast).toMatchObject({
      method: 'combination',
      demandClass: 'intermittent',
      leadTimePeriods: 2,
      periodsObserved: 30,
      runnerUpMethod: null,
    });
    expect(forecast.methodScores).toEqual([expect.objectContaining({ method: 'combination', origins: 8 })]);
    expect(forecast.horizonDemand).toHaveLength(2);
    expect(forecast.standardDeviationPerPeriod).toBeGreaterThanOrEqual(Math.sqrt(forecast.leadTimeErrorVariance! / 2) - 1e-6);
  });

  it('for smooth demand is the median of the 3 methods that backtest best, scored as one, the best single method the runner-up', () => {
    const history = Array.from({ length: 30 }, (_, i) => 20 + (i % 2 === 0 ? 3 : -3));
    const forecast = demandForecastOf(question(weeks(history))).forecast;
    expect(forecast).toMatchObject({ method: 'median-of-best', demandClass: 'smooth', agreementId: 'AGR-1' });
    expect(forecast.methodScores[0]).toMatchObject({ method: 'median-of-best', rmsse: forecast.methodScore, origins: 8 });
    expect(forecast.runnerUpMethod).toBe(forecast.methodScores[1].method);
    expect(forecast.methodScores.map((m) => m.method)).not.toContain('holt-winters-multiplicative');
    expect(forecast.standardDeviationPerPeriod).toBeGreaterThanOrEqual(Math.sqrt(forecast.leadTimeErrorVariance! / 2) - 1e-6);
  });

  it('scores the backtest 12 periods ahead even for a one-period lead time, so a history of 20 periods is still too short', () => {
    const settings = forecastSettingsFor({ forecastPeriod: 'week', leadTimeDays: 7 });
    expect(settings).toMatchObject({ leadTimePeriods: 1, horizon: 1, backtestHorizon: 12 });
    const history = Array.from({ length: 21 }, (_, i) => (i % 3 === 0 ? 6 : 0));
    expect(demandForecastOf({ ...question(weeks(history.slice(0, 20))), settings }).forecast).toMatchObject({
      method: 'combination',
      methodScore: null,
    });
    const forecast = demandForecastOf({ ...question(weeks(history)), settings }).forecast;
    expect(forecast).toMatchObject({ method: 'combination', leadTimePeriods: 1, methodScores: [expect.objectContaining({ origins: 8 })] });
    expect(forecast.horizonDemand).toHaveLength(1);
  });

  it('after a long run of weeks without demand still forecasts some demand, with a deviation above zero', () => {
    const history = [...Array.from({ length: 30 }, (_, i) => (i % 4 === 0 ? 8 : 0)), ...Array.from({ length: 40 }, () => 0)];
    const forecast = demandForecastOf(question(weeks(history))).forecast;
    const floors = demandFloors(history)!;
    expect(forecast.demandPerPeriod).toBeGreaterThanOrEqual(floors.level - 1e-6);
    expect(forecast.demandPerPeriod).toBeGreaterThan(0);
    expect(forecast.standardDeviationPerPeriod).toBeGreaterThanOrEqual(floors.deviation - 1e-6);
    expect(floors.deviation).toBeGreaterThan(0.9); // p = 1/71, sizes 8: √(64/71 − (8/71)²)
  });

  it('takes a week out of stock at the usual demand, not what little was consumed, and counts it', () => {
    const forecast = demandForecastOf(question(weeks([10, 10, 10, 2], [3]))).forecast;
    expect(forecast.recentDemand).toEqual([10, 10, 10, 10]);
    expect(forecast.censoredPeriods).toBe(1);
  });

  it('never forecasts demand below zero, whatever a falling trend says', () => {
    const falling = Array.from({ length: 30 }, (_, i) => Math.max(0, 60 - 2 * i));
    const forecast = demandForecastOf({
      ...question(weeks(falling)),
      onlyMethods: FORECASTING_METHODS.filter((m) => m.name === 'holt'),
    }).forecast;
    expect(forecast.method).toBe('holt');
    expect(Math.min(...forecast.horizonDemand)).toBeGreaterThanOrEqual(0);
  });

  describe('between full fits, on a daily line (refit every 7 days)', () => {
    const days = (consumed: number[]) => consumed.map((q, i) => ({ start: start + i, consumed: q, censored: false }));
    const daily = forecastSettingsFor({ forecastPeriod: 'day', leadTimeDays: 2 });
    const series = Array.from({ length: 80 }, (_, i) => 10 + 4 * Math.sin((i / 7) * 2 * Math.PI) + (i % 3));
    const trendMethods = FORECASTING_METHODS.filter((m) => m.reusesParameters);
    const ask = (length: number, kept?: ForecastQuestion['kept']) =>
      demandForecastOf({ ...question(days(series.slice(0, length))), settings: daily, onlyMethods: trendMethods, ...(kept && { kept }) });

    it('a full fit gives its constants to keep, through its last period', () => {
      const { refitted } = ask(70);
      expect(refitted).toMatchObject({ periodDays: 1, fittedThrough: start + 69 });
      expect(Object.keys(refitted!.parameters).sort()).toEqual([
        'holt',
        'holt-damped',
        'holt-winters-additive',
        'holt-winters-multiplicative',
      ]);
    });

    it('the next six days forecast with the kept constants and keep nothing new; the seventh fits in full again', () => {
      const { refitted } = ask(70);
      const reused = ask(76, refitted);
      expect(reused.refitted).toBeUndefined();
      expect(reused.forecast.method).toBeDefined();
      const full = ask(76);
      expect(reused.forecast.horizonDemand).not.toEqual(full.forecast.horizonDemand);
      reused.forecast.horizonDemand.forEach((q, h) =>
        expect(Math.abs(q - full.forecast.horizonDemand[h])).toBeLessThan(0.1 * full.forecast.horizonDemand[h]),
      );
      expect(ask(77, refitted)).toEqual(ask(77));
    });

    it('a weekly line fits in full every period', () => {
      const history = Array.from({ length: 30 }, (_, i) => 20 + (i % 2 === 0 ? 3 : -3));
      const first = demandForecastOf(question(weeks(history.slice(0, 29))));
      expect(demandForecastOf({ ...question(weeks(history)), kept: first.refitted })).toEqual(demandForecastOf(question(weeks(history))));
    });
  });
});
