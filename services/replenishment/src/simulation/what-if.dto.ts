import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { PenaltyRuleValues, type PenaltyRule } from '@smi/contracts';
import { DEMAND_DISTRIBUTIONS, UNMET_DEMAND, type BucketTrace, type PenaltyExposure, type WhatIfResult } from '@smi/replenishment-planning';
import { AgreementLineDto, PenaltyTermsDto } from '../agreements/agreements.dto';
import { MAX_DEMAND_BUCKETS, MAX_SCENARIOS } from './what-if-request';

/** Two weeks of daily brake-pad demand at Lyon, the history the examples replay. */
const DEMAND = [12, 14, 9, 15, 13, 0, 0, 16, 11, 14, 12, 18, 0, 0];

/** Terms merged over the starting line: any line term. */
export class LineOverridesDto extends PartialType(AgreementLineDto) {}

/** One simulation: a demand history replayed through one agreement line's terms. */
export class WhatIfInputDto {
  @ApiPropertyOptional({
    description: "Start from this agreement's line in force now (you must be a party to it); not with line.",
    example: 'AGR-ACME-NW-2026',
  })
  agreementId?: string;
  @ApiPropertyOptional({
    description: "With agreementId: the line's site (not needed for an agreement of one line).",
    example: 'plant-lyon',
  })
  siteId?: string;
  @ApiPropertyOptional({
    description: "With agreementId: the line's item (not needed for an agreement of one line).",
    example: 'brake-pad-bp100',
  })
  itemId?: string;
  @ApiPropertyOptional({ description: 'The line terms to replay, when not starting from an agreement.', type: () => AgreementLineDto })
  line?: AgreementLineDto;
  @ApiPropertyOptional({ description: "Terms merged over the starting line (the agreement's, or line).", type: () => LineOverridesDto })
  lineOverrides?: LineOverridesDto;
  @ApiProperty({
    description: `Demand per bucket, oldest first: at least 1, at most ${MAX_DEMAND_BUCKETS} buckets, each from 0.`,
    type: [Number],
    example: DEMAND,
  })
  demand!: number[];
  @ApiProperty({ description: 'Days per bucket: 1 daily, 7 weekly, 30 monthly.', minimum: 1, example: 1 })
  bucketDays!: number;
  @ApiPropertyOptional({
    description: 'Buckets played but left out of the measures, while stock and the history settle (default 0).',
    example: 3,
  })
  warmUpBuckets?: number;
  @ApiPropertyOptional({ description: "Stock on hand before the first bucket (default the line's maximum).", example: 80 })
  initialOnHand?: number;
  @ApiPropertyOptional({
    description: 'Demand not met from stock: owed and met on the next receipt (backorder, default), or lost.',
    enum: UNMET_DEMAND,
    example: 'backorder',
  })
  unmetDemand?: (typeof UNMET_DEMAND)[number];
  @ApiPropertyOptional({
    description: 'How the engine sees demand: by-demand-class (default) or normal for every item (the textbook method, for comparison).',
    enum: DEMAND_DISTRIBUTIONS,
    example: 'by-demand-class',
  })
  distribution?: (typeof DEMAND_DISTRIBUTIONS)[number];
  @ApiPropertyOptional({ description: 'First day of the first bucket (YYYY-MM-DD, default 2000-01-01).', example: '2026-01-05' })
  validFrom?: string;
  @ApiPropertyOptional({ description: "Version the decisions quote (default the agreement's, else 1).", example: 1 })
  agreementVersion?: number;
  @ApiPropertyOptional({
    description: "The agreement-wide stockout allowance priced with the line's own penalties (default the agreement's; none without one).",
    type: () => PenaltyTermsDto,
  })
  agreementPenalties?: PenaltyTermsDto;
  @ApiPropertyOptional({ description: "Currency of the penalty amounts (default the agreement's, else EUR).", example: 'EUR' })
  currency?: string;
}

/** One scenario of a comparison: a name, and the fields it changes over the shared ones. */
export class WhatIfScenarioDto extends PartialType(WhatIfInputDto) {
  @ApiProperty({ description: 'Its name in the answer; unique in the request.', example: 'minimum 50' })
  name!: string;
}

/** Several scenarios on the same demand: fields beside `scenarios` are shared; a scenario's own fields overrule them. */
export class WhatIfComparisonRequestDto extends PartialType(WhatIfInputDto) {
  @ApiProperty({ description: `The scenarios, 1 to ${MAX_SCENARIOS}, answered in order.`, type: () => [WhatIfScenarioDto] })
  scenarios!: WhatIfScenarioDto[];
}

