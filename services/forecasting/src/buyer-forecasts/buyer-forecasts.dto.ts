import { ApiProperty, IntersectionType, OmitType, PartialType, PickType } from '@nestjs/swagger';
import { SiteItemDto } from '@smi/service-kit';

/** A buyer's own forecast of a site x item, as kept. */
export class BuyerForecastReceiptDto extends SiteItemDto {
  @ApiProperty({
    description: 'Unique id of this submission, chosen by the buyer. Sent twice with the same body, it counts once.',
    example: 'bf-2026-w11',
  })
  eventId!: string;

  @ApiProperty({ description: "Unit of the quantities: the one the site's consumption is kept in.", example: 'EA' })
  unit!: string;

  @ApiProperty({ description: 'Length of one period in days: 1 (days) or 7 (weeks from Monday).', enum: [1, 7], example: 7 })
  periodDays!: number;

  @ApiProperty({ description: 'First day (YYYY-MM-DD) of the first period forecast; a Monday for weekly periods.', example: '2026-03-16' })
  firstPeriodStart!: string;

  @ApiProperty({
    description: 'Expected demand of each period from firstPeriodStart on, in unit (at most 366 periods).',
    type: [Number],
    example: [45, 48, 40, 52],
  })
  quantities!: number[];

  @ApiProperty({
    description:
      'When the buyer made it (ISO-8601 with zone); only periods starting after the later of this and its receipt count in its score.',
    type: Date,
    example: '2026-03-12T16:00:00.000Z',
  })
  submittedAt!: Date;

  @ApiProperty({ description: 'When the platform received it.', type: Date, example: '2026-03-12T16:00:03.000Z' })
  receivedAt!: Date;

  @ApiProperty({
    description: "'kept': taken now (201); 'already-kept': the same eventId and body came before, nothing changed (200).",
    enum: ['kept', 'already-kept'],
    example: 'kept',
  })
  status!: 'kept' | 'already-kept';
}

/** What a buyer sends: buyerId may be left out (it is the caller), submittedAt too (it is then the moment of the request). */
export class BuyerForecastRequestDto extends IntersectionType(
  OmitType(BuyerForecastReceiptDto, ['buyerId', 'submittedAt', 'receivedAt', 'status'] as const),
  PartialType(PickType(BuyerForecastReceiptDto, ['buyerId', 'submittedAt'] as const)),
) {}

export const BUYER_FORECAST_EXAMPLES = {
  weekly: {
    summary: 'Four weeks of brake pads at the Lyon plant',
    value: {
      eventId: 'bf-2026-w11',
      siteId: 'plant-lyon',
      itemId: 'brake-pad',
      unit: 'EA',
      periodDays: 7,
      firstPeriodStart: '2026-03-16',
      quantities: [45, 48, 40, 52],
      submittedAt: '2026-03-12T16:00:00Z',
    },
  },
};
