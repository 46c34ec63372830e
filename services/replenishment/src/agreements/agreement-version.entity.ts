import { Agreement, AgreementStatus } from '@smi/agreements';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One version of an agreement: the whole agreement as it stands from effectiveFrom, with who changed it, when and why. */
@Entity({ name: 'agreement_versions' })
export class AgreementVersionRow {
  @PrimaryColumn({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @PrimaryColumn({ type: 'integer' }) version!: number;
  @Column({ type: 'text' }) status!: AgreementStatus;
  @Column({ name: 'effective_from', type: 'timestamptz' }) effectiveFrom!: Date;
  @Column({ name: 'changed_by', type: 'text' }) changedBy!: string;
  @Column({ name: 'changed_at', type: 'timestamptz' }) changedAt!: Date;
  @Column({ name: 'change_reason', type: 'text' }) changeReason!: string;
  @Column({ type: 'jsonb' }) document!: Agreement;
}
