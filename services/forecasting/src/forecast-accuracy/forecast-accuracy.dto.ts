import { ApiProperty } from '@nestjs/swagger';
import { AccuracyScope, AccuracyScopeValues } from '@smi/contracts';

/** How well the forecasts of one site x item, or of all lines of one agreement, matched the demand that came. */
export class ForecastAccuracyDto {
  @ApiProperty({ description: 'Id of this measurement.', example: 'acc-acme-plant-lyon-brake-pad-2026-03-09' })
  eventId!: string;

  @ApiProperty({
    description: 'SITE_ITEM: one site x item; AGREEMENT: every line of agreementId together.',
    enum: AccuracyScopeValues,
    example: 'SITE_ITEM',
  })
  scope!: AccuracyScope;

  @ApiProperty({ description: 'The buyer.', example: 'acme' })
  buyerId!: string;

  @ApiProperty({
    description: 'The agreement covering the site x item (always set for AGREEMENT).',
    type: String,
    nullable: true,
    example: 'AGR-1',
  })
  agreementId!: string | null;

  @ApiProperty({ description: 'The site (null for AGREEMENT).', type: String, nullable: true, example: 'plant-lyon' })
  siteId!: string | null;

  @ApiProperty({ description: 'The item (null for AGREEMENT).', type: String, nullable: true, example: 'brake-pad' })
  itemId!: string | null;

  @ApiProperty({ description: 'Closed periods whose actual demand was compared with what was forecast before they started.', example: 12 })
  periodsScored!: number;

  @ApiProperty({ description: 'Periods left out because the item was out of stock: their demand is not known.', example: 1 })
  censoredPeriodsSkipped!: number;

  @ApiProperty({
    description:
      "Mean absolute scaled error (below 1: better than the naive method); for AGREEMENT, the lines' mean. Null when demand never moved.",
    type: Number,
    nullable: true,
    example: 0.71,
  })
  mase!: number | null;

  @ApiProperty({
    description: 'Mean of forecast minus actual per period, in unit (SITE_ITEM); for AGREEMENT, relative. Positive: forecasts ran high.',
    example: 1.4,
  })
  bias!: number;

  @ApiProperty({
    description: 'Total forecast minus total actual over total actual; null when nothing was consumed.',
    type: Number,
    nullable: true,
    example: 0.03,
  })
  relativeBias!: number | null;

  @ApiProperty({ description: 'Site x items measured: 1 for SITE_ITEM.', example: 1 })
  linesScored!: number;

  @ApiProperty({ description: 'First day (YYYY-MM-DD) of the latest period scored.', example: '2026-03-09' })
  throughPeriodStart!: string;

  @ApiProperty({ description: 'When it was measured.', type: Date, example: '2026-03-16T02:00:00.000Z' })
  measuredAt!: Date;
}
