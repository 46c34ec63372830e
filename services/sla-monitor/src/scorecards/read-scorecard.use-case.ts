import { Injectable } from '@nestjs/common';
import { Agreement } from '@smi/agreements';
import { Party } from '@smi/service-kit';
import { addDays, monthOf, parsePeriod, Period } from '@smi/service-levels';
import { DisputesRepository } from '../disputes/disputes.repository';
import { MeasureKpis } from '../kpis/measure-kpis.use-case';
import { PenaltiesRepository } from '../penalties/penalties.repository';
import { Scorecard, scorecardOf } from './scorecard';

/** Months in a scorecard's trend, this one included. */
export const TREND_MONTHS = 12;

/** The months of the trend ending with `month`, oldest first. */
export function trendMonths(month: Period): Period[] {
  const months = [month];
  while (months.length < TREND_MONTHS) months.unshift(parsePeriod(monthOf(addDays(months[0].firstDay, -1)))!);
  return months;
}

/**
 * An agreement's scorecard for a month: its KPIs over the last 12 months (measured at once), the
 * penalties of those months, and, for its buyer or supplier, the disputes over the month's.
 */
@Injectable()
export class ReadScorecard {
  constructor(
    private readonly measure: MeasureKpis,
    private readonly penalties: PenaltiesRepository,
    private readonly disputes: DisputesRepository,
  ) {}

  async execute(agreement: Agreement, month: Period, party: Party): Promise<Scorecard | undefined> {
    const months = trendMonths(month);
    const reports = (await this.measure.execute([agreement], months)).map((perAgreement) => perAgreement[0]).filter(Boolean);
    if (reports.length === 0 || reports[reports.length - 1].kpis.period !== month.id) return undefined;
    const scope = party.kind === 'buyer' ? { buyerId: party.id } : party.kind === 'supplier' ? { supplierId: party.id } : 'all';
    const firstMonth = months[0].id;
    const penalties = (await this.penalties.list(scope, { agreementId: agreement.agreementId })).filter(
      (p) => p.period >= firstMonth && p.period <= month.id,
    );
    const disputes = scope === 'all' ? null : (await this.disputes.list(scope, {})).filter((d) => d.agreementId === agreement.agreementId);
    return scorecardOf(
      reports,
      months.map((m) => m.id),
      penalties,
      disputes,
    );
  }
}
