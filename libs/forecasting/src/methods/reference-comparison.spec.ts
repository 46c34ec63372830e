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
 * - Holt, damped Holt and Holt-Winters: statsforecast fits them as ETS by
 *   likelihood with fitted starting states, we by squared one-step error from
 *   heuristic starting states, so only the first-period forecast is compared,
 *   within the tolerance stated per method below, and only on the series
 *   each is meant for (Holt on level and trend, Holt-Winters on its season).
 */
interface Reference {
  forecast?: number[];
  parameters?: Record<string, number>;
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

const EXACT: ForecastMethodName[] = ['naive', 'seasonal-naive', 'moving-average', 'simple-exponential-smoothing', 'croston', 'sba', 'tsb', 'adida'];
/** Relative error allowed on the first-period forecast of the likelihood-fitted ETS methods, on the series each is meant for. */
const ETS_TOLERANCE: Partial<Record<ForecastMethodName, number>> = {
  holt: 0.05,
  'holt-damped': 0.05,
  'holt-winters-additive': 0.05,
  'holt-winters-multiplicative': 0.05,
};
/**
 * Where we differ by more: on smooth-2, a level with no trend, the in-sample
 * error is lowest with α near 0, so the forecast is the starting line, which
 * we take from the first ten periods and statsforecast fits by likelihood
 * (ours 62.8 and 58.8 against 52.6 and 53.7).
 */
const KNOWN_DIFFERENCES = new Set(['holt smooth-2', 'holt-damped smooth-2']);
const MEANT_FOR: Partial<Record<ForecastMethodName, RegExp>> = {
  holt: /^(smooth|trend)-/,
  'holt-damped': /^(smooth|trend)-/,
  'holt-winters-additive': /^seasonal-add-/,
  'holt-winters-multiplicative': /^seasonal-mult-/,
};

describe(`forecasts match the reference implementation (statsforecast ${fixture.statsforecast})`, () => {
  describe.each(EXACT)('%s', (name) => {
    it.each(cases(name))('%s', (_, series) => {
      const reference = series.reference[name]!;
      const ours = method(name).forecast(series.history, fixture.horizon, settings)!;
      expect(ours.forecast.map((v, h) => relative(v, reference.forecast![h]) < 1e-6 || Math.abs(v - reference.forecast![h]) < 1e-9)).toEqual(ours.forecast.map(() => true));
      for (const [parameter, value] of Object.entries(reference.parameters ?? {})) {
        expect([parameter, Math.abs(ours.parameters[parameter] - value) < 1e-4]).toEqual([parameter, true]);
      }
    });
  });

  describe.each(Object.keys(ETS_TOLERANCE) as ForecastMethodName[])('%s (first period, within the stated tolerance)', (name) => {
    it.each(cases(name).filter(([series]) => MEANT_FOR[name]!.test(series)))('%s', (seriesName, series) => {
      const ours = method(name).forecast(series.history, fixture.horizon, settings)!;
      const theirs = series.reference[name]!.forecast![0];
      const within = relative(ours.forecast[0], theirs) <= ETS_TOLERANCE[name]!;
      // Kept visible: should it come within tolerance, move it out of KNOWN_DIFFERENCES.
      expect({ ours: ours.forecast[0], theirs, within }).toMatchObject({ within: !KNOWN_DIFFERENCES.has(`${name} ${seriesName}`) });
    });
  });
});
