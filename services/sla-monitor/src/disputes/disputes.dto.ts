import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { DisputeStep, DisputeStepValues } from '@smi/contracts';
import { DisputeStepRecord, DisputeWithHistory } from './disputes.repository';
import { DISPUTE_STATUSES, DisputeStatus } from './penalty-dispute';

const PENALTY_ID = 'AGR-ACME-NW-2026|v1|plant-turin|coolant-c5l|2026-03|STOCKOUT_DAYS';

/** One step of a dispute: opened by the supplier, accepted or rejected by the buyer. */
export class DisputeStepDto implements DisputeStepRecord {
  @ApiProperty({ description: 'Unique id of the step: <disputeId>/<step>.', example: '6f1c2a9e-4b7d-4e0a-9c51-2d8f7e3b1a40/OPENED' })
  eventId!: string;
  @ApiProperty({
    description: 'OPENED: the supplier contests the penalty; ACCEPTED: the buyer agrees and credits it; REJECTED: the penalty stands.',
    enum: DisputeStepValues,
    enumName: 'DisputeStep',
    example: 'OPENED',
  })
  step!: DisputeStep;
  @ApiProperty({ description: 'The party that took the step.', example: 'northwind-parts' })
  by!: string;
  @ApiProperty({
    description: 'When the step was taken (business time).',
    type: String,
    format: 'date-time',
    example: '2026-04-03T09:15:00.000Z',
  })
  at!: Date;
  @ApiProperty({
    description: "Why, in the party's words.",
    example: 'The carrier lost two days to a road closure at the Fréjus tunnel; see their notice.',
  })
  reason!: string;
  @ApiProperty({ description: 'The penalty amount disputed; on ACCEPTED the amount credited.', example: 150 })
  amount!: number;
}

/** A dispute over a penalty, as it stands, with every step it went through. */
export class DisputeDto implements DisputeWithHistory {
  @ApiProperty({ description: 'The dispute.', example: '6f1c2a9e-4b7d-4e0a-9c51-2d8f7e3b1a40' })
  disputeId!: string;
  @ApiProperty({ description: 'The penalty contested.', example: PENALTY_ID })
  penaltyId!: string;
  @ApiProperty({ description: 'The penalty revision contested (its eventId).', example: `${PENALTY_ID}/r1` })
  penaltyEventId!: string;
  @ApiProperty({ description: 'The agreement.', example: 'AGR-ACME-NW-2026' })
  agreementId!: string;
  @ApiProperty({ description: 'The buyer owed the penalty; it decides the dispute.', example: 'acme-motors' })
  buyerId!: string;
  @ApiProperty({ description: 'The supplier that contests it.', example: 'northwind-parts' })
  supplierId!: string;
  @ApiProperty({
    description: 'open until the buyer accepts or rejects it.',
    enum: DISPUTE_STATUSES,
    enumName: 'DisputeStatus',
    example: 'open',
  })
  status!: DisputeStatus;
  @ApiProperty({ description: "The amount contested: the revision's.", example: 150 })
  amount!: number;
  @ApiProperty({ description: 'ISO 4217 currency of the amounts.', example: 'EUR' })
  currency!: string;
  @ApiProperty({ description: 'What the buyer credited on acceptance; null otherwise.', type: Number, nullable: true, example: null })
  credited!: number | null;
  @ApiProperty({ description: 'The supplier that opened it.', example: 'northwind-parts' })
  openedBy!: string;
  @ApiProperty({
    description: 'When it was opened (business time).',
    type: String,
    format: 'date-time',
    example: '2026-04-03T09:15:00.000Z',
  })
  openedAt!: Date;
  @ApiProperty({
    description: "The supplier's reason.",
    example: 'The carrier lost two days to a road closure at the Fréjus tunnel; see their notice.',
  })
  reason!: string;
  @ApiProperty({ description: 'The buyer that decided it; null while open.', type: String, nullable: true, example: null })
  decidedBy!: string | null;
  @ApiProperty({ description: 'When it was decided; null while open.', type: String, format: 'date-time', nullable: true, example: null })
  decidedAt!: Date | null;
  @ApiProperty({ description: "The buyer's reason for its decision; null while open.", type: String, nullable: true, example: null })
  decisionReason!: string | null;
  @ApiProperty({ description: 'Every step, oldest first.', type: () => [DisputeStepDto] })
  steps!: DisputeStepDto[];
}

/** Opening, accepting or rejecting a dispute: the party's reason. */
export class DisputeReasonRequestDto {
  @ApiPropertyOptional({
    description:
      'Why, in your words: required to open a dispute and to reject one, optional to accept; at most 1,000 characters, no control characters.',
    example: 'The carrier lost two days to a road closure at the Fréjus tunnel; see their notice.',
  })
  reason?: string;
}