export class PenaltyRuleExposureDto {
  @ApiProperty({ description: 'The penalty rule.', enum: PenaltyRuleValues, enumName: 'PenaltyRule', example: 'STOCKOUT_DAYS' })
  rule!: PenaltyRule;
  @ApiProperty({ description: 'What it counts over all months.', example: 2 })
  quantity!: number;
  @ApiProperty({ description: 'What it claims, to the cent.', example: 80 })
  amount!: number;
}

/** A month's penalty as the live monitor would raise it when the month closes. */
export class SimulatedPenaltyDto {
  @ApiProperty({ description: 'The penalty rule.', enum: PenaltyRuleValues, enumName: 'PenaltyRule', example: 'STOCKOUT_DAYS' })
  rule!: PenaltyRule;
  @ApiProperty({ description: 'The agreement version priced.', example: 1 })
  agreementVersion!: number;
  @ApiProperty({ description: 'The month, YYYY-MM.', example: '2026-01' })
  period!: string;
  @ApiProperty({ description: 'What the rule counts.', example: 2 })
  quantity!: number;
  @ApiProperty({ description: 'The agreed amount per counted unit.', example: 40 })
  rate!: number;
  @ApiProperty({ description: 'quantity x rate, to the cent.', example: 80 })
  amount!: number;
  @ApiProperty({ description: 'Currency of the amounts.', example: 'EUR' })
  currency!: string;
  @ApiProperty({ description: 'The computation in words.', example: '2 stockout days x 40.00 EUR = 80.00 EUR' })
  explanation!: string;
}

/** What the terms would claim, by the live monitor's own rules (deliveries replay on time and in full). */
export class PenaltyExposureDto implements PenaltyExposure {
  @ApiProperty({ description: "STOCKOUT_DAYS: the line's perStockoutDay per day at or below zero.", example: 80 })
  stockoutDays!: number;
  @ApiProperty({ description: "FILL_RATE_FLOOR: the line's perFillRateShortfall per month below its fill-rate floor.", example: 200 })
  fillRateShortfalls!: number;
  @ApiProperty({
    description: "STOCKOUTS_BEYOND_ALLOWANCE: the agreement's penaltyPerStockout per stockout beyond its allowance.",
    example: 0,
  })
  stockoutsBeyondAllowance!: number;
  @ApiProperty({ description: "Every rule's sum, to the cent.", example: 280 })
  total!: number;
  @ApiProperty({ description: 'Currency of the amounts.', example: 'EUR' })
  currency!: string;
  @ApiProperty({ description: 'Per rule: what it counts and claims.', type: () => [PenaltyRuleExposureDto] })
  byRule!: PenaltyRuleExposureDto[];
  @ApiProperty({ description: 'The penalties month by month.', type: () => [SimulatedPenaltyDto] })
  penalties!: SimulatedPenaltyDto[];
}

export class SimulatedOrderDto {
  @ApiProperty({ description: 'When the engine ordered (ISO timestamp).', example: '2026-01-14T00:00:00.000Z' })
  orderedAt!: string;
  @ApiProperty({ description: 'Quantity ordered.', example: 90 })
  quantity!: number;
  @ApiProperty({ description: 'An expedited order on the emergency terms.', example: false })
  emergency!: boolean;
  @ApiProperty({ description: 'When it arrives (ISO timestamp).', example: '2026-01-17T00:00:00.000Z' })
  dueAt!: string;
  @ApiProperty({ description: 'false for an order of the warm-up.', example: true })
  measured!: boolean;
}

export class BucketTraceDto implements BucketTrace {
  @ApiProperty({ description: 'First day of the bucket (YYYY-MM-DD).', example: '2026-01-05' })
  start!: string;
  @ApiProperty({ description: 'Demand of the bucket.', example: 12 })
  demand!: number;
  @ApiProperty({ description: 'Of it, met from stock.', example: 12 })
  metFromStock!: number;
  @ApiProperty({ description: "On hand right after the bucket's demand (receipts only add to it until the next bucket).", example: 68 })
  lowestOnHand!: number;
  @ApiProperty({ description: 'Demand owed at that moment.', example: 0 })
  backorders!: number;
}

const nullableShare = (description: string, example: number) => ({ description, type: Number, nullable: true, example });

