import { Injectable } from '@nestjs/common';
import { topics } from '@smi/contracts';
import { Transaction } from '@smi/messaging';
import { PenaltiesRepository } from '../penalties/penalties.repository';
import { DisputesRepository } from './disputes.repository';
import { decideDispute, DisputeCommand, DisputeOutcome, openDispute } from './penalty-dispute';

/**
 * Takes steps of disputes (open, accept, reject) in the caller's unit of work. Opening locks the
 * penalty's latest revision, deciding locks the dispute, so of two concurrent steps the second
 * sees the first; the dispute row, its step and the event announcing it commit together.
 */
@Injectable()
export class TakeDisputeSteps {
  constructor(
    private readonly penalties: PenaltiesRepository,
    private readonly disputes: DisputesRepository,
  ) {}

  async execute(commands: readonly DisputeCommand[], tx: Transaction): Promise<DisputeOutcome[]> {
    const outcomes: DisputeOutcome[] = [];
    for (const command of commands) {
      const outcome =
        command.kind === 'open'
          ? openDispute(
              await this.penalties.lockLatest(tx.manager, command.penaltyId),
              await this.disputes.ofPenalty(tx.manager, command.penaltyId),
              command,
            )
          : decideDispute(await this.disputes.lock(tx.manager, command.disputeId), command);
      if (outcome.kind === 'taken') {
        await this.disputes.saveStep(tx.manager, outcome.dispute, outcome.event);
        await tx.outbox.add(topics.penaltyDisputes, outcome.event);
      }
      outcomes.push(outcome);
    }
    return outcomes;
  }
}
