import { errorScale, forecastError } from './accuracy-measures';

describe('forecast accuracy measures', () => {
  it('scales squared and absolute errors by the history’s one-period changes, from its first demand', () => {
    // Changes after the leading zero: 2→4 (2), 4→0 (4), 0→2 (2): squared mean 8, absolute mean 8/3.
    const history = [0, 2, 4, 0, 2];
    expect(errorScale(history)).toEqual({ squared: 8, absolute: 8 / 3 });
    const error = forecastError(history, [2, 2], [0, 4])!;
    expect(error.rmsse).toBeCloseTo(Math.sqrt(4 / 8), 12);
    expect(error.mase).toBeCloseTo(2 / (8 / 3), 12);
    expect(error.bias).toBe(0);
  });

  it('scores the all-zero forecast on intermittent demand worse than the mean on RMSSE, better on MASE', () => {
    const history = [0, 0, 3, 0, 0, 0, 5, 0, 0, 2, 0, 0, 0, 4, 0, 0];
    const actual = [0, 0, 6, 0, 0, 0, 0, 3, 0, 0, 0, 0];
    const mean = history.reduce((a, b) => a + b, 0) / history.length;
    const zero = forecastError(history, Array(12).fill(0), actual)!;
    const level = forecastError(history, Array(12).fill(mean), actual)!;
    expect(zero.rmsse).toBeGreaterThan(level.rmsse);
    expect(zero.mase).toBeLessThan(level.mase);
    expect(zero.bias).toBeLessThan(0);
  });

  it('uses the change over a season with a season length', () => {
    expect(errorScale([1, 5, 2, 6, 3, 7], 2)).toEqual({ squared: 1, absolute: 1 });
  });

  it('has no scale for a history that never moves, and names mismatched lengths', () => {
    expect(forecastError([0, 0, 0], [1], [1])).toBeUndefined();
    expect(forecastError([4, 4, 4], [1], [1])).toBeUndefined();
    expect(() => forecastError([1, 2], [1, 2], [1])).toThrow('forecast and actual must be of the same length above 0 (got 2 and 1)');
  });
});
