import { Injectable } from '@nestjs/common';
import { AgreementBook, agreementVersionEvent } from '@smi/agreements';
import { topics } from '@smi/contracts';
import { Transaction, UnitOfWork } from '@smi/messaging';
import { Refusal } from './agreement-changes';
import { Consent, proposalStepEvent } from './agreement-consent';
import { AgreementProposalsRepository } from './agreement-proposals.repository';
import { AgreementVersionsRepository } from './agreement-versions.repository';

/** What a decision on agreements records: versions (accepted changes, or the agreements file), and proposal steps. */
type Recorded = Extract<Consent, { kind: 'recorded' }>;
type Decided = (Omit<Recorded, 'steps'> & { steps?: Recorded['steps'] }) | Refusal;

/**
 * Records agreement changes: decides each against the versions and proposals on
 * file, then writes the new version rows, the proposals' steps and their events
 * (AgreementVersion, AgreementProposal) in one unit of work (the outbox relay
 * publishes them after commit), so the topics never lack a version or a step the
 * tables have, nor the other way round. An acceptance and the version it makes
 * commit together. It runs its own unit of work because the service's
 * AgreementBook may learn the versions only once they are committed.
 */
@Injectable()
export class RecordAgreementChanges {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly book: AgreementBook,
    private readonly versions: AgreementVersionsRepository,
    private readonly proposals: AgreementProposalsRepository,
  ) {}

  async execute<T extends Decided>(decide: (manager: Transaction['manager']) => Promise<T>): Promise<T> {
    const change = await this.unitOfWork.run(async ({ manager, outbox }) => {
      await this.versions.lockForChange(manager);
      const decided = await decide(manager);
      if (decided.kind === 'recorded') {
        const steps = decided.steps ?? [];
        await this.versions.add(manager, decided.versions);
        await this.proposals.save(
          manager,
          steps.map((s) => s.proposal),
        );
        for (const version of decided.versions) await outbox.add(topics.agreements, agreementVersionEvent(version));
        for (const step of steps) await outbox.add(topics.agreementProposals, proposalStepEvent(step));
      }
      return decided;
    });
    if (change.kind === 'recorded' && change.versions.length > 0) {
      // This service acts on its own change at once; the topic brings the same version back later, which changes nothing.
      for (const version of change.versions) this.book.apply(version);
    }
    return change;
  }
}
