import { Injectable } from '@nestjs/common';
import { Agreement, AgreementBook } from '@smi/agreements';
import { BusinessClock, Party } from '@smi/service-kit';
import { Period, startOf } from '@smi/service-levels';
import { accuracySubjectOf } from '../service-level-facts/delivery-facts';
import { FactsLine, ServiceLevelFactsRepository } from '../service-level-facts/service-level-facts.repository';
import { AgreementReport, agreementReport, inForceDuring, MeasuredAgreement } from './kpi-report';

/**
 * The agreements a party may read, each as its last active version has it: its own (as buyer or
 * supplier); an operator, all. A retired agreement stays readable: its months in force still count.
 */
export function agreementsVisibleTo(book: AgreementBook, party: Party): Agreement[] {
  return book.agreementIds
    .map((id) => book.history(id).findLast((v) => v.status === 'active')?.agreement)
    .filter((a): a is Agreement => a !== undefined)
    .filter((a) => party.kind === 'operator' || a.buyerId === party.id || a.supplierId === party.id);
}

/**
 * Measures the KPIs of agreements over periods, from the stored facts: the lines of the agreement
 * version in force at the end of the last period (or now, by the business clock, when that is
 * earlier), the facts of every line over all periods read at once, then each period measured by
 * the service-levels lib. A period still running is measured up to now.
 */
@Injectable()
export class MeasureKpis {
  constructor(
    private readonly agreements: AgreementBook,
    private readonly facts: ServiceLevelFactsRepository,
    private readonly clock: BusinessClock,
  ) {}

  /** Per period asked (in order), a report per agreement in force during it. */
  async execute(agreements: readonly Agreement[], periods: readonly Period[]): Promise<AgreementReport[][]> {
    if (periods.length === 0) return [];
    const asOf = this.clock.now();
    const firstDay = periods.map((p) => p.firstDay).reduce((a, b) => (a < b ? a : b));
    const lastDay = periods.map((p) => p.lastDay).reduce((a, b) => (a > b ? a : b));
    const endOfLast = new Date(Math.min(startOf(lastDay).getTime() + 86_400_000 - 1, asOf.getTime()));
    const measured = agreements
      .filter((a) => inForceDuring(a, { firstDay, lastDay }))
      .map((a) => {
        // The last active version effective by the end measured; one effective only later counts from its start.
        const active = this.agreements.history(a.agreementId).filter((v) => v.status === 'active');
        const version = active.findLast((v) => Date.parse(v.effectiveFrom) <= endOfLast.getTime()) ?? active[0];
        return { agreement: version?.agreement ?? a, version: version?.version ?? 0 };
      });
    const lines: FactsLine[] = measured.flatMap(({ agreement }) =>
      agreement.lines.map((l) => ({ agreementId: agreement.agreementId, buyerId: agreement.buyerId, siteId: l.siteId, itemId: l.itemId })),
    );
    const facts = await this.facts.read(lines, firstDay, lastDay);
    const subjects = [...lines.map(accuracySubjectOf), ...measured.map(({ agreement }) => agreement.agreementId)];
    let next = 0;
    const withFacts = measured.map(({ agreement, version }) => ({
      agreement,
      version,
      lines: agreement.lines.map((line) => ({ line, ...facts[next++] })),
    }));
    return Promise.all(
      periods.map(async (period) => {
        const accuracy = await this.facts.forecastAccuracyBy(subjects, period.lastDay);
        return withFacts
          .filter(({ agreement }) => inForceDuring(agreement, period))
          .map(({ agreement, version, lines: measuredLines }) => {
            const input: MeasuredAgreement = {
              agreement,
              version,
              accuracy: accuracy.get(agreement.agreementId) ?? null,
              lines: measuredLines.map(({ line, days, deliveries }) => ({
                line,
                days,
                deliveries,
                accuracy: accuracy.get(accuracySubjectOf({ buyerId: agreement.buyerId, siteId: line.siteId, itemId: line.itemId })) ?? null,
              })),
            };
            return agreementReport(input, period, asOf);
          });
      }),
    );
  }
}
