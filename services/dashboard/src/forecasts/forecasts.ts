import type { DemandForecast, ForecastAccuracy } from '@smi/contracts';
import type { Wire } from '../platform/answer';

export type ForecastView = Wire<DemandForecast>;
export type AccuracyView = Wire<ForecastAccuracy>;

export interface ForecastRow {
  buyerId: string;
  siteId: string;
  itemId: string;
  unit: string;
  method: string;
  runnerUpMethod: string | null;
  demandPerDay: number;
  demandClass: string;
  periodsObserved: number;
  /** MASE over the scored periods: below 1 beats the naive forecast; null before any period was scored. */
  mase: number | null;
  /** Mean forecast minus actual per period, relative to actual demand; null when not measurable. */
  relativeBias: number | null;
  periodsScored: number;
  generatedAt: string;
}

/** Each forecast with the accuracy measured for its site x item, per day whatever the line's period. */
export function forecastRows(forecasts: readonly ForecastView[], accuracy: readonly AccuracyView[]): ForecastRow[] {
  return forecasts
    .map((f) => {
      const measured = accuracy.find(
        (a) => a.scope === 'SITE_ITEM' && a.buyerId === f.buyerId && a.siteId === f.siteId && a.itemId === f.itemId,
      );
      return {
        buyerId: f.buyerId,
        siteId: f.siteId,
        itemId: f.itemId,
        unit: f.unit,
        method: f.method,
        runnerUpMethod: f.runnerUpMethod,
        demandPerDay: f.periodDays > 0 ? f.demandPerPeriod / f.periodDays : f.demandPerPeriod,
        demandClass: f.demandClass,
        periodsObserved: f.periodsObserved,
        mase: measured?.mase ?? null,
        relativeBias: measured?.relativeBias ?? null,
        periodsScored: measured?.periodsScored ?? 0,
        generatedAt: f.generatedAt,
      };
    })
    .sort((a, b) => a.buyerId.localeCompare(b.buyerId) || a.siteId.localeCompare(b.siteId) || a.itemId.localeCompare(b.itemId));
}

/** MASE in words: how the forecast compares with simply repeating the last period. */
export function accuracyInWords(mase: number | null): string {
  if (mase === null) return 'not scored yet';
  if (mase < 0.8) return 'clearly better than naive';
  if (mase < 1) return 'better than naive';
  return 'no better than naive';
}
