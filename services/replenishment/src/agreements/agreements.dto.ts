import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import {
  Agreement,
  AgreementLine,
  AgreementStatus,
  AgreementVersion,
  ApprovalBoundary,
  CommunicationTerms,
  Contact,
  EmergencyTerms,
  FORECAST_PERIODS,
  LEVELS_IN,
  LinePenaltyTerms,
  PenaltyTerms,
  REPLENISHMENT_POLICIES,
  SAFETY_STOCK_METHODS,
  TUNABLE_LINE_TERMS,
  TunableTerm,
  WEEKDAYS,
} from '@smi/agreements';
import { ServiceLevelTargetDto } from '@smi/service-kit';
import type { AgreementProposal, ProposalStatus, ProposedChange } from './agreement-consent';

const AGREEMENT_ID = 'AGR-ACME-NW-2026';
const PROPOSAL_ID = '0b7e4d2a-5c1f-4a8e-9d3b-6f2e1a7c9b40';
const instant = (description: string, example: string) => ({ description, type: String, format: 'date-time', example });

export class PenaltyTermsDto implements PenaltyTerms {
  @ApiProperty({ description: 'Stockouts per calendar month (per line) the buyer tolerates without a penalty.', example: 1 })
  allowedStockoutsPerMonth!: number;
  @ApiProperty({ description: 'Amount due for each stockout beyond the allowance.', example: 500 })
  penaltyPerStockout!: number;
}

export class CommunicationTermsDto implements CommunicationTerms {
  @ApiProperty({ description: 'Hours between digests (24 = daily).', example: 24 })
  digestEveryHours!: number;
  @ApiProperty({ description: 'Whether alerts (stockouts, approvals) go out at once rather than in the digest.', example: true })
  immediateAlerts!: boolean;
}

export class ContactDto implements Contact {
  @ApiProperty({ description: 'The party the contact speaks for.', example: 'acme-motors' })
  partyId!: string;
  @ApiProperty({ description: 'Name.', example: 'Claire Martin' })
  name!: string;
  @ApiProperty({ description: 'Role.', example: 'Materials planner, Lyon' })
  role!: string;
  @ApiPropertyOptional({ description: 'Email.', example: 'claire.martin@acme-motors.example' })
  email?: string;
  @ApiPropertyOptional({ description: 'Phone.', example: '+33 4 72 00 00 00' })
  phone?: string;
}

/** How safety stock is set: `quantity` with fixed, `days` with days-of-cover, nothing more with service-level. */
export class SafetyStockRuleDto {
  @ApiProperty({
    description:
      'fixed: a quantity; days-of-cover: days of forecast demand; service-level: from the target and the variability of demand and lead time.',
    enum: SAFETY_STOCK_METHODS,
    example: 'days-of-cover',
  })
  method!: (typeof SAFETY_STOCK_METHODS)[number];
  @ApiPropertyOptional({ description: 'With method fixed: the safety stock.', example: 20 })
  quantity?: number;
  @ApiPropertyOptional({ description: 'With method days-of-cover: days of forecast demand kept as safety stock.', example: 2 })
  days?: number;
}

/** What the supplier may release without asking the buyer. */
export class ApprovalBoundaryDto implements ApprovalBoundary {
  @ApiPropertyOptional({ description: 'Largest quantity released without the buyer.', example: 100 })
  maxQuantity?: number;
  @ApiPropertyOptional({ description: "Largest order value released without the buyer, in the agreement's currency.", example: 1000 })
  maxValue?: number;
  @ApiProperty({ description: 'Hours the buyer may veto a released order.', example: 12 })
  vetoWindowHours!: number;
  @ApiProperty({ description: 'Hours after which an order awaiting approval lapses.', example: 48 })
  expiresAfterHours!: number;
}

export class EmergencyTermsDto implements EmergencyTerms {
  @ApiProperty({
    description: 'Whether an expedited delivery may be ordered when stock would run out before a regular one arrives.',
    example: true,
  })
  allowed!: boolean;
  @ApiProperty({ description: 'Lead time of an expedited delivery, in days.', example: 1 })
  leadTimeDays!: number;
}

export class LinePenaltyTermsDto implements LinePenaltyTerms {
  @ApiPropertyOptional({ description: 'Per day the line ends at or below zero.', example: 40 })
  perStockoutDay?: number;
  @ApiPropertyOptional({ description: 'Per day a delivery is late.', example: 25 })
  perLateDelivery?: number;
  @ApiPropertyOptional({ description: 'Per unit a delivery is short.', example: 3 })
  perShortDelivery?: number;
  @ApiPropertyOptional({ description: 'Fill rate (0..1) below which a penalty is due for the month.', example: 0.95 })
  fillRateFloor?: number;
  @ApiPropertyOptional({ description: 'Due once for a month below the fill-rate floor.', example: 200 })
  perFillRateShortfall?: number;
}

