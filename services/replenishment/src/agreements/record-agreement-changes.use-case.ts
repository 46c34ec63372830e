import { Injectable } from '@nestjs/common';
import { AgreementBook, agreementVersionEvent } from '@smi/agreements';
import { topics } from '@smi/contracts';
import { Transaction, UnitOfWork } from '@smi/messaging';
import { Change } from './agreement-changes';
import { AgreementVersionsRepository } from './agreement-versions.repository';

/**
 * Records agreement changes: decides each against the versions on file, then
 * writes the new version rows and their AgreementVersion events in one unit of
 * work (the outbox relay publishes them after commit), so the topic never lacks
 * a version the table has, nor the other way round. It runs its own unit of
 * work because the service's AgreementBook may learn the versions only once
 * they are committed.
 */
@Injectable()
export class RecordAgreementChanges {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly book: AgreementBook,
    private readonly versions: AgreementVersionsRepository,
  ) {}

  async execute<T extends Change>(decide: (manager: Transaction['manager']) => Promise<T>): Promise<T> {
    const change = await this.unitOfWork.run(async ({ manager, outbox }) => {
      await this.versions.lockForChange(manager);
      const decided = await decide(manager);
      if (decided.kind === 'recorded') {
        await this.versions.add(manager, decided.versions);
        for (const version of decided.versions) await outbox.add(topics.agreements, agreementVersionEvent(version));
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
