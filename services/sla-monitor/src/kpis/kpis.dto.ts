import { ApiProperty } from '@nestjs/swagger';
import { ServiceLevelTargetDto } from '@smi/service-kit';
import {
  AgreementKpis,
  FillRate,
  InventoryTurnover,
  LeadTimeAdherence,
  LineKpis,
  OnTimeDelivery,
  OrderAccuracy,
  Period,
  StockoutEpisode,
  StockoutRate,
  TimeInBand,
} from '@smi/service-levels';
import { AgreementReport, ForecastAccuracyReading, LineReport, LineTargets } from './kpi-report';
import type { KpisAnswer } from './kpis.http.controller';

/** A number that may be null (a share without a denominator, a mean without values). */
export const nullableNumber = (description: string, example: number | null) => ({ description, type: Number, nullable: true, example });

/** The period measured: a day, an ISO week or a month. */
export class PeriodDto implements Period {
  @ApiProperty({
    description: 'day (YYYY-MM-DD), ISO week (YYYY-Www) or month (YYYY-MM).',
    enum: ['day', 'week', 'month'],
    example: 'month',
  })
  kind!: Period['kind'];
  @ApiProperty({ description: 'The period as written.', example: '2026-03' })
  id!: string;
  @ApiProperty({ description: 'Its first day (YYYY-MM-DD, UTC).', example: '2026-03-01' })
  firstDay!: string;
  @ApiProperty({ description: 'Its last day (YYYY-MM-DD, UTC).', example: '2026-03-31' })
  lastDay!: string;
}

export class FillRateDto implements FillRate {
  @ApiProperty({ description: 'Demand over the days measured, in the line unit.', example: 412 })
  demand!: number;
  @ApiProperty({ description: 'Demand met from stock when it came.', example: 398 })
  metFromStock!: number;
  @ApiProperty({
    description: 'Demand not met from stock (consumption booked beyond the stock, or demand estimated lost while stocked out).',
    example: 14,
  })
  unmet!: number;
  @ApiProperty(nullableNumber('metFromStock / demand; null without demand.', 0.966))
  rate!: number | null;
}

export class TimeInBandDto implements TimeInBand {
  @ApiProperty({ description: 'Days measured.', example: 31 })
  days!: number;
  @ApiProperty({ description: 'Days whose closing on-hand stayed between the minimum and the maximum.', example: 27 })
  daysInBand!: number;
  @ApiProperty(nullableNumber('daysInBand / days; null without days.', 0.871))
  share!: number | null;
}

export class OrderAccuracyDto implements OrderAccuracy {
  @ApiProperty({ description: 'Order lines delivered.', example: 9 })
  delivered!: number;
  @ApiProperty({ description: 'Delivered lines received exactly as ordered, and no other item booked against them.', example: 8 })
  accurate!: number;
  @ApiProperty(nullableNumber('accurate / delivered; null with nothing delivered.', 0.889))
  rate!: number | null;
}

export class OnTimeDeliveryDto implements OnTimeDelivery {
  @ApiProperty({ description: 'Lines delivered, plus lines still open after their promised day.', example: 9 })
  due!: number;
  @ApiProperty({ description: 'Delivered on or before the promised day.', example: 8 })
  onTime!: number;
  @ApiProperty({ description: 'Delivered after the promised day.', example: 1 })
  deliveredLate!: number;
  @ApiProperty({ description: 'Not delivered although the promised day is over.', example: 0 })
  openPastPromise!: number;
  @ApiProperty(nullableNumber('onTime / due; null with nothing due.', 0.889))
  rate!: number | null;
}

export class LeadTimeAdherenceDto implements LeadTimeAdherence {
  @ApiProperty({ description: 'Lines delivered.', example: 9 })
  delivered!: number;
  @ApiProperty(nullableNumber('Mean actual lead time in days (delivered - ordered).', 3.3))
  meanActualDays!: number | null;
  @ApiProperty(nullableNumber('Mean of actual - agreed lead time, in days: above zero is slower than agreed.', 0.3))
  meanDeviationDays!: number | null;
  @ApiProperty(nullableNumber('Standard deviation of actual - agreed, over the lines delivered.', 0.9))
  deviationStdDevDays!: number | null;
  @ApiProperty({ description: 'Lines whose actual lead time was within one day of the agreed one.', example: 8 })
  withinOneDay!: number;
  @ApiProperty(nullableNumber('withinOneDay / delivered.', 0.889))
  withinOneDayShare!: number | null;
}

