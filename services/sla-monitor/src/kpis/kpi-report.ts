import { Agreement, AgreementLine, LinePenaltyTerms, ServiceLevelTarget } from '@smi/agreements';
import { AgreementKpis, agreementKpis, DeliveryLine, LineDay, LineKpis, lineKpis, Period } from '@smi/service-levels';

/** The latest forecast accuracy known at a period's end, as forecasting measured it. */
export interface ForecastAccuracyReading {
  /** First day of the latest forecast period scored. */
  throughPeriodStart: string;
  measuredAt: Date;
  periodsScored: number;
  censoredPeriodsSkipped: number;
  /** Mean absolute scaled error (below 1 beats the naive forecast); null when demand never moved. */
  mase: number | null;
  bias: number;
  relativeBias: number | null;
  linesScored: number;
  /** The measurement's event on smi.forecast-accuracy.v1. */
  eventId: string;
}

/** What a line's KPIs are read against: its band, its service level target and its fill-rate floor. */
export interface LineTargets {
  minimum: number;
  maximum: number;
  serviceLevel: ServiceLevelTarget | null;
  fillRateFloor: number | null;
}

export interface LineReport {
  siteId: string;
  itemId: string;
  unit: string;
  targets: LineTargets;
  kpis: LineKpis;
  forecastAccuracy: ForecastAccuracyReading | null;
}

export interface AgreementReport {
  agreementId: string;
  buyerId: string;
  supplierId: string;
  currency: string;
  /** The agreement version whose lines were measured: the one in force at the period's end (or now, for the current period). */
  agreementVersion: number;
  kpis: AgreementKpis;
  forecastAccuracy: ForecastAccuracyReading | null;
  lines: LineReport[];
}

/** One agreement version's lines, with the facts of each over the measured span and forecast accuracy at the period's end. */
export interface MeasuredAgreement {
  agreement: Agreement;
  version: number;
  lines: Array<{
    line: AgreementLine;
    days: readonly LineDay[];
    deliveries: readonly DeliveryLine[];
    accuracy: ForecastAccuracyReading | null;
  }>;
  accuracy: ForecastAccuracyReading | null;
}

const targetsOf = (line: AgreementLine, penalties: LinePenaltyTerms | undefined): LineTargets => ({
  minimum: line.minimum,
  maximum: line.maximum,
  serviceLevel: line.serviceLevel ?? null,
  fillRateFloor: penalties?.fillRateFloor ?? null,
});

/**
 * Every KPI of each line of an agreement over a period, and of the agreement, from the facts: the
 * KPI rules are the service-levels lib's (the penalties and the what-if simulator use the same).
 * `asOf` (business time) ends the current period's measure.
 */
export function agreementReport(measured: MeasuredAgreement, period: Period, asOf: Date): AgreementReport {
  const lines = measured.lines.map(({ line, days, deliveries, accuracy }) => ({
    siteId: line.siteId,
    itemId: line.itemId,
    unit: line.unit,
    targets: targetsOf(line, line.penalties),
    kpis: lineKpis({ period, days, deliveries, band: { minimum: line.minimum, maximum: line.maximum }, asOf }),
    forecastAccuracy: accuracy,
  }));
  return {
    agreementId: measured.agreement.agreementId,
    buyerId: measured.agreement.buyerId,
    supplierId: measured.agreement.supplierId,
    currency: measured.agreement.currency,
    agreementVersion: measured.version,
    kpis: agreementKpis(
      period.id,
      lines.map((l) => l.kpis),
    ),
    forecastAccuracy: measured.accuracy,
    lines,
  };
}

/** Whether an agreement's validity overlaps a period's days. */
export const inForceDuring = (agreement: Pick<Agreement, 'validFrom' | 'validTo'>, period: Pick<Period, 'firstDay' | 'lastDay'>): boolean =>
  agreement.validFrom <= period.lastDay && agreement.validTo >= period.firstDay;

/**
 * The lines doing worst in a period, worst first: most stockout days, then lowest fill rate, then
 * most deliveries not on time. At most `count`; a line without any shortfall is not among them.
 */
export function worstLines(lines: readonly LineReport[], count: number): LineReport[] {
  const notOnTime = (l: LineReport) => l.kpis.onTimeDelivery.due - l.kpis.onTimeDelivery.onTime;
  const fill = (l: LineReport) => l.kpis.fillRate.rate ?? 1;
  return lines
    .filter((l) => l.kpis.stockouts.stockoutDays > 0 || fill(l) < 1 || notOnTime(l) > 0)
    .sort(
      (a, b) =>
        b.kpis.stockouts.stockoutDays - a.kpis.stockouts.stockoutDays ||
        fill(a) - fill(b) ||
        notOnTime(b) - notOnTime(a) ||
        `${a.siteId}|${a.itemId}`.localeCompare(`${b.siteId}|${b.itemId}`),
    )
    .slice(0, count);
}
