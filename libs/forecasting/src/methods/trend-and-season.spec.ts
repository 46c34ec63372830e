import { holt, holtDamped, holtWintersAdditive, holtWintersMultiplicative } from './trend-and-season';

const settings = { seasonLength: 4 };

describe('exponential smoothing with trend and season, constants fitted in-sample', () => {
  it('Holt carries a straight line on exactly', () => {
    const line = Array.from({ length: 20 }, (_, t) => 10 + 3 * t);
    const made = holt.forecast(line, 3, settings)!;
    made.forecast.forEach((value, h) => expect(value).toBeCloseTo(10 + 3 * (20 + h), 6));
  });

  it('damped Holt flattens the trend: each step adds less', () => {
    const line = Array.from({ length: 20 }, (_, t) => 10 + 3 * t + (t % 2 === 0 ? 1 : -1));
    const made = holtDamped.forecast(line, 6, settings)!;
    const steps = made.forecast.slice(1).map((v, i) => v - made.forecast[i]);
    steps.slice(1).forEach((step, i) => expect(step).toBeLessThan(steps[i]));
    expect(made.parameters.phi).toBeGreaterThanOrEqual(0.8);
    expect(made.parameters.phi).toBeLessThanOrEqual(0.98);
  });

  it('Holt-Winters additive and multiplicative repeat an exact season on a trend', () => {
    const additive = Array.from({ length: 24 }, (_, t) => 50 + t + [5, -3, 8, -10][t % 4]);
    const a = holtWintersAdditive.forecast(additive, 4, settings)!;
    a.forecast.forEach((value, h) => expect(value).toBeCloseTo(50 + (24 + h) + [5, -3, 8, -10][(24 + h) % 4], 2));
    const multiplicative = Array.from({ length: 24 }, (_, t) => 100 * [1.2, 0.8, 1.1, 0.9][t % 4]);
    const m = holtWintersMultiplicative.forecast(multiplicative, 4, settings)!;
    m.forecast.forEach((value, h) => expect(value).toBeCloseTo(100 * [1.2, 0.8, 1.1, 0.9][(24 + h) % 4], 2));
  });

  it('needs two seasons and two periods for the seasonal methods, positive demand for the multiplicative one', () => {
    expect(holtWintersAdditive.forecast(Array(9).fill(5), 4, settings)).toBeUndefined();
    expect(holtWintersMultiplicative.forecast([...Array(11).fill(5), 0], 4, settings)).toBeUndefined();
    expect(holt.forecast([1, 2, 3], 1, settings)).toBeUndefined();
  });
});
