import { FORECASTING_METHODS } from '../methods/all-methods';
import { naive, seasonalNaive } from '../methods/simple-methods';
import type { ForecastMethod } from '../methods/forecast-method';
import { selectMethod } from './method-selection';

const settings = { seasonLength: 12, horizon: 3, origins: 6, leadTimePeriods: 2 };

describe('method selection by rolling-origin backtest on RMSSE', () => {
  it('chooses seasonal naive on a series that repeats every year, and records the runner-up', () => {
    const season = [5, 9, 14, 20, 26, 30, 28, 22, 16, 10, 6, 4];
    const history = [...season, ...season, ...season.map((q) => q + 1)];
    const selection = selectMethod(history, [naive, seasonalNaive], settings)!;
    expect(selection.chosen.method).toBe('seasonal-naive');
    expect(selection.runnerUp?.method).toBe('naive');
    expect(selection.chosen.rmsse).toBeLessThan(selection.runnerUp!.rmsse);
    expect(selection.forecast.forecast).toEqual([6, 10, 15]);
  });

  it('takes the lead-time error variance from the chosen method’s backtest errors summed over the lead time', () => {
    // Naive on a straight line rising 1 a period: from every origin the first two periods are short by 1 and 2.
    const history = Array.from({ length: 20 }, (_, t) => t + 1);
    const selection = selectMethod(history, [naive], { ...settings, seasonLength: 1 })!;
    expect(selection.chosen).toMatchObject({ method: 'naive', origins: 6, bias: -2 });
    expect(selection.leadTimeErrorVariance).toBe(9);
  });

  it('does not choose the all-zero forecast that MASE would reward on intermittent demand', () => {
    const history = [0, 0, 3, 0, 0, 0, 5, 0, 0, 2, 0, 0, 0, 4, 0, 0, 0, 0, 6, 0, 0, 3, 0, 0, 0, 2, 0, 0, 5, 0, 0, 0, 0, 4, 0, 0];
    const selection = selectMethod(history, FORECASTING_METHODS, { ...settings, seasonLength: 1 })!;
    expect(selection.forecast.forecast[0]).toBeGreaterThan(0.5);
    const naiveScore = selection.scores.find((s) => s.method === 'naive')!;
    expect(selection.chosen.rmsse).toBeLessThan(naiveScore.rmsse);
  });

  it('falls to the next best when the best scored candidate has nothing for the future, as a buyer forecast that stops short', () => {
    const season = [5, 9, 14, 20, 26, 30, 28, 22, 16, 10, 6, 4];
    const history = [...season, ...season, ...season];
    const knowsOnlyThePast: ForecastMethod = {
      name: 'buyer-forecast',
      forecast: (past, horizon) =>
        past.length < history.length
          ? { method: 'buyer-forecast', forecast: history.slice(past.length, past.length + horizon), parameters: {} }
          : undefined,
    };
    const selection = selectMethod(history, [knowsOnlyThePast, seasonalNaive, naive], settings)!;
    expect(selection.scores[0]).toMatchObject({ method: 'buyer-forecast', rmsse: 0 });
    expect(selection.chosen.method).toBe('seasonal-naive');
    expect(selection.runnerUp?.method).toBe('naive');
  });

  it('has no answer on a history too short for the backtest, and names a bad lead time', () => {
    expect(selectMethod([1, 2, 3, 4, 5], [naive], settings)).toBeUndefined();
    expect(() => selectMethod([1, 2, 3], [naive], { ...settings, leadTimePeriods: 4 })).toThrow(
      'leadTimePeriods must be between 1 and the backtest horizon 3 (got 4)',
    );
  });
});
