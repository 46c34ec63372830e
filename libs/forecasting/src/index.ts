export { DemandClass, DemandPattern, DEMAND_CLASSES, ADI_CUT_OFF, CV2_CUT_OFF, classifyDemand, demandClassNamed } from './demand-class';
export { TsbLevel, TSB_DEFAULT_SMOOTHING, tsbLevel } from './tsb';
export { ForecastError, errorScale, forecastError } from './accuracy/accuracy-measures';
export {
  BUYER_FORECAST,
  CandidateName,
  FittedParameters,
  FORECAST_METHODS,
  ForecastMethod,
  ForecastMethodName,
  MethodForecast,
  SeriesSettings,
  flat,
} from './methods/forecast-method';
export { FORECASTING_METHODS } from './methods/all-methods';
export { COMBINED_METHODS, combination } from './methods/combination';
export { DemandFloors, demandFloors } from './methods/demand-floors';
export {
  BacktestSettings,
  MEDIAN_OF_BEST,
  MethodScore,
  MethodSelection,
  fittedParameters,
  selectMethod,
} from './selection/method-selection';
export { SeasonallyAdjustedName, seasonalIndices, seasonallyAdjusted } from './methods/seasonal-adjustment';
export {
  ForecastRule,
  SEASONAL_DEMAND_METHODS,
  SMOOTH_DEMAND_MEDIAN_OF,
  SMOOTH_DEMAND_METHODS,
  SeriesForecast,
  forecastRule,
  forecastSeries,
  hasSeason,
} from './selection/forecast-rule';
export { CENSORED_REFERENCE_PERIODS, ConsumptionDay, DemandPeriod, demandEstimate, demandPeriods } from './demand-history/demand-periods';