export class InventoryTurnoverDto implements InventoryTurnover {
  @ApiProperty({ description: 'Days measured.', example: 31 })
  days!: number;
  @ApiProperty({ description: 'Units issued to consumption.', example: 398 })
  issued!: number;
  @ApiProperty({ description: 'Closing on-hand averaged over the days; a day below zero holds nothing.', example: 74.5 })
  averageOnHand!: number;
  @ApiProperty(nullableNumber('issued / averageOnHand; null with nothing on hand.', 5.34))
  turns!: number | null;
  @ApiProperty(nullableNumber('turns scaled to a year of 365 days.', 62.9))
  annualTurns!: number | null;
  @ApiProperty(nullableNumber('Days the average stock lasts at the mean daily issue; null when nothing was issued.', 5.8))
  daysOfSupply!: number | null;
}

export class StockoutEpisodeDto implements StockoutEpisode {
  @ApiProperty({
    description: 'When it began; null when it was already running on the first day measured.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-03-14T06:00:00.000Z',
  })
  beganAt!: Date | null;
  @ApiProperty({
    description: 'The stock level that began it (null with beganAt).',
    type: String,
    nullable: true,
    example: 'acme-erp-mv-20260314-0412/stock-level',
  })
  beganBy!: string | null;
  @ApiProperty({
    description: 'When it ended; null when it still ran at the end of the days measured.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-03-16T14:30:00.000Z',
  })
  endedAt!: Date | null;
  @ApiProperty({ description: 'Hours of it inside the days measured.', example: 56.5 })
  hours!: number;
}

/** Stockouts of the agreement's lines together. */
export class AgreementStockoutsDto implements Omit<StockoutRate, 'episodes'> {
  @ApiProperty({ description: 'Line-days measured.', example: 124 })
  days!: number;
  @ApiProperty({ description: 'Days on which on-hand was at or below zero at any moment.', example: 3 })
  stockoutDays!: number;
  @ApiProperty(nullableNumber('stockoutDays / days; null without days.', 0.024))
  rate!: number | null;
  @ApiProperty({ description: 'Hours stocked out.', example: 56.5 })
  hoursStockedOut!: number;
  @ApiProperty({ description: 'Stockouts begun in the days measured (the allowance counts these).', example: 1 })
  stockoutsBegun!: number;
}

/** Stockouts of one line, with each episode. */
export class StockoutRateDto extends AgreementStockoutsDto implements StockoutRate {
  @ApiProperty({ description: 'Each stockout, in order.', type: () => [StockoutEpisodeDto] })
  episodes!: StockoutEpisodeDto[];
}

/** The KPIs a line and an agreement share. */
class ServiceKpisDto {
  @ApiProperty({ description: 'The period measured.', example: '2026-03' })
  period!: string;
  @ApiProperty({ description: 'Share of demand met from stock.', type: () => FillRateDto })
  fillRate!: FillRateDto;
  @ApiProperty({ description: 'Time inside the min/max band.', type: () => TimeInBandDto })
  band!: TimeInBandDto;
  @ApiProperty({ description: 'Deliveries received exactly as ordered.', type: () => OrderAccuracyDto })
  orderAccuracy!: OrderAccuracyDto;
  @ApiProperty({ description: 'Deliveries on or before the promised day.', type: () => OnTimeDeliveryDto })
  onTimeDelivery!: OnTimeDeliveryDto;
  @ApiProperty({ description: 'Actual lead times against the agreed one.', type: () => LeadTimeAdherenceDto })
  leadTime!: LeadTimeAdherenceDto;
  @ApiProperty({ description: 'Inventory turnover.', type: () => InventoryTurnoverDto })
  turnover!: InventoryTurnoverDto;
}

export class LineKpisDto extends ServiceKpisDto implements LineKpis {
  @ApiProperty({ description: "Last day measured: the period's last day, or today's for the current period.", example: '2026-03-31' })
  measuredTo!: string;
  @ApiProperty({ description: 'Stockout days, hours and episodes.', type: () => StockoutRateDto })
  stockouts!: StockoutRateDto;
}

export class AgreementKpisDto extends ServiceKpisDto implements AgreementKpis {
  @ApiProperty({ description: 'Lines measured.', example: 4 })
  lines!: number;
  @ApiProperty({ description: 'Stockouts of all lines together.', type: () => AgreementStockoutsDto })
  stockouts!: AgreementStockoutsDto;
}

