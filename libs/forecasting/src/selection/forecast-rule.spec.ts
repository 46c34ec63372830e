import { FORECASTING_METHODS } from '../methods/all-methods';
import { BUYER_FORECAST, flat, type ForecastMethod } from '../methods/forecast-method';
import { seasonalIndices, seasonallyAdjusted } from '../methods/seasonal-adjustment';
import { forecastRule, forecastSeries, hasSeason } from './forecast-rule';
import { MEDIAN_OF_BEST, selectMethod } from './method-selection';

/** Deterministic noise in [-1, 1): the fractional part of a large multiple of sin. */
const noise = (t: number) => 2 * ((Math.abs(Math.sin(12.9898 * (t + 1)) * 43758.5453) % 1) - 0.5);
const seasonal = Array.from({ length: 60 }, (_, t) => Math.round(50 + 20 * Math.sin((2 * Math.PI * t) / 12) + 6 * noise(t)));
const level = Array.from({ length: 48 }, (_, t) => Math.round(50 + 8 * noise(t + 100)));
const intermittent = Array.from({ length: 48 }, (_, t) => (t % 4 === 1 ? 3 + (t % 3) : 0));
const settings = { seasonLength: 12, horizon: 3, backtestHorizon: 12, origins: 8, leadTimePeriods: 2 };

describe('how a series is forecast (forecastRule)', () => {
  it('intermittent demand: the combination alone', () => {
    expect(forecastRule(intermittent, settings)).toEqual({
      candidates: [expect.objectContaining({ name: 'combination' })],
      medianOfBest: 1,
    });
    expect(forecastSeries(intermittent, settings).selection!.chosen.method).toBe('combination');
  });

  it('smooth demand: the median of the 3 best of level, trend and, with a season, seasonal methods', () => {
    const names = (history: number[]) => forecastRule(history, settings).candidates.map((m) => m.name);
    expect(names(seasonal)).toEqual(
      expect.arrayContaining(['combination-seasonally-adjusted', 'holt-seasonally-adjusted', 'holt-winters-additive', 'seasonal-naive']),
    );
    expect(names(level)).toEqual(expect.arrayContaining(['combination', 'holt', 'holt-damped', 'holt-winters-additive']));
    expect(names(level)).not.toContain('seasonal-naive');
    expect(names(seasonal)).not.toContain('holt-winters-multiplicative');
    expect(forecastRule(level, settings).medianOfBest).toBe(3);
  });

  it('the season test (autocorrelation at the season, one-sided 90%) finds a season only where there is one', () => {
    expect(hasSeason(seasonal, 12)).toBe(true);
    expect(hasSeason(level, 12)).toBe(false);
    expect(hasSeason(seasonal.slice(0, 35), 12)).toBe(false); // fewer than three seasons
  });

  it('fits the ETS family once on the whole history and hands the constants back to keep', () => {
    const { selection, fitted } = forecastSeries(seasonal, settings);
    expect(Object.keys(fitted!).sort()).toEqual(['holt-damped-seasonally-adjusted', 'holt-seasonally-adjusted', 'holt-winters-additive']);
    expect(forecastSeries(seasonal, { ...settings, earlier: fitted })).toEqual({ selection });
  });
});

describe('the median of the best methods by backtest (selectMethod medianOfBest)', () => {
  const constant = (name: string, value: number): ForecastMethod => ({
    name: name as ForecastMethod['name'],
    forecast: (_h, horizon) => ({ method: name as ForecastMethod['name'], forecast: flat(value, horizon), parameters: {} }),
  });
  const history = Array.from({ length: 40 }, (_, t) => 10 + (t % 2));
  const methods = [constant('naive', 10.5), constant('moving-average', 9), constant('holt', 13), constant('sba', 30)];

  it('is the per-period median of the 3 best, scored by the same backtest, the best single method the runner-up', () => {
    const selection = selectMethod(history, methods, { ...settings, medianOfBest: 3 })!;
    expect(selection.chosen.method).toBe(MEDIAN_OF_BEST);
    expect(selection.forecast.forecast).toEqual([10.5, 10.5, 10.5]);
    expect(selection.runnerUp!.method).toBe('naive');
    // The median's forecast is the best one's here, so the score is too.
    expect(selection.chosen.rmsse).toBeCloseTo(selection.runnerUp!.rmsse, 12);
    expect(selection.scores.map((s) => s.method)).toEqual([MEDIAN_OF_BEST, 'naive', 'moving-average', 'holt', 'sba']);
  });

  it('leaves the buyer’s forecast as it is when it backtests best', () => {
    const buyer = constant(BUYER_FORECAST, 10.5);
    const selection = selectMethod(history, [buyer, methods[1], methods[2], methods[3]], { ...settings, medianOfBest: 3 })!;
    expect(selection.chosen.method).toBe(BUYER_FORECAST);
  });
});

describe('seasonal adjustment (classical multiplicative decomposition, as M4’s benchmarks)', () => {
  it('finds the indices of an exact multiplicative season, and a method on the adjusted history forecasts it back', () => {
    const shape = [0.5, 1, 1.5, 1];
    const history = Array.from({ length: 24 }, (_, t) => 40 * shape[t % 4]);
    const indices = seasonalIndices(history, 4)!;
    indices.forEach((x, i) => expect(x).toBeCloseTo(shape[i], 12));
    const naive = FORECASTING_METHODS.find((m) => m.name === 'naive')! as ForecastMethod & { name: 'naive' };
    const forecast = seasonallyAdjusted(naive).forecast(history, 4, { seasonLength: 4 })!;
    expect(forecast.method).toBe('naive-seasonally-adjusted');
    forecast.forecast.forEach((q, h) => expect(q).toBeCloseTo(40 * shape[(24 + h) % 4], 9));
  });

  it('gives no indices without two seasons inside the moving average, or with a level at 0', () => {
    expect(seasonalIndices([1, 2, 3, 4, 5, 6, 7, 8], 4)).toBeUndefined();
    expect(
      seasonalIndices(
        Array.from({ length: 24 }, () => 0),
        4,
      ),
    ).toBeUndefined();
  });
});
