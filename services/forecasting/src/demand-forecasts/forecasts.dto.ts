import { ApiProperty } from '@nestjs/swagger';
import { SiteItemDto } from '@smi/service-kit';

export class ForecastMethodScoreDto {
  @ApiProperty({ description: 'The method.', example: 'holt-damped' })
  method!: string;

  @ApiProperty({ description: 'Mean root mean squared scaled error over the backtest origins (lower is better).', example: 0.82 })
  rmsse!: number;

  @ApiProperty({ description: 'Mean absolute scaled error over the same origins.', example: 0.74 })
  mase!: number;

  @ApiProperty({ description: 'Mean of forecast minus actual per period, in unit.', example: -0.3 })
  bias!: number;

  @ApiProperty({ description: 'Backtest origins scored.', example: 8 })
  origins!: number;
}

/** The latest demand forecast of one site x item: expected demand per period, its uncertainty, and how the method was chosen. */
export class DemandForecastDto extends SiteItemDto {
  @ApiProperty({ description: 'Id of the forecast event that carried it.', example: 'fc-acme-plant-lyon-brake-pad-2026-03-12' })
  eventId!: string;

  @ApiProperty({ description: 'Unit of measure of the demand.', example: 'EA' })
  unit!: string;

  @ApiProperty({
    description:
      "The method chosen by the backtest (one of libs/forecasting's), 'buyer-forecast' when the buyer's own won, or 'history-mean' with too short a history.",
    example: 'holt-damped',
  })
  method!: string;

  @ApiProperty({ description: 'Length of one period in days: 1 (days) or 7 (weeks from Monday).', example: 7 })
  periodDays!: number;

  @ApiProperty({ description: 'Expected demand in one future period, in unit.', example: 42.5 })
  demandPerPeriod!: number;

  @ApiProperty({ description: 'Standard deviation of the forecast error of one period, in unit.', example: 6.1 })
  standardDeviationPerPeriod!: number;

  @ApiProperty({ description: 'History periods the forecast was computed from.', example: 26 })
  periodsObserved!: number;

  @ApiProperty({
    description:
      'Of periodsObserved, those holding consumption history the buyer backfilled (POST /consumption-history) rather than ' +
      'the live feed recorded; 0 when all of it was measured.',
    example: 20,
  })
  backfilledPeriods!: number;

  @ApiProperty({ description: 'When it was computed.', type: Date, example: '2026-03-12T02:00:00.000Z' })
  generatedAt!: Date;

  @ApiProperty({
    description: "The latest consumption movement taken into account ('' after a batch run or a backfill with none new).",
    example: 'mv-9',
  })
  basedOnMovementId!: string;

  @ApiProperty({
    description: "Syntetos-Boylan class of the history: smooth, erratic, intermittent or lumpy; '' with no demand to classify.",
    example: 'smooth',
  })
  demandClass!: string;

  @ApiProperty({
    description: 'Demand per period, oldest first, ending with the last closed period.',
    type: [Number],
    example: [40, 44, 39, 47],
  })
  recentDemand!: number[];

  @ApiProperty({
    description: 'The agreement whose line set the period length and lead time; null when none covers the site x item.',
    type: String,
    nullable: true,
    example: 'AGR-1',
  })
  agreementId!: string | null;

  @ApiProperty({
    description: 'First day (YYYY-MM-DD, UTC) of the first period forecast: the day after the last closed period.',
    type: String,
    nullable: true,
    example: '2026-03-16',
  })
  firstPeriodStart!: string | null;

  @ApiProperty({
    description: 'Expected demand of each period from firstPeriodStart on, at least over the lead time.',
    type: [Number],
    example: [42.5, 42.1, 41.8],
  })
  horizonDemand!: number[];

  @ApiProperty({ description: 'History periods out of stock: they hold the demand estimate, not the lower consumption.', example: 1 })
  censoredPeriods!: number;

  @ApiProperty({
    description: "The chosen method's mean RMSSE in the backtest; null when the history was too short for one.",
    type: Number,
    nullable: true,
    example: 0.82,
  })
  methodScore!: number | null;

  @ApiProperty({
    description: 'The second-best method; null when only one could be scored.',
    type: String,
    nullable: true,
    example: 'simple-exponential-smoothing',
  })
  runnerUpMethod!: string | null;

  @ApiProperty({ description: "The runner-up's mean RMSSE.", type: Number, nullable: true, example: 0.9 })
  runnerUpScore!: number | null;

  @ApiProperty({ description: 'Every method the backtest could score, best first.', type: [ForecastMethodScoreDto] })
  methodScores!: ForecastMethodScoreDto[];

  @ApiProperty({ description: 'Periods of lead time the error variance is summed over; 0 with no backtest.', example: 1 })
  leadTimePeriods!: number;

  @ApiProperty({
    description:
      "Mean squared error of the demand summed over the lead time, in unit squared (replenishment's safety stock); null with no backtest.",
    type: Number,
    nullable: true,
    example: 37.2,
  })
  leadTimeErrorVariance!: number | null;
}
