import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FORECASTING_METHODS } from './all-methods';
import type { ForecastMethodName } from './forecast-method';

/**
 * Our methods against the reference implementation, statsforecast 2.1.1, on
 * fixed series (tools/reference-forecasts: 20 carparts parts, seeded smooth,
 * trended and seasonal series), method by method. Tolerances:
 * - closed-form methods and those whose constants are fitted the same way
 *   (golden-section search on in-sample squared error within the same
 *   bounds): forecasts within 1e-6 relative, constants within 1e-4;
 * - Holt, damped Holt and Holt-Winters additive and multiplicative, fitted
 *   as statsforecast's ETS(A,A,N), ETS(A,Ad,N), ETS(A,A,A), ETS(M,A,M) are
 *   (likelihood, starting states searched with the constants, its
 *   Nelder-Mead): on every series statsforecast fits them, fitted α, β, γ, φ
 *   within 1e-6 and all 12 forecast periods within 1e-6 relative (measured:
 *   constants within 3e-12, forecasts within 2e-10). Where statsforecast fits
 *   no multiplicative model (a month without demand), we fit none either.
 * One known difference, kept visible below: statsforecast 2.1.1's damped
 * forecast adds φ, not φ², at the second period ahead (src/ets.cpp Forecast,
 * pow(phi, i + 1); fixed upstream after 2.1.1), so from the second period on
 * damped Holt is compared with l + (φ + … + φ^h)·b from statsforecast's own
 * fitted level l and trend b, and the fixture's forecast is checked to be
 * exactly what that recursion gives. Not in this fixture but measured by
 * hand: on flat likelihoods (intermittent parts, constants at their bounds)
 * an ulp of difference in the starting line (numpy's least squares against
 * ours) can send the search elsewhere: damped Holt's first month differs on
 * 33 of 2,509 carparts parts (tools/reference-forecasts/README.md).
 */
interface Reference {
  forecast?: number[];
  parameters?: Record<string, number>;
  states?: { level: number; trend: number };
  skipped?: string;
}
interface Fixture {
  statsforecast: string;
  horizon: number;
  seasonLength: number;
  series: { name: string; history: number[]; reference: Partial<Record<ForecastMethodName, Reference>> }[];
}

const fixture: Fixture = JSON.parse(readFileSync(path.join(__dirname, '../../test/fixtures/statsforecast-reference.json'), 'utf8'));
const settings = { seasonLength: fixture.seasonLength };
const method = (name: ForecastMethodName) => FORECASTING_METHODS.find((m) => m.name === name)!;
const cases = (name: ForecastMethodName) => fixture.series.filter((s) => s.reference[name]?.forecast).map((s) => [s.name, s] as const);
const relative = (ours: number, theirs: number) => Math.abs(ours - theirs) / Math.max(1e-9, Math.abs(theirs));
/** Each period within `tolerance` relative (or 1e-9 absolute, for forecasts of about zero): true per period. */
const periodsWithin = (ours: number[], theirs: number[], tolerance: number) =>
  ours.map((v, h) => relative(v, theirs[h]) < tolerance || Math.abs(v - theirs[h]) < 1e-9);

const EXACT: ForecastMethodName[] = [
  'naive',
  'seasonal-naive',
  'moving-average',
  'simple-exponential-smoothing',
  'croston',
  'sba',
  'tsb',
  'adida',
  'imapa',
];
const ETS: ForecastMethodName[] = ['holt', 'holt-damped', 'holt-winters-additive', 'holt-winters-multiplicative'];
const ETS_FORECAST_TOLERANCE = 1e-6;
const ETS_PARAMETER_TOLERANCE = 1e-6;

/** l + (φ + … + φ^h)·b, h = 1..horizon: the damped trend model's forecast. */
const dampedForecast = ({ level, trend }: { level: number; trend: number }, phi: number, horizon: number) => {
  let sum = 0;
  return Array.from({ length: horizon }, (_, h) => level + (sum += phi ** (h + 1)) * trend);
};
/** statsforecast 2.1.1's damped forecast: the coefficient starts at φ and grows by φ^h after period h (φ, 2φ, 2φ + φ², …). */
const dampedForecast211 = ({ level, trend }: { level: number; trend: number }, phi: number, horizon: number) => {
  let coefficient = phi;
  return Array.from({ length: horizon }, (_, h) => {
    const value = level + coefficient * trend;
    coefficient += phi ** (h + 1);
    return value;
  });
};

describe(`forecasts match the reference implementation (statsforecast ${fixture.statsforecast})`, () => {
  describe.each(EXACT)('%s', (name) => {
    it.each(cases(name))('%s', (_, series) => {
      const reference = series.reference[name]!;
      const ours = method(name).forecast(series.history, fixture.horizon, settings)!;
      expect(periodsWithin(ours.forecast, reference.forecast!, 1e-6)).toEqual(ours.forecast.map(() => true));
      for (const [parameter, value] of Object.entries(reference.parameters ?? {})) {
        expect([parameter, Math.abs(ours.parameters[parameter] - value) < 1e-4]).toEqual([parameter, true]);
      }
    });
  });

  describe.each(ETS)('%s (fitted constants and forecasts, as statsforecast ETS)', (name) => {
    it.each(cases(name))('%s', (_, series) => {
      const reference = series.reference[name]!;
      const ours = method(name).forecast(series.history, fixture.horizon, settings)!;
      for (const [parameter, value] of Object.entries(reference.parameters!)) {
        expect({
          parameter,
          ours: ours.parameters[parameter],
          theirs: value,
          within: Math.abs(ours.parameters[parameter] - value) < ETS_PARAMETER_TOLERANCE,
        }).toMatchObject({ within: true });
      }
      if (name !== 'holt-damped') {
        expect(periodsWithin(ours.forecast, reference.forecast!, ETS_FORECAST_TOLERANCE)).toEqual(ours.forecast.map(() => true));
        return;
      }
      const phi = reference.parameters!.phi;
      expect(periodsWithin(ours.forecast.slice(0, 1), reference.forecast!.slice(0, 1), ETS_FORECAST_TOLERANCE)).toEqual([true]);
      expect(periodsWithin(ours.forecast, dampedForecast(reference.states!, phi, fixture.horizon), ETS_FORECAST_TOLERANCE)).toEqual(
        ours.forecast.map(() => true),
      );
      // The known difference: statsforecast's own damped forecast is its 2.1.1 recursion's, from the second period on.
      expect(periodsWithin(reference.forecast!, dampedForecast211(reference.states!, phi, fixture.horizon), 1e-12)).toEqual(
        ours.forecast.map(() => true),
      );
    });

    const declined = fixture.series.filter((s) => s.reference[name]?.skipped).map((s) => [s.name, s.reference[name]!.skipped!, s] as const);
    if (declined.length > 0) {
      it.each(declined)('%s: none, as statsforecast (%s)', (_, __, series) => {
        expect(method(name).forecast(series.history, fixture.horizon, settings)).toBeUndefined();
      });
    }
  });
});
