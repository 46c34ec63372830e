import { fitEts, type EtsModel } from './ets-fit';
import type { ForecastMethod } from './forecast-method';

/**
 * Exponential smoothing with a trend (Holt 1957; damped, Gardner & McKenzie
 * 1985) and with a season (Winters 1960), additive or multiplicative, as the
 * ETS models statsforecast 2.1.1 fits for them (ets-fit.ts): Holt is
 * ETS(A,A,N), damped Holt ETS(A,Ad,N), Holt-Winters additive ETS(A,A,A) and
 * multiplicative ETS(M,A,M), each fitted by likelihood with its starting
 * states. The forecast h periods ahead adds (φ + … + φ^h) trends to the level
 * (h trends undamped) and the season's value for that period.
 */

type Name = 'holt' | 'holt-damped' | 'holt-winters-additive' | 'holt-winters-multiplicative';

function fitted(name: Name, model: Omit<EtsModel, 'm'>): ForecastMethod {
  const seasonal = model.seasonality !== 'none';
  return {
    name,
    forecast: (history, horizon, { seasonLength }) => {
      const m = seasonal ? seasonLength : 1;
      if (seasonal && (m < 2 || history.length < 2 * m + 2)) return undefined;
      if (model.seasonality === 'multiplicative' && history.some((q) => q <= 0)) return undefined;
      const fit = fitEts(history, { ...model, m });
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

export const holt = fitted('holt', { error: 'additive', seasonality: 'none', damped: false });
export const holtDamped = fitted('holt-damped', { error: 'additive', seasonality: 'none', damped: true });
export const holtWintersAdditive = fitted('holt-winters-additive', { error: 'additive', seasonality: 'additive', damped: false });
export const holtWintersMultiplicative = fitted('holt-winters-multiplicative', { error: 'multiplicative', seasonality: 'multiplicative', damped: false });
