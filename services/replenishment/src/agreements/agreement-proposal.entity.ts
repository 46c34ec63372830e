import { Agreement } from '@smi/agreements';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { ProposalStatus, ProposedChange } from './agreement-consent';

/** A change one party proposed to an agreement, with the terms proposed and the other party's decision. */
@Entity({ name: 'agreement_proposals' })
export class AgreementProposalRow {
  @PrimaryColumn({ name: 'proposal_id', type: 'text' }) proposalId!: string;
  @Column({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @Column({ type: 'text' }) change!: ProposedChange;
  @Column({ type: 'text' }) status!: ProposalStatus;
  @Column({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @Column({ name: 'base_version', type: 'integer' }) baseVersion!: number;
  @Column({ name: 'effective_from', type: 'timestamptz', nullable: true }) effectiveFrom!: Date | null;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'proposed_by', type: 'text' }) proposedBy!: string;
  @Column({ name: 'proposed_at', type: 'timestamptz' }) proposedAt!: Date;
  @Column({ name: 'decided_by', type: 'text', nullable: true }) decidedBy!: string | null;
  @Column({ name: 'decided_at', type: 'timestamptz', nullable: true }) decidedAt!: Date | null;
  @Column({ name: 'decision_reason', type: 'text', nullable: true }) decisionReason!: string | null;
  @Column({ name: 'accepted_version', type: 'integer', nullable: true }) acceptedVersion!: number | null;
  @Column({ type: 'jsonb' }) document!: Agreement;
}
