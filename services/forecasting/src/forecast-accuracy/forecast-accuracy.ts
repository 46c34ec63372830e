import type { DemandPeriod } from '@smi/forecasting';

/** A published forecast, kept to be scored when its periods close. */
export interface ForecastSnapshot {
  eventId: string;
  /** Day number of the first period forecast. */
  firstPeriodStart: number;
  periodDays: number;
  /** Expected demand of each period from firstPeriodStart on. */
  horizonDemand: readonly number[];
  generatedAt: Date;
}

/** A closed period beside what had been forecast for it. */
export interface ScoredPeriod {
  periodStart: number;
  forecast: number;
  actual: number;
  /** Out of stock in the period: its demand is not known, so it is not scored. */
  censored: boolean;
  snapshotEventId: string;
}

/** Accuracy over a window of scored periods. */
export interface Accuracy {
  periodsScored: number;
  censoredPeriodsSkipped: number;
  /** Mean |forecast − actual| over the history's mean absolute change; null when the history never moved. */
  mase: number | null;
  /** Mean forecast − actual per period (site x item) or total relative (agreement). */
  bias: number;
  relativeBias: number | null;
  forecastTotal: number;
  actualTotal: number;
  linesScored: number;
  throughPeriodStart: number;
}

/** Scored periods measured together: about a year of weeks. */
export const ACCURACY_WINDOW_PERIODS = 52;

/**
 * Each closed period after `scoredThrough` with the forecast made for it
 * before it began: from the latest snapshot whose first period is at or
 * before it and whose horizon reaches it (the newest one on a tie). A period
 * no snapshot reached is not scored.
 */
export function periodsToScore(
  periods: readonly DemandPeriod[],
  snapshots: readonly ForecastSnapshot[],
  scoredThrough: number | undefined,
): ScoredPeriod[] {
  const scored: ScoredPeriod[] = [];
  for (const period of periods) {
    if (scoredThrough !== undefined && period.start <= scoredThrough) continue;
    let best: { snapshot: ForecastSnapshot; index: number } | undefined;
    for (const snapshot of snapshots) {
      const offset = period.start - snapshot.firstPeriodStart;
      const index = offset / snapshot.periodDays;
      if (offset < 0 || !Number.isInteger(index) || index >= snapshot.horizonDemand.length) continue;
      const newer =
        !best ||
        snapshot.firstPeriodStart > best.snapshot.firstPeriodStart ||
        (snapshot.firstPeriodStart === best.snapshot.firstPeriodStart &&
          snapshot.generatedAt.getTime() > best.snapshot.generatedAt.getTime());
      if (newer) best = { snapshot, index };
    }
    if (!best) continue;
    scored.push({
      periodStart: period.start,
      forecast: best.snapshot.horizonDemand[best.index],
      actual: period.consumed,
      censored: period.censored,
      snapshotEventId: best.snapshot.eventId,
    });
  }
  return scored;
}

/**
 * Accuracy of one site x item over its last ACCURACY_WINDOW_PERIODS scored
 * periods, censored ones left out. MASE scales by the history's mean absolute
 * change (`scale`, from the first demand on, as the backtest does); undefined
 * when no uncensored period was scored.
 */
export function siteItemAccuracy(scored: readonly ScoredPeriod[], scale: number | undefined): Accuracy | undefined {
  const window = [...scored].sort((a, b) => a.periodStart - b.periodStart).slice(-ACCURACY_WINDOW_PERIODS);
  const known = window.filter((p) => !p.censored);
  if (known.length === 0) return undefined;
  const forecastTotal = known.reduce((sum, p) => sum + p.forecast, 0);
  const actualTotal = known.reduce((sum, p) => sum + p.actual, 0);
  const absolute = known.reduce((sum, p) => sum + Math.abs(p.forecast - p.actual), 0) / known.length;
  return {
    periodsScored: known.length,
    censoredPeriodsSkipped: window.length - known.length,
    mase: scale ? absolute / scale : null,
    bias: (forecastTotal - actualTotal) / known.length,
    relativeBias: actualTotal > 0 ? (forecastTotal - actualTotal) / actualTotal : null,
    forecastTotal,
    actualTotal,
    linesScored: 1,
    throughPeriodStart: window[window.length - 1].periodStart,
  };
}

/**
 * An agreement's accuracy from its lines': MASE the mean over lines that have
 * one (scaled errors can be averaged across items, raw ones cannot), bias the
 * total forecast against the total actual.
 */
export function agreementAccuracy(lines: readonly Accuracy[]): Accuracy | undefined {
  if (lines.length === 0) return undefined;
  const scaled = lines.filter((l) => l.mase !== null);
  const forecastTotal = lines.reduce((sum, l) => sum + l.forecastTotal, 0);
  const actualTotal = lines.reduce((sum, l) => sum + l.actualTotal, 0);
  const relativeBias = actualTotal > 0 ? (forecastTotal - actualTotal) / actualTotal : null;
  return {
    periodsScored: lines.reduce((sum, l) => sum + l.periodsScored, 0),
    censoredPeriodsSkipped: lines.reduce((sum, l) => sum + l.censoredPeriodsSkipped, 0),
    mase: scaled.length > 0 ? scaled.reduce((sum, l) => sum + l.mase!, 0) / scaled.length : null,
    bias: relativeBias ?? 0,
    relativeBias,
    forecastTotal,
    actualTotal,
    linesScored: lines.length,
    throughPeriodStart: Math.max(...lines.map((l) => l.throughPeriodStart)),
  };
}
