import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { AgreementProposal, ProposalStatus } from './agreement-consent';
import { AgreementProposalRow } from './agreement-proposal.entity';
import { AgreementScope } from './agreement-versions.repository';

@Injectable()
export class AgreementProposalsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(proposalId: string, manager: EntityManager = this.dataSource.manager): Promise<AgreementProposal | undefined> {
    const row = await manager.getRepository(AgreementProposalRow).findOne({ where: { proposalId } });
    return row ? proposalOf(row) : undefined;
  }

  /** The pending proposals on these agreements (at most one each). */
  async pendingOn(agreementIds: string[], manager: EntityManager): Promise<AgreementProposal[]> {
    if (agreementIds.length === 0) return [];
    const rows = await manager.getRepository(AgreementProposalRow).find({ where: { agreementId: In(agreementIds), status: 'pending' } });
    return rows.map(proposalOf);
  }

  /** Every proposal made on an agreement, oldest first. */
  async ofAgreement(agreementId: string): Promise<AgreementProposal[]> {
    const rows = await this.dataSource
      .getRepository(AgreementProposalRow)
      .find({ where: { agreementId }, order: { proposedAt: 'ASC', proposalId: 'ASC' } });
    return rows.map(proposalOf);
  }

  /** The proposals on agreements in scope, oldest first; of one status when asked. */
  async list(scope: AgreementScope, status?: ProposalStatus): Promise<AgreementProposal[]> {
    const query = this.dataSource
      .getRepository(AgreementProposalRow)
      .createQueryBuilder('p')
      .orderBy('p.proposedAt')
      .addOrderBy('p.proposalId');
    if (scope !== 'all' && 'buyerId' in scope) query.andWhere('p.buyerId = :party', { party: scope.buyerId });
    if (scope !== 'all' && 'supplierId' in scope) query.andWhere('p.supplierId = :party', { party: scope.supplierId });
    if (status) query.andWhere('p.status = :status', { status });
    return (await query.getMany()).map(proposalOf);
  }

  /** Writes new proposals and the decisions on existing ones, in one statement; of several states of one proposal, the last. */
  async save(manager: EntityManager, states: readonly AgreementProposal[]): Promise<void> {
    if (states.length === 0) return;
    // One statement may not touch a row twice: a proposal accepted as it is made comes as two states.
    const proposals = [...new Map(states.map((p) => [p.proposalId, p])).values()];
    await manager.query(
      `INSERT INTO agreement_proposals (proposal_id, agreement_id, change, status, buyer_id, supplier_id, base_version, effective_from,
                                        reason, proposed_by, proposed_at, decided_by, decided_at, decision_reason, accepted_version, document)
       SELECT proposal_id, agreement_id, change, status, buyer_id, supplier_id, base_version, effective_from,
              reason, proposed_by, proposed_at, decided_by, decided_at, decision_reason, accepted_version, document::jsonb
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::timestamptz[],
                     $9::text[], $10::text[], $11::timestamptz[], $12::text[], $13::timestamptz[], $14::text[], $15::int[], $16::text[])
           AS p(proposal_id, agreement_id, change, status, buyer_id, supplier_id, base_version, effective_from,
                reason, proposed_by, proposed_at, decided_by, decided_at, decision_reason, accepted_version, document)
       ON CONFLICT (proposal_id) DO UPDATE
         SET status = EXCLUDED.status, decided_by = EXCLUDED.decided_by, decided_at = EXCLUDED.decided_at,
             decision_reason = EXCLUDED.decision_reason, accepted_version = EXCLUDED.accepted_version`,
      [
        proposals.map((p) => p.proposalId),
        proposals.map((p) => p.agreementId),
        proposals.map((p) => p.change),
        proposals.map((p) => p.status),
        proposals.map((p) => p.agreement.buyerId),
        proposals.map((p) => p.agreement.supplierId),
        proposals.map((p) => p.baseVersion),
        proposals.map((p) => p.effectiveFrom ?? null),
        proposals.map((p) => p.reason),
        proposals.map((p) => p.proposedBy),
        proposals.map((p) => p.proposedAt),
        proposals.map((p) => p.decidedBy ?? null),
        proposals.map((p) => p.decidedAt ?? null),
        proposals.map((p) => p.decisionReason ?? null),
        proposals.map((p) => p.acceptedVersion ?? null),
        proposals.map((p) => JSON.stringify(p.agreement)),
      ],
    );
  }
}

function proposalOf(row: AgreementProposalRow): AgreementProposal {
  return {
    proposalId: row.proposalId,
    agreementId: row.agreementId,
    change: row.change,
    agreement: row.document,
    reason: row.reason,
    ...(row.effectiveFrom ? { effectiveFrom: row.effectiveFrom.toISOString() } : {}),
    baseVersion: row.baseVersion,
    proposedBy: row.proposedBy,
    proposedAt: row.proposedAt.toISOString(),
    status: row.status,
    ...(row.decidedBy !== null ? { decidedBy: row.decidedBy } : {}),
    ...(row.decidedAt !== null ? { decidedAt: row.decidedAt.toISOString() } : {}),
    ...(row.decisionReason !== null ? { decisionReason: row.decisionReason } : {}),
    ...(row.acceptedVersion !== null ? { acceptedVersion: row.acceptedVersion } : {}),
  };
}
