import { holt, holtDamped, holtWintersAdditive, holtWintersMultiplicative } from './trend-and-season';

const settings = { seasonLength: 4 };

describe('exponential smoothing with trend and season, fitted by likelihood as statsforecast ETS', () => {
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

  it('damped Holt adds φ + … + φ^h trends to the level h periods ahead', () => {
    const history = Array.from({ length: 30 }, (_, t) => 20 + 2 * t + [3, -1, 2, -4, 0][t % 5]);
    const made = holtDamped.forecast(history, 4, settings)!;
    const { phi } = made.parameters;
    const steps = made.forecast.slice(1).map((v, i) => v - made.forecast[i]);
    // Each step is φ times the one before: (φ + φ²) − φ = φ², then φ³, φ⁴.
    steps.slice(1).forEach((step, i) => expect(step / steps[i]).toBeCloseTo(phi, 9));
  });

  it('forecasts a constant history as that constant, as statsforecast (simple smoothing, α 0.9999)', () => {
    for (const method of [holt, holtDamped, holtWintersAdditive, holtWintersMultiplicative]) {
      const made = method.forecast(Array(30).fill(7), 3, settings)!;
      expect(made.forecast).toEqual([7, 7, 7]);
      expect(made.parameters).toMatchObject({ alpha: 0.9999, beta: 0 });
    }
  });

  it('needs more periods than statsforecast fits from (9 for Holt, 10 damped), two seasons and two periods for the seasonal methods, positive demand for the multiplicative one', () => {
    const rising = Array.from({ length: 10 }, (_, t) => 5 + t + (t % 2));
    expect(holt.forecast(rising.slice(0, 8), 1, settings)).toBeUndefined();
    expect(holt.forecast(rising.slice(0, 9), 1, settings)).toBeDefined();
    expect(holtDamped.forecast(rising.slice(0, 9), 1, settings)).toBeUndefined();
    expect(holtDamped.forecast(rising, 1, settings)).toBeDefined();
    expect(
      holtWintersAdditive.forecast(
        Array.from({ length: 9 }, (_, t) => 5 + (t % 4)),
        4,
        settings,
      ),
    ).toBeUndefined();
    expect(holtWintersMultiplicative.forecast([...Array.from({ length: 11 }, (_, t) => 5 + (t % 4)), 0], 4, settings)).toBeUndefined();
  });
});
