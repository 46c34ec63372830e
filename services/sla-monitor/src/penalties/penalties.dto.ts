import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { EvidenceKind, EvidenceKindValues, Penalty, PenaltyEvidence, PenaltyRule, PenaltyRuleValues } from '@smi/contracts';
import { DisputeDto } from '../disputes/disputes.dto';
import type { PenaltyRecord } from './penalties.http.controller';

const PENALTY_ID = 'AGR-ACME-NW-2026|v1|plant-turin|coolant-c5l|2026-03|STOCKOUT_DAYS';

/** One record behind a penalty: a stockout day, a stock level, an order, a shipment, a receipt or a KPI. */
export class PenaltyEvidenceDto implements PenaltyEvidence {
  @ApiProperty({
    description:
      "STOCKOUT_DAY: a day the site x item ended at or below zero (id: the day); STOCK_LEVEL: a stock level (inventory-ingest GET /stock-levels); ORDER: a replenishment order (replenishment GET /orders/{id}); SHIPMENT: a shipment (shipment GET /shipments/{id}); RECEIPT: a goods receipt's stock level; KPI: a measured KPI of the month (GET /kpis).",
    enum: EvidenceKindValues,
    enumName: 'EvidenceKind',
    example: 'STOCKOUT_DAY',
  })
  kind!: EvidenceKind;
  @ApiProperty({ description: "The record's id.", example: '2026-03-14' })
  id!: string;
  @ApiProperty({ description: 'When it happened, when it has a moment.', type: String, format: 'date-time', nullable: true, example: null })
  at!: Date | null;
  @ApiProperty({
    description: 'The number it contributes: the on-hand of a day, the units short, the days late, the fill rate.',
    type: Number,
    nullable: true,
    example: -12,
  })
  quantity!: number | null;
  @ApiProperty({ description: 'What it shows, in a sentence.', example: 'coolant-c5l at plant-turin ended 2026-03-14 at -12 L' })
  note!: string;
}

/** One revision of a penalty of a closed month, with its rule, agreement version and evidence. */
export class PenaltyDto implements Penalty {
  @ApiProperty({ description: 'Unique id of this revision: <penaltyId>/r<revision>.', example: `${PENALTY_ID}/r1` })
  eventId!: string;
  @ApiProperty({
    description: 'The penalty: agreement, version, line (or the whole agreement), month and rule; the same on every revision.',
    example: PENALTY_ID,
  })
  penaltyId!: string;
  @ApiProperty({ description: '1 when the month closed; +1 per correction by late data.', example: 1 })
  revision!: number;
  @ApiProperty({ description: 'The revision this one corrects; null on revision 1.', type: String, nullable: true, example: null })
  correctsEventId!: string | null;
  @ApiProperty({ description: 'The agreement.', example: 'AGR-ACME-NW-2026' })
  agreementId!: string;
  @ApiProperty({
    description: 'The agreement version in force on the days of the breaches, whose terms set the rule and amount.',
    example: 1,
  })
  agreementVersion!: number;
  @ApiProperty({ description: 'The buyer owed the penalty.', example: 'acme-motors' })
  buyerId!: string;
  @ApiProperty({ description: 'The supplier answerable.', example: 'northwind-parts' })
  supplierId!: string;
  @ApiProperty({
    description: "The agreement line's site; null for a rule over the whole agreement.",
    type: String,
    nullable: true,
    example: 'plant-turin',
  })
  siteId!: string | null;
  @ApiProperty({
    description: "The agreement line's item; null for a rule over the whole agreement.",
    type: String,
    nullable: true,
    example: 'coolant-c5l',
  })
  itemId!: string | null;
  @ApiProperty({
    description:
      "STOCKOUT_DAYS: the line's perStockoutDay per day at or below zero; LATE_DELIVERY: perLateDelivery per day late; SHORT_DELIVERY: perShortDelivery per unit short; FILL_RATE_FLOOR: perFillRateShortfall once for a month below fillRateFloor; STOCKOUTS_BEYOND_ALLOWANCE: the agreement's penaltyPerStockout per stockout beyond allowedStockoutsPerMonth.",
    enum: PenaltyRuleValues,
    enumName: 'PenaltyRule',
    example: 'STOCKOUT_DAYS',
  })
  rule!: PenaltyRule;
  @ApiProperty({ description: 'The month the breaches fall in, YYYY-MM (UTC).', example: '2026-03' })
  period!: string;
  @ApiProperty({
    description:
      'What the rule counts: stockout days, days late, units short, 1 for a month below the floor, stockouts beyond the allowance.',
    example: 3,
  })
  quantity!: number;
  @ApiProperty({ description: 'The agreed amount per counted unit.', example: 50 })
  rate!: number;
  @ApiProperty({
    description: 'What is due after this revision (quantity x rate, to the cent); 0 when a correction cancels it.',
    example: 150,
  })
  amount!: number;
  @ApiProperty({ description: "amount minus the previous revision's (equal to amount on revision 1).", example: 150 })
  difference!: number;
  @ApiProperty({ description: 'ISO 4217 currency of the amounts.', example: 'EUR' })
  currency!: string;
  @ApiProperty({
    description: 'The business moment the month was closed or the correction made.',
    type: String,
    format: 'date-time',
    example: '2026-04-01T00:00:00.000Z',
  })
  computedAt!: Date;
  @ApiProperty({ description: 'The computation in words.', example: '3 stockout days x 50.00 EUR = 150.00 EUR' })
  explanation!: string;
  @ApiProperty({ description: 'The records behind the penalty.', type: () => [PenaltyEvidenceDto] })
  evidence!: PenaltyEvidenceDto[];
}

/** A penalty as it stands (its latest revision), every revision, what accepted disputes credited, and, for its two parties, its disputes. */
export class PenaltyRecordDto extends PenaltyDto implements PenaltyRecord {
  @ApiProperty({ description: 'Every revision published, oldest first; the last is the one above.', type: () => [PenaltyDto] })
  revisions!: PenaltyDto[];
  @ApiProperty({ description: 'What accepted disputes credited.', example: 0 })
  credited!: number;
  @ApiProperty({ description: 'The amount after the credits.', example: 150 })
  due!: number;
  @ApiPropertyOptional({
    description: "The penalty's disputes, newest first: only for its buyer and its supplier (absent for an operator).",
    type: () => [DisputeDto],
  })
  disputes?: DisputeDto[];
}
