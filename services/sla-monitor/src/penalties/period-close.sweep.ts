import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { UnitOfWork } from '@smi/messaging';
import { BusinessClock, ScheduledSweep, sweepMsFrom } from '@smi/service-kit';
import { ComputePenaltyMonth, MonthToCompute } from './compute-penalty-month.use-case';
import { AgreementMonth, monthKeyOf, PenaltiesRepository } from './penalties.repository';
import { closeGraceHoursFrom, monthsDue } from './penalty-period';

/** Months closed or corrected per sweep at most; the rest wait for the next one. */
const SWEEP_BATCH = 50;

/** Milliseconds between sweeps: SMI_PERIOD_CLOSE_SWEEP_MS, default 60 s (tests shorten it). */
export const periodCloseSweepMsFrom = (env: NodeJS.ProcessEnv): number => sweepMsFrom(env, 'SMI_PERIOD_CLOSE_SWEEP_MS', 60_000);

/**
 * Closes penalty months on the business clock: month M of every agreement in force in it once
 * now >= the first moment of M+1 plus the grace (SMI_PERIOD_CLOSE_GRACE_HOURS), then corrects
 * closed months whose facts were touched since they were computed. One unit of work per agreement
 * and month; a month closes once however many sweeps, restarts or instances try.
 */
@Injectable()
export class PeriodCloseSweep extends ScheduledSweep {
  private readonly graceHours = closeGraceHoursFrom(process.env);

  constructor(
    private readonly agreements: AgreementBook,
    private readonly penalties: PenaltiesRepository,
    private readonly computeMonth: ComputePenaltyMonth,
    private readonly unitOfWork: UnitOfWork,
    clock: BusinessClock,
  ) {
    super('closing penalty months and correcting closed ones', periodCloseSweepMsFrom(process.env), clock);
  }

  /** Closes the months due at `now` and corrects touched ones; returns how many months it closed or corrected. */
  protected override async sweepAt(now: Date): Promise<number> {
    const due: AgreementMonth[] = this.agreements.agreementIds.flatMap((agreementId) =>
      monthsDue(this.agreements.history(agreementId), now, this.graceHours).map((period) => ({ agreementId, period })),
    );
    const closed = await this.penalties.closedAmong(due);
    const toClose = due.filter((m) => !closed.has(monthKeyOf(m))).slice(0, SWEEP_BATCH);
    const toCorrect = await this.penalties.touchedSinceComputed(SWEEP_BATCH);
    let computed = 0;
    for (const work of [
      ...toClose.map((month): MonthToCompute => ({ month, kind: 'close', at: now })),
      ...toCorrect.map((month): MonthToCompute => ({ month, kind: 'correct', at: now })),
    ]) {
      try {
        const result = await this.unitOfWork.run((tx) => this.computeMonth.execute(work, tx));
        if (result.kind === 'skipped') continue;
        computed++;
        this.logger.log(
          `${work.kind === 'close' ? 'closed' : 'recomputed'} ${work.month.period} of ${work.month.agreementId}: ${result.published} penalty revision(s) published`,
        );
      } catch (error) {
        // One month's failure must not hold back the others; the next sweep tries it again.
        this.logger.error(`computing ${work.month.period} of ${work.month.agreementId} failed: ${(error as Error).message}`);
      }
    }
    return computed;
  }
}
