import { Injectable } from '@nestjs/common';
import { AgreementBook, lineTermsProblems } from '@smi/agreements';
import { canonicalHashOf, Inbound, Rejection, Transaction } from '@smi/messaging';
import { BusinessClock } from '@smi/service-kit';
import { BuyerForecast } from '@smi/contracts';
import { dayNumberOfText } from '../consumption-history/calendar-days';
import { ConsumptionHistoryRepository } from '../consumption-history/consumption-history.repository';
import { BuyerForecastSubmission, FieldProblem, buyerForecastProblems } from './buyer-forecast';
import { BuyerForecastRepository } from './buyer-forecast.repository';

export type IntakeOutcome =
  { kind: 'kept' | 'already-kept' | 'conflict'; submission: BuyerForecastSubmission } | { kind: 'refused'; problems: FieldProblem[] };

/** Why a submission whose eventId the buyer used before with another body is refused. */
export const conflictOf = (submission: BuyerForecastSubmission): string =>
  `event id ${submission.eventId} was already used by ${submission.buyerId} with a different body`;

/**
 * Takes in buyers' forecasts, from the topic or over REST (a batch of one), by the same rules.
 * One submission at a time: buyers send a forecast per series and period, a few a day, so this
 * is no hot path.
 */
@Injectable()
export class TakeBuyerForecasts {
  constructor(
    private readonly submissions: BuyerForecastRepository,
    private readonly history: ConsumptionHistoryRepository,
    private readonly agreements: AgreementBook,
    private readonly clock: BusinessClock,
  ) {}

  /** Forecasts from the topic, received at the business clock's now: those refused come back with the fields at fault. */
  async execute(records: readonly Inbound<BuyerForecast>[], tx: Transaction, receivedAt = this.clock.now()): Promise<Rejection[]> {
    const rejected: Rejection[] = [];
    for (const record of records) {
      const outcome = await this.take(tx, { ...record.event }, receivedAt, 'optional');
      if (outcome.kind === 'refused') rejected.push({ record, reason: outcome.problems.map((p) => `${p.field} ${p.problem}`).join('; ') });
      if (outcome.kind === 'conflict') rejected.push({ record, reason: conflictOf(outcome.submission) });
    }
    return rejected;
  }

  /**
   * One forecast, by the rules of its fields and of the agreement line in force when received (its unit;
   * a REST sender, answered at once, needs a line covering the site x item: coverage 'required').
   */
  async take({ manager }: Transaction, body: unknown, receivedAt: Date, coverage: 'required' | 'optional'): Promise<IntakeOutcome> {
    const problems = buyerForecastProblems(body);
    if (problems.length > 0) return { kind: 'refused', problems };
    const value = body as Record<string, unknown> & { quantities: number[] };
    const submission: BuyerForecastSubmission = {
      eventId: value.eventId as string,
      buyerId: value.buyerId as string,
      siteId: value.siteId as string,
      itemId: value.itemId as string,
      unit: value.unit as string,
      periodDays: value.periodDays as number,
      firstPeriodStart: dayNumberOfText(value.firstPeriodStart as string),
      quantities: value.quantities,
      submittedAt: value.submittedAt === undefined ? receivedAt : new Date(value.submittedAt as string | Date),
      receivedAt,
    };
    const inForce = this.agreements.lineFor(submission.buyerId, submission.siteId, submission.itemId, receivedAt);
    const againstTerms = lineTermsProblems(submission, inForce, coverage, 'now');
    if (againstTerms.length > 0) return { kind: 'refused', problems: againstTerms };
    // Compared with consumption, a forecast in another unit would score nonsense: refused, never converted.
    const keptIn = await this.history.unitOf(manager, submission);
    if (keptIn !== undefined && keptIn !== submission.unit) {
      return {
        kind: 'refused',
        problems: [
          {
            field: 'unit',
            problem: `is ${submission.unit} but consumption of ${submission.siteId} x ${submission.itemId} is kept in ${keptIn}`,
          },
        ],
      };
    }
    // The body as sent (submittedAt only when given; not when it was received), so a resend over either channel hashes alike.
    const { receivedAt: _receivedAt, ...sent } = submission;
    const bodyHash = canonicalHashOf({
      ...sent,
      firstPeriodStart: value.firstPeriodStart,
      submittedAt: value.submittedAt === undefined ? null : submission.submittedAt,
    });
    return { kind: await this.submissions.add(manager, submission, bodyHash), submission };
  }
}