/** One site x item the supplier replenishes, with its terms. */
export class AgreementLineDto implements AgreementLine {
  @ApiProperty({ description: "The buyer's site.", example: 'plant-lyon' })
  siteId!: string;
  @ApiProperty({ description: 'The item.', example: 'brake-pad-bp100' })
  itemId!: string;
  @ApiProperty({ description: 'Unit of the quantities.', example: 'EA' })
  unit!: string;
  @ApiPropertyOptional({
    description: 'Whether minimum and maximum are quantities (default) or days of supply.',
    enum: LEVELS_IN,
    example: 'units',
  })
  levelsIn?: (typeof LEVELS_IN)[number];
  @ApiProperty({ description: 'Lowest stock the buyer accepts; the reorder point when no other is set.', example: 40 })
  minimum!: number;
  @ApiProperty({ description: 'Highest stock the buyer accepts; the order-up-to level.', example: 120 })
  maximum!: number;
  @ApiPropertyOptional({ description: 'An explicit reorder point, overriding the one computed from safety stock.', example: 45 })
  reorderPoint?: number;
  @ApiPropertyOptional({ description: 'The service the supplier promises.', type: () => ServiceLevelTargetDto })
  serviceLevel?: ServiceLevelTargetDto;
  @ApiPropertyOptional({ description: 'How safety stock is set.', type: () => SafetyStockRuleDto })
  safetyStock?: AgreementLine['safetyStock'];
  @ApiPropertyOptional({ description: 'Replenishment policy (default min-max).', enum: REPLENISHMENT_POLICIES, example: 'min-max' })
  policy?: AgreementLine['policy'];
  @ApiPropertyOptional({ description: 'Order quantity of the fixed-quantity policy.', example: 60 })
  fixedOrderQuantity?: number;
  @ApiPropertyOptional({ description: 'Days between reviews of the periodic policies.', example: 7 })
  reviewPeriodDays?: number;
  @ApiPropertyOptional({
    description: 'Days of the week the buyer takes deliveries; none means any day.',
    enum: WEEKDAYS,
    isArray: true,
    example: ['MON', 'WED', 'FRI'],
  })
  deliveryWeekdays?: AgreementLine['deliveryWeekdays'];
  @ApiPropertyOptional({
    description: 'Periods demand is bucketed and forecast in (default day; weeks run Monday to Sunday, UTC).',
    enum: FORECAST_PERIODS,
    example: 'day',
  })
  forecastPeriod?: AgreementLine['forecastPeriod'];
  @ApiProperty({ description: 'Mean lead time in calendar days.', example: 3 })
  leadTimeDays!: number;
  @ApiPropertyOptional({ description: 'Standard deviation of the lead time in days (default 0).', example: 0.5 })
  leadTimeStdDevDays?: number;
  @ApiPropertyOptional({ description: 'Smallest quantity one order may carry.', example: 20 })
  minimumOrderQuantity?: number;
  @ApiProperty({ description: 'Orders are whole multiples of this quantity.', example: 10 })
  packMultiple!: number;
  @ApiPropertyOptional({ description: 'Largest quantity one order may carry.', example: 200 })
  maximumLot?: number;
  @ApiPropertyOptional({ description: "Price per unit in the agreement's currency.", example: 20 })
  unitPrice?: number;
  @ApiPropertyOptional({
    description: 'What the supplier may release without the buyer; none: every order is released.',
    type: () => ApprovalBoundaryDto,
  })
  approval?: ApprovalBoundaryDto;
  @ApiPropertyOptional({ description: 'Expedited deliveries.', type: () => EmergencyTermsDto })
  emergency?: EmergencyTermsDto;
  @ApiPropertyOptional({ description: 'Penalties the SLA monitor applies to the line.', type: () => LinePenaltyTermsDto })
  penalties?: LinePenaltyTermsDto;
}

/** A line term one party may change alone, on every line, within bounds both agreed. */
export class TunableTermDto implements TunableTerm {
  @ApiProperty({ description: 'The party that may change it alone.', enum: ['buyer', 'supplier'], example: 'buyer' })
  by!: TunableTerm['by'];
  @ApiProperty({ description: 'The line term.', enum: TUNABLE_LINE_TERMS, example: 'minimum' })
  term!: TunableTerm['term'];
  @ApiProperty({ description: 'Lowest value it may set (inclusive).', example: 30 })
  min!: number;
  @ApiProperty({ description: 'Highest value it may set (inclusive).', example: 60 })
  max!: number;
}