/** The latest forecast accuracy forecasting measured by the period's end. */
export class ForecastAccuracyDto implements ForecastAccuracyReading {
  @ApiProperty({ description: 'First day of the latest forecast period scored.', example: '2026-03-30' })
  throughPeriodStart!: string;
  @ApiProperty({ description: 'When forecasting measured it.', type: String, format: 'date-time', example: '2026-03-31T00:00:00.000Z' })
  measuredAt!: Date;
  @ApiProperty({ description: 'Forecast periods scored.', example: 12 })
  periodsScored!: number;
  @ApiProperty({ description: 'Periods left out because stock ran out (demand censored).', example: 1 })
  censoredPeriodsSkipped!: number;
  @ApiProperty(nullableNumber('Mean absolute scaled error (below 1 beats the naive forecast); null when demand never moved.', 0.82))
  mase!: number | null;
  @ApiProperty({
    description:
      'Mean of forecast minus actual per period, in the line unit (for an agreement, total forecast minus total actual over total actual). Positive: forecasts ran high.',
    example: -0.6,
  })
  bias!: number;
  @ApiProperty(nullableNumber('Total forecast minus total actual over total actual; null when nothing was consumed.', -0.045))
  relativeBias!: number | null;
  @ApiProperty({ description: 'Lines scored (1 for a line, more for an agreement).', example: 1 })
  linesScored!: number;
  @ApiProperty({
    description: 'The measurement event on smi.forecast-accuracy.v1.',
    example: 'forecast-accuracy/acme-motors|plant-lyon|brake-pad-bp100/2026-03-30',
  })
  eventId!: string;
}

/** What a line's KPIs are read against. */
export class LineTargetsDto implements LineTargets {
  @ApiProperty({ description: 'Lowest stock the buyer accepts.', example: 40 })
  minimum!: number;
  @ApiProperty({ description: 'Highest stock the buyer accepts.', example: 120 })
  maximum!: number;
  @ApiProperty({ description: 'The agreed service level target; null when none.', type: () => ServiceLevelTargetDto, nullable: true })
  serviceLevel!: ServiceLevelTargetDto | null;
  @ApiProperty(nullableNumber('Fill rate below which a penalty is due for the month; null when none.', 0.95))
  fillRateFloor!: number | null;
}

export class LineReportDto implements LineReport {
  @ApiProperty({ description: "The buyer's site.", example: 'plant-lyon' })
  siteId!: string;
  @ApiProperty({ description: 'The item.', example: 'brake-pad-bp100' })
  itemId!: string;
  @ApiProperty({ description: 'Unit of the quantities.', example: 'EA' })
  unit!: string;
  @ApiProperty({ description: 'What the KPIs are read against.', type: () => LineTargetsDto })
  targets!: LineTargetsDto;
  @ApiProperty({ description: "The line's KPIs, each with what it is counted from.", type: () => LineKpisDto })
  kpis!: LineKpisDto;
  @ApiProperty({
    description: "The line's forecast accuracy; null when none was measured yet.",
    type: () => ForecastAccuracyDto,
    nullable: true,
  })
  forecastAccuracy!: ForecastAccuracyDto | null;
}

export class AgreementReportDto implements AgreementReport {
  @ApiProperty({ description: 'The agreement.', example: 'AGR-ACME-NW-2026' })
  agreementId!: string;
  @ApiProperty({ description: 'The buyer.', example: 'acme-motors' })
  buyerId!: string;
  @ApiProperty({ description: 'The supplier.', example: 'northwind-parts' })
  supplierId!: string;
  @ApiProperty({ description: "The agreement's ISO 4217 currency.", example: 'EUR' })
  currency!: string;
  @ApiProperty({
    description: "The version whose lines were measured: the one in force at the period's end (or now, for the current period).",
    example: 1,
  })
  agreementVersion!: number;
  @ApiProperty({ description: "The agreement's KPIs, its lines rolled up.", type: () => AgreementKpisDto })
  kpis!: AgreementKpisDto;
  @ApiProperty({
    description: "The agreement's forecast accuracy; null when none was measured yet.",
    type: () => ForecastAccuracyDto,
    nullable: true,
  })
  forecastAccuracy!: ForecastAccuracyDto | null;
  @ApiProperty({ description: 'Each line measured.', type: () => [LineReportDto] })
  lines!: LineReportDto[];
}

/** GET /kpis: the period measured and each visible agreement's KPIs. */
export class KpisDto implements KpisAnswer {
  @ApiProperty({ description: 'The period measured.', type: () => PeriodDto })
  period!: PeriodDto;
  @ApiProperty({ description: 'One report per agreement the caller may see.', type: () => [AgreementReportDto] })
  agreements!: AgreementReportDto[];
}
