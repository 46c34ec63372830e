import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fittedParameters, selectMethod } from '../selection/method-selection';
import { FORECASTING_METHODS } from './all-methods';

/**
 * Forecasting from parameters fitted earlier (selectMethod's `earlier`): the
 * ETS family keeps its constants and only refilters, which must stay close to
 * a full fit while the series behaves as it did.
 */
const fixture: { seasonLength: number; series: { name: string; history: number[] }[] } = JSON.parse(
  readFileSync(path.join(__dirname, '../../test/fixtures/statsforecast-reference.json'), 'utf8'),
);
const settings = { seasonLength: fixture.seasonLength };
const reusing = FORECASTING_METHODS.filter((m) => m.reusesParameters);
const worst = (a: number[], b: number[]) => Math.max(...a.map((v, h) => Math.abs(v - b[h]) / Math.max(1, Math.abs(b[h]))));

describe('forecasting from parameters fitted earlier', () => {
  it('reuses the constants of the ETS family only', () => {
    expect(reusing.map((m) => m.name)).toEqual(['holt', 'holt-damped', 'holt-winters-additive', 'holt-winters-multiplicative']);
  });

  // On the smooth, trended and seasonal series; on short intermittent parts the likelihood is flat in the states, so the
  // full fit's search stops where it happens to, and states best for its constants can forecast quite another level.
  it.each(reusing.map((m) => [m.name, m] as const))(
    '%s: refiltered with its own constants, it keeps them and forecasts within 5%% of the full fit',
    (_, method) => {
      const gaps: number[] = [];
      for (const { history } of fixture.series.filter((s) => !s.name.startsWith('carparts'))) {
        const full = method.forecast(history, 12, settings);
        const again = method.forecast(history, 12, settings, full?.parameters);
        expect(again === undefined).toBe(full === undefined);
        if (!full || !again) continue;
        expect(again.parameters).toEqual(full.parameters);
        gaps.push(worst(again.forecast, full.forecast));
      }
      expect(gaps.length).toBeGreaterThan(0);
      expect(Math.max(...gaps)).toBeLessThan(0.05);
    },
  );

  it('ignores constants fitted with another season, and fits again', () => {
    const { history } = fixture.series.find((s) => s.name === 'smooth-1')!;
    const method = reusing.find((m) => m.name === 'holt-winters-additive')!;
    const full = method.forecast(history, 12, settings)!;
    expect(method.forecast(history, 12, settings, { ...full.parameters, seasonLength: 4 })).toEqual(full);
  });

  it('selection keeps the earlier constants at every origin, and fittedParameters gives them for the reusing methods only', () => {
    const { history } = fixture.series.find((s) => s.name === 'smooth-1')!;
    const backtest = { seasonLength: 12, horizon: 3, origins: 6, leadTimePeriods: 1 };
    const earlier = fittedParameters(history.slice(0, -2), FORECASTING_METHODS, backtest);
    expect(Object.keys(earlier).sort()).toEqual(reusing.map((m) => m.name).sort());
    const selection = selectMethod(history, reusing, { ...backtest, earlier })!;
    expect(selection.forecast.parameters).toEqual(earlier[selection.chosen.method]);
    expect(selectMethod(history, reusing, backtest)!.forecast.parameters).not.toEqual(earlier[selection.chosen.method]);
  });
});
