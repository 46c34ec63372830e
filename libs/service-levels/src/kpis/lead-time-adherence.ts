import { DAY_MS } from '../period';
import type { DeliveryLine } from '../service-level-facts';

export interface LeadTimeAdherence {
  delivered: number;
  /** Mean actual lead time in days (deliveredAt - orderedAt). */
  meanActualDays: number | null;
  /** Mean of actual - agreed lead time, in days: above zero is slower than agreed. */
  meanDeviationDays: number | null;
  /** Standard deviation of actual - agreed (population: over the lines delivered). */
  deviationStdDevDays: number | null;
  /** Lines whose actual lead time was within one day of the agreed one. */
  withinOneDay: number;
  withinOneDayShare: number | null;
}

/** Actual lead time of a delivered line, in days (fractional): from the order to the first arrival. */
export const actualLeadTimeDays = (line: Pick<DeliveryLine, 'orderedAt'> & { deliveredAt: Date }): number =>
  (line.deliveredAt.getTime() - line.orderedAt.getTime()) / DAY_MS;

/** How delivered lines kept the agreed lead time: mean and spread of actual - agreed, and the share within a day of it. */
export function leadTimeAdherence(lines: readonly DeliveryLine[]): LeadTimeAdherence {
  const delivered = lines.filter((line): line is DeliveryLine & { deliveredAt: Date } => line.deliveredAt !== null);
  const n = delivered.length;
  if (n === 0)
    return {
      delivered: 0,
      meanActualDays: null,
      meanDeviationDays: null,
      deviationStdDevDays: null,
      withinOneDay: 0,
      withinOneDayShare: null,
    };
  const actual = delivered.map(actualLeadTimeDays);
  const deviations = delivered.map((line, i) => actual[i] - line.agreedLeadTimeDays);
  const mean = deviations.reduce((sum, d) => sum + d, 0) / n;
  const variance = deviations.reduce((sum, d) => sum + (d - mean) ** 2, 0) / n;
  const withinOneDay = deviations.filter((d) => Math.abs(d) <= 1).length;
  return {
    delivered: n,
    meanActualDays: actual.reduce((sum, a) => sum + a, 0) / n,
    meanDeviationDays: mean,
    deviationStdDevDays: Math.sqrt(variance),
    withinOneDay,
    withinOneDayShare: withinOneDay / n,
  };
}