/** The terms a buyer and a supplier agreed for replenishing the buyer's stock. */
export class AgreementDto implements Agreement {
  @ApiProperty({ description: 'The agreement.', example: AGREEMENT_ID })
  agreementId!: string;
  @ApiProperty({ description: 'The buyer whose stock is replenished.', example: 'acme-motors' })
  buyerId!: string;
  @ApiProperty({ description: 'The supplier that replenishes it.', example: 'northwind-parts' })
  supplierId!: string;
  @ApiProperty({ description: 'ISO 4217 currency of prices and penalties.', example: 'EUR' })
  currency!: string;
  @ApiProperty({ description: 'First day it governs (YYYY-MM-DD).', example: '2026-01-01' })
  validFrom!: string;
  @ApiProperty({ description: 'Last day it governs (YYYY-MM-DD).', example: '2027-12-31' })
  validTo!: string;
  @ApiProperty({ description: 'The stockout allowance and its penalty.', type: () => PenaltyTermsDto })
  penalties!: PenaltyTermsDto;
  @ApiPropertyOptional({ description: 'How often the parties hear from the platform.', type: () => CommunicationTermsDto })
  communication?: CommunicationTermsDto;
  @ApiPropertyOptional({ description: 'Who to talk to on each side.', type: () => [ContactDto] })
  contacts?: ContactDto[];
  @ApiProperty({ description: 'The site x item lines replenished.', type: () => [AgreementLineDto] })
  lines!: AgreementLineDto[];
  @ApiPropertyOptional({
    description: 'Terms one party may change alone within agreed bounds; none by default (every change needs both).',
    type: () => [TunableTermDto],
  })
  tunableAlone?: TunableTermDto[];
}

/** One version of an agreement, as kept and published. */
export class AgreementVersionDto implements AgreementVersion {
  @ApiProperty({ description: 'The terms of this version.', type: () => AgreementDto })
  agreement!: AgreementDto;
  @ApiProperty({ description: '1 as created, +1 per amendment or retirement.', example: 2 })
  version!: number;
  @ApiProperty(instant('From when this version governs; earlier events keep the version before.', '2026-03-01T00:00:00.000Z'))
  effectiveFrom!: string;
  @ApiProperty({
    description: 'A retired agreement governs nothing from its retirement on.',
    enum: ['active', 'retired'],
    example: 'active',
  })
  status!: AgreementStatus;
  @ApiProperty({ description: 'The party whose proposal made the version (or the seed file).', example: 'acme-motors' })
  changedBy!: string;
  @ApiProperty(instant('When the version was recorded.', '2026-02-20T10:12:00.000Z'))
  changedAt!: string;
  @ApiProperty({ description: "Why, in the proposer's words.", example: 'Lyon raises brake-pad minimum to 50 EA for the new line 3.' })
  changeReason!: string;
}

/** A version in an agreement's history, without its terms. */
export class AgreementVersionSummaryDto extends OmitType(AgreementVersionDto, ['agreement'] as const) {
  @ApiProperty({ description: 'The agreement.', example: AGREEMENT_ID })
  agreementId!: string;
}

/** A proposed new agreement, amendment or retirement, and its decision. */
export class AgreementProposalDto implements AgreementProposal {
  @ApiProperty({ description: 'The proposal.', example: PROPOSAL_ID })
  proposalId!: string;
  @ApiProperty({ description: 'The agreement it changes (or creates).', example: AGREEMENT_ID })
  agreementId!: string;
  @ApiProperty({ description: 'create, amend or retire.', enum: ['create', 'amend', 'retire'], example: 'amend' })
  change!: ProposedChange;
  @ApiProperty({ description: 'The terms proposed (for a retirement, the terms retired).', type: () => AgreementDto })
  agreement!: AgreementDto;
  @ApiProperty({
    description: 'Why the proposer asks for the change.',
    example: 'Lyon raises brake-pad minimum to 50 EA for the new line 3.',
  })
  reason!: string;
  @ApiPropertyOptional(
    instant('From when the proposer asks the change to govern; absent: from its acceptance.', '2026-03-01T00:00:00.000Z'),
  )
  effectiveFrom?: string;
  @ApiProperty({ description: 'The version it changes (0 for a new agreement): after any other change it no longer applies.', example: 1 })
  baseVersion!: number;
  @ApiProperty({ description: 'The party that proposed it.', example: 'acme-motors' })
  proposedBy!: string;
  @ApiProperty(instant('When it was proposed.', '2026-02-18T09:30:00.000Z'))
  proposedAt!: string;
  @ApiProperty({
    description: 'pending until the other party accepts or rejects it, or the proposer withdraws it.',
    enum: ['pending', 'accepted', 'rejected', 'withdrawn'],
    example: 'pending',
  })
  status!: ProposalStatus;
  @ApiPropertyOptional({ description: 'Who decided it.', example: 'northwind-parts' })
  decidedBy?: string;
  @ApiPropertyOptional(instant('When it was decided.', '2026-02-20T10:12:00.000Z'))
  decidedAt?: string;
  @ApiPropertyOptional({ description: "The decider's reason.", example: 'Agreed: we add a weekly run to Lyon.' })
  decisionReason?: string;
  @ApiPropertyOptional({ description: 'The version its acceptance made.', example: 2 })
  acceptedVersion?: number;
  @ApiPropertyOptional({ description: 'While pending: the party whose decision it waits for.', example: 'northwind-parts' })
  awaiting?: string;
}