/** What the replay gave over the measured buckets (after the warm-up). */
export class WhatIfReportDto implements WhatIfResult {
  @ApiProperty({ description: 'First day measured (YYYY-MM-DD).', example: '2026-01-08' })
  measuredFrom!: string;
  @ApiProperty({ description: 'Last day measured (YYYY-MM-DD).', example: '2026-01-18' })
  measuredTo!: string;
  @ApiProperty({ description: 'Days measured.', example: 11 })
  measuredDays!: number;
  @ApiProperty({ description: 'Demand over the days measured.', example: 98 })
  demand!: number;
  @ApiProperty({ description: 'Of it, met from stock when it came.', example: 94 })
  metFromStock!: number;
  @ApiProperty({ description: 'Owed when it came (unmetDemand backorder), met later from receipts.', example: 4 })
  backordered!: number;
  @ApiProperty({ description: 'Lost (unmetDemand lost). demand = metFromStock + backordered + lost.', example: 0 })
  lost!: number;
  @ApiProperty(nullableShare('Share of demand met from stock; null without demand.', 0.959))
  fillRate!: number | null;
  @ApiProperty({ description: 'Replenishment cycles measured.', example: 3 })
  cycles!: number;
  @ApiProperty({ description: 'Of them, with a stockout.', example: 1 })
  cyclesWithStockout!: number;
  @ApiProperty(nullableShare('Share of cycles without a stockout; null without a whole cycle.', 0.667))
  cycleServiceLevel!: number | null;
  @ApiProperty(
    nullableShare('The service level the engine promised, averaged over the decisions that carried one; null when none did.', 0.95),
  )
  promisedServiceLevel!: number | null;
  @ApiProperty({ description: 'Measured decisions without a promise (no target, or too little history).', example: 0 })
  decisionsWithoutPromise!: number;
  @ApiProperty({ description: 'Days on-hand (owed demand counting as negative) was at or below zero.', example: 2 })
  stockoutDays!: number;
  @ApiProperty({ description: 'On hand at the end of the day, averaged over the days measured.', example: 61.4 })
  averageOnHand!: number;
  @ApiProperty(nullableShare('Units handed over per year over the average on hand; null with nothing on hand.', 58.1))
  inventoryTurns!: number | null;
  @ApiProperty({ description: 'Orders placed in the days measured.', example: 3 })
  orders!: number;
  @ApiProperty({ description: 'Of them, emergency orders.', example: 0 })
  emergencyOrders!: number;
  @ApiProperty({ description: 'Quantity ordered in the days measured.', example: 270 })
  orderedQuantity!: number;
  @ApiProperty({ description: 'Calendar months whose fill rate fell below the floor.', example: 1 })
  monthsBelowFillRateFloor!: number;
  @ApiProperty({ description: 'Penalties the terms would claim.', type: () => PenaltyExposureDto })
  penaltyExposure!: PenaltyExposureDto;
  @ApiProperty({ description: 'Every order placed, warm-up included.', type: () => [SimulatedOrderDto] })
  orderLog!: SimulatedOrderDto[];
  @ApiProperty({ description: 'Every bucket replayed, warm-up included.', type: () => [BucketTraceDto] })
  buckets!: BucketTraceDto[];
}

export class NamedWhatIfReportDto {
  @ApiProperty({ description: "The scenario's name.", example: 'minimum 50' })
  name!: string;
  @ApiProperty({ description: 'Its report.', type: () => WhatIfReportDto })
  report!: WhatIfReportDto;
}

/** The answer to `{ scenarios: [...] }`: one report per scenario, in order. */
export class WhatIfComparisonDto {
  @ApiProperty({ description: 'One report per scenario, in the order asked.', type: () => [NamedWhatIfReportDto] })
  scenarios!: NamedWhatIfReportDto[];
}

export const WHAT_IF_EXAMPLES = {
  fromAgreement: {
    summary: "The agreement's line as it stands",
    value: {
      agreementId: 'AGR-ACME-NW-2026',
      siteId: 'plant-lyon',
      itemId: 'brake-pad-bp100',
      demand: DEMAND,
      bucketDays: 1,
      validFrom: '2026-01-05',
      warmUpBuckets: 3,
    },
  },
  ownTerms: {
    summary: 'Terms of your own, before any agreement',
    value: {
      line: { siteId: 'plant-lyon', itemId: 'brake-pad-bp100', unit: 'EA', minimum: 40, maximum: 120, leadTimeDays: 3, packMultiple: 10 },
      demand: DEMAND,
      bucketDays: 1,
      validFrom: '2026-01-05',
      unmetDemand: 'lost',
    },
  },
  compareMinimums: {
    summary: 'Compare two minimums on the same demand',
    value: {
      agreementId: 'AGR-ACME-NW-2026',
      siteId: 'plant-lyon',
      itemId: 'brake-pad-bp100',
      demand: DEMAND,
      bucketDays: 1,
      validFrom: '2026-01-05',
      scenarios: [{ name: 'as agreed' }, { name: 'minimum 50', lineOverrides: { minimum: 50, maximum: 140 } }],
    },
  },
};
