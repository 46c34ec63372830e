import { fitEts, refilterEts, type EtsConstants, type EtsModel } from './ets-fit';
import type { ForecastMethod } from './forecast-method';

/**
 * Exponential smoothing with a trend (Holt 1957; damped, Gardner & McKenzie
 * 1985) and with a season (Winters 1960), additive or multiplicative, as the
 * ETS models statsforecast 2.1.1 fits for them (ets-fit.ts): Holt is
 * ETS(A,A,N), damped Holt ETS(A,Ad,N), Holt-Winters additive ETS(A,A,A) and
 * multiplicative ETS(M,A,M), each fitted by likelihood with its starting
 * states. The forecast h periods ahead adds (φ + … + φ^h) trends to the level
 * (h trends undamped) and the season's value for that period.
 *
 * Given the constants of an earlier fit (the parameters this method
 * reported, with the same season), the model keeps them and is only
 * refiltered over the history (refilterEts): not statsforecast's fit, but
 * close to it while the series behaves as it did, at a small part of the cost.
 */

type Name = 'holt' | 'holt-damped' | 'holt-winters-additive' | 'holt-winters-multiplicative';

function fitted(name: Name, model: Omit<EtsModel, 'm'>): ForecastMethod {
  const seasonal = model.seasonality !== 'none';
  return {
    name,
    reusesParameters: true,
    forecast: (history, horizon, { seasonLength }, earlier) => {
      const m = seasonal ? seasonLength : 1;
      if (seasonal && (m < 2 || history.length < 2 * m + 2)) return undefined;
      if (model.seasonality === 'multiplicative' && history.some((q) => q <= 0)) return undefined;
      const constants = earlier && constantsOf(earlier, seasonal ? m : undefined, model.damped);
      const fit = constants ? refilterEts(history, { ...model, m }, constants) : fitEts(history, { ...model, m });
      if (!fit) return undefined;
      const forecast = fit.forecast(horizon);
      if (!forecast.every(Number.isFinite)) return undefined;
      const parameters: Record<string, number> = { alpha: fit.alpha, beta: fit.beta };
      if (seasonal) Object.assign(parameters, { gamma: fit.gamma, seasonLength: m });
      if (model.damped) parameters.phi = fit.phi;
      return { method: name, forecast, parameters };
    },
  };
}

/** The constants in parameters this method reported, or undefined when they are not all there or were fitted with another season. */
function constantsOf(parameters: Readonly<Record<string, number>>, m: number | undefined, damped: boolean): EtsConstants | undefined {
  const { alpha, beta, gamma = 0, phi = 1, seasonLength } = parameters;
  if (alpha === undefined || beta === undefined || seasonLength !== m) return undefined;
  if (m !== undefined && parameters.gamma === undefined) return undefined;
  if (damped && parameters.phi === undefined) return undefined;
  return { alpha, beta, gamma, phi };
}

export const holt = fitted('holt', { error: 'additive', seasonality: 'none', damped: false });
export const holtDamped = fitted('holt-damped', { error: 'additive', seasonality: 'none', damped: true });
export const holtWintersAdditive = fitted('holt-winters-additive', { error: 'additive', seasonality: 'additive', damped: false });
export const holtWintersMultiplicative = fitted('holt-winters-multiplicative', {
  error: 'multiplicative',
  seasonality: 'multiplicative',
  damped: false,
});
