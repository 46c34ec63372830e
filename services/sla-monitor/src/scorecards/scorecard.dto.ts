import { ApiProperty, PickType } from '@nestjs/swagger';
import { DisputeDto } from '../disputes/disputes.dto';
import { AgreementReportDto, LineReportDto, nullableNumber } from '../kpis/kpis.dto';
import { PenaltyDto } from '../penalties/penalties.dto';
import { Scorecard, ScorecardDispute, TrendMonth } from './scorecard';

/** A dispute over one of the month's penalties, as the scorecard shows it. */
export class ScorecardDisputeDto
  extends PickType(DisputeDto, [
    'disputeId',
    'penaltyId',
    'status',
    'amount',
    'credited',
    'openedBy',
    'openedAt',
    'reason',
    'decidedBy',
    'decidedAt',
    'decisionReason',
  ] as const)
  implements ScorecardDispute {}

/** One month of the trend: the agreement's headline KPIs and what its penalties came to. */
export class TrendMonthDto implements TrendMonth {
  @ApiProperty({ description: 'The month, YYYY-MM.', example: '2026-03' })
  period!: string;
  @ApiProperty(nullableNumber('Stockout days / days.', 0.024))
  stockoutRate!: number | null;
  @ApiProperty(nullableNumber('Demand met from stock / demand.', 0.966))
  fillRate!: number | null;
  @ApiProperty(nullableNumber('Days inside the min/max band / days.', 0.871))
  timeInBand!: number | null;
  @ApiProperty(nullableNumber('Deliveries on time / due.', 0.889))
  onTimeDelivery!: number | null;
  @ApiProperty(nullableNumber('Deliveries exactly as ordered / delivered.', 0.889))
  orderAccuracy!: number | null;
  @ApiProperty(nullableNumber('Mean of actual - agreed lead time, in days.', 0.3))
  leadTimeMeanDeviationDays!: number | null;
  @ApiProperty(nullableNumber('Issued / average on hand over the month.', 5.34))
  turns!: number | null;
  @ApiProperty({ description: "The month's penalties, latest revisions, to the cent.", example: 150 })
  penaltiesTotal!: number;
}

export class ScorecardPenaltiesDto {
  @ApiProperty({ description: "The month's penalties added up, to the cent.", example: 150 })
  total!: number;
  @ApiProperty({ description: "The month's penalties, latest revision each.", type: () => [PenaltyDto] })
  items!: PenaltyDto[];
}

/** An agreement's review checkpoint for one month (the JSON form; CSV and HTML carry the same). */
export class ScorecardDto
  extends PickType(AgreementReportDto, [
    'agreementId',
    'buyerId',
    'supplierId',
    'currency',
    'agreementVersion',
    'kpis',
    'forecastAccuracy',
    'lines',
  ] as const)
  implements Scorecard
{
  @ApiProperty({ description: 'The month, YYYY-MM.', example: '2026-03' })
  period!: string;
  @ApiProperty({ description: 'Last day measured: the month-end, or today for the current month.', example: '2026-03-31' })
  measuredTo!: string;
  @ApiProperty({
    description: 'The lines doing worst this month (most stockout days, lowest fill rate, most deliveries not on time), at most 5.',
    type: () => [LineReportDto],
  })
  worstLines!: LineReportDto[];
  @ApiProperty({ description: "The month's penalties and their total.", type: () => ScorecardPenaltiesDto })
  penalties!: ScorecardPenaltiesDto;
  @ApiProperty({
    description: "The disputes over the month's penalties; null for a reader who may not see them (only the buyer and the supplier may).",
    type: () => [ScorecardDisputeDto],
    nullable: true,
  })
  disputes!: ScorecardDisputeDto[] | null;
  @ApiProperty({ description: 'The last 12 months, oldest first, ending with this one.', type: () => [TrendMonthDto] })
  trend!: TrendMonthDto[];
}

/** The first rows of the CSV form, as a spreadsheet reads them. */
export const SCORECARD_CSV_EXAMPLE = [
  'section,period,siteId,itemId,measure,value,numerator,denominator,target',
  'agreement,2026-03,,,stockout rate (stockout days / days),0.024,3,124,',
  'line,2026-03,plant-lyon,brake-pad-bp100,fill rate (met from stock / demand),0.966,398,412,floor 0.95',
  'trend,2026-03,,,penaltiesTotal,150,,,',
  'penalty,2026-03,plant-turin,coolant-c5l,STOCKOUT_DAYS,150,3,50,AGR-ACME-NW-2026|v1|plant-turin|coolant-c5l|2026-03|STOCKOUT_DAYS r1: 3 stockout days x 50.00 EUR = 150.00 EUR',
  '',
].join('\r\n');