/** The agreements file: what GET /agreements/export gives and POST /agreements/import takes. */
export class AgreementsFileDto {
  @ApiProperty({ description: 'The agreements, each as its terms.', type: () => [AgreementDto] })
  agreements!: AgreementDto[];
}

export class ImportAgreementsRequestDto extends AgreementsFileDto {
  @ApiPropertyOptional({ description: 'Why, for every proposal the file makes.', example: 'Yearly review 2026: new minimums for Turin.' })
  changeReason?: string;
}

export class ImportAnswerDto {
  @ApiProperty({ description: 'One proposal per new or changed agreement.', type: () => [AgreementProposalDto] })
  proposals!: AgreementProposalDto[];
  @ApiProperty({ description: 'Agreements of the file that are already as written.', type: [String], example: ['AGR-ACME-NW-2026'] })
  unchanged!: string[];
}

/** POST /agreements and PUT /agreements/{id}: the whole agreement, with why and from when beside it. */
export class AgreementChangeRequestDto extends AgreementDto {
  @ApiPropertyOptional({
    description: 'Why (required to amend; at most 1,000 characters).',
    example: 'Lyon raises brake-pad minimum to 50 EA for the new line 3.',
  })
  changeReason?: string;
  @ApiPropertyOptional({
    description: 'From when it should govern: an ISO-8601 day or timestamp with its zone, never in the past; default on acceptance.',
    example: '2026-03-01',
  })
  effectiveFrom?: string;
  @ApiPropertyOptional({ description: 'The version you read: the proposal is refused (409) when a newer one is on file.', example: 1 })
  expectedVersion?: number;
}

export class RetireAgreementRequestDto {
  @ApiProperty({
    description: 'Why the agreement ends (at most 1,000 characters).',
    example: 'Plant Turin closes at the end of June; Lyon is covered by the 2027 agreement.',
  })
  reason!: string;
  @ApiPropertyOptional({
    description: 'From when it governs nothing (ISO-8601 day or timestamp with zone, never in the past); default on acceptance.',
    example: '2026-07-01',
  })
  effectiveFrom?: string;
  @ApiPropertyOptional({ description: 'The version you read: refused (409) when a newer one is on file.', example: 2 })
  expectedVersion?: number;
}

export class ProposalDecisionRequestDto {
  @ApiPropertyOptional({
    description: 'Why: optional to accept, required to reject or withdraw (at most 1,000 characters).',
    example: 'Agreed: we add a weekly run to Lyon.',
  })
  reason?: string;
}

export class ProposalDecisionDto {
  @ApiProperty({ description: 'The proposal as decided.', type: () => AgreementProposalDto })
  proposal!: AgreementProposalDto;
  @ApiPropertyOptional({
    description: 'On acceptance: the new version of the agreement, published on smi.agreements.v1.',
    type: () => AgreementVersionDto,
  })
  version?: AgreementVersionDto;
}

/** The demo agreement, one line shown: the example every agreement body starts from. */
export const AGREEMENT_EXAMPLE: AgreementDto = {
  agreementId: AGREEMENT_ID,
  buyerId: 'acme-motors',
  supplierId: 'northwind-parts',
  currency: 'EUR',
  validFrom: '2026-01-01',
  validTo: '2027-12-31',
  penalties: { allowedStockoutsPerMonth: 1, penaltyPerStockout: 500 },
  communication: { digestEveryHours: 24, immediateAlerts: true },
  lines: [
    {
      siteId: 'plant-lyon',
      itemId: 'brake-pad-bp100',
      unit: 'EA',
      minimum: 40,
      maximum: 120,
      leadTimeDays: 3,
      packMultiple: 10,
      unitPrice: 20,
      approval: { maxValue: 1000, vetoWindowHours: 12, expiresAfterHours: 48 },
      penalties: { perStockoutDay: 40, perLateDelivery: 25, perShortDelivery: 3, fillRateFloor: 0.95, perFillRateShortfall: 200 },
    },
  ],
};
