import { Injectable } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { topics } from '@smi/contracts';
import { Transaction } from '@smi/messaging';
import { ServiceLevelFactsRepository } from '../service-level-facts/service-level-facts.repository';
import { daysOf } from '../stockouts/sla-period';
import { PenaltiesRepository, AgreementMonth } from './penalties.repository';
import { assessMonth, partiesOf } from './penalty-assessment';
import { linesInMonth } from './penalty-period';
import { revisionsFor } from './penalty-revisions';

/** Close a month the first time, or compute a closed one again because its facts were touched since. */
export interface MonthToCompute {
  month: AgreementMonth;
  kind: 'close' | 'correct';
  /** The business moment of the computation. */
  at: Date;
}

/** What a computation did: nothing when another instance had the month, else the revisions it published. */
export type MonthComputed = { kind: 'skipped' } | { kind: 'computed'; published: number };

/**
 * Computes one agreement's month in the caller's unit of work: claims it (the close by inserting
 * its row once, a correction by locking it, skipping one another instance holds), reads the facts
 * of every line at once, prices them with the service-level rules under the version in force each
 * day, and records and announces each revision whose amount changed. Facts read here are as of the
 * latest touch read before them, so a touch after this read brings the month back.
 */
@Injectable()
export class ComputePenaltyMonth {
  constructor(
    private readonly agreements: AgreementBook,
    private readonly penalties: PenaltiesRepository,
    private readonly facts: ServiceLevelFactsRepository,
  ) {}

  async execute({ month, kind, at }: MonthToCompute, tx: Transaction): Promise<MonthComputed> {
    const claimed =
      kind === 'close' ? await this.penalties.claimClose(tx.manager, month, at) : await this.penalties.claimCorrection(tx.manager, month);
    if (!claimed) return { kind: 'skipped' };
    const factsSeen = await this.penalties.factsTouched(tx.manager, month);
    const history = this.agreements.history(month.agreementId);
    const parties = partiesOf(history);
    const lines = linesInMonth(history, month.period);
    const { firstDay, lastDay } = daysOf(month.period);
    const facts = await this.facts.factsOf(
      tx.manager,
      lines.map((line) => ({ ...line, agreementId: month.agreementId, buyerId: parties.buyerId })),
      firstDay,
      lastDay,
    );
    const assessed = assessMonth(history, month.period, lines, facts);
    const revisions = revisionsFor(parties, month.period, assessed, await this.penalties.latestOfMonth(tx.manager, month), at);
    await this.penalties.addRevisions(tx.manager, revisions);
    for (const revision of revisions) await tx.outbox.add(topics.penalties, revision);
    await this.penalties.markComputed(tx.manager, month, at, factsSeen);
    return { kind: 'computed', published: revisions.length };
  }
}
