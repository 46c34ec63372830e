import type { FittedParameters } from '@smi/forecasting';
import type { ForecastSettings } from './forecast-settings';

/** A series' method constants from its last full fit, kept until the next. */
export interface KeptParameters {
  periodDays: number;
  /** Start day of the last period the full fit saw. */
  fittedThrough: number;
  parameters: FittedParameters;
}

/**
 * The kept constants a recomputation whose history ends with the period
 * starting on lastPeriodStart may forecast with, or undefined when it must
 * fit in full: nothing kept, another period length, a history that ends
 * before the fit's (rewritten), or refitEveryPeriods periods or more since.
 */
export function parametersToReuse(
  kept: KeptParameters | undefined,
  settings: ForecastSettings,
  lastPeriodStart: number,
): FittedParameters | undefined {
  if (!kept || kept.periodDays !== settings.periodDays) return undefined;
  const periodsSince = (lastPeriodStart - kept.fittedThrough) / settings.periodDays;
  return periodsSince >= 0 && periodsSince < settings.refitEveryPeriods ? kept.parameters : undefined;
}
