import { ApiProperty } from '@nestjs/swagger';
import { BreachKind, BreachKindValues, SlaBreach } from '@smi/contracts';

/** A stockout the monitor recorded (or a PENALTY breach of earlier versions), as GET /breaches lists it. */
export class SlaBreachDto implements SlaBreach {
  @ApiProperty({ description: 'Unique id of the breach event.', example: 'acme-erp-mv-20260314-0412/stock-level/stockout' })
  eventId!: string;
  @ApiProperty({
    description:
      'STOCKOUT: on-hand fell to zero or below; PENALTY (earlier versions only): the stockouts of the month exceeded the allowance.',
    enum: BreachKindValues,
    enumName: 'BreachKind',
    example: 'STOCKOUT',
  })
  kind!: BreachKind;
  @ApiProperty({ description: 'The agreement breached.', example: 'AGR-ACME-NW-2026' })
  agreementId!: string;
  @ApiProperty({ description: 'The buyer.', example: 'acme-motors' })
  buyerId!: string;
  @ApiProperty({ description: 'The supplier answerable for the breach.', example: 'northwind-parts' })
  supplierId!: string;
  @ApiProperty({ description: "The buyer's site.", example: 'plant-turin' })
  siteId!: string;
  @ApiProperty({ description: 'The item.', example: 'coolant-c5l' })
  itemId!: string;
  @ApiProperty({
    description: 'When the stockout began (the as-of of the stock level that showed it).',
    type: String,
    format: 'date-time',
    example: '2026-03-14T06:00:00.000Z',
  })
  occurredAt!: Date;
  @ApiProperty({ description: 'The month the breach counts in, YYYY-MM (UTC).', example: '2026-03' })
  period!: string;
  @ApiProperty({ description: 'Stockouts counted in that month for this agreement line, this one included.', example: 2 })
  stockoutsInPeriod!: number;
  @ApiProperty({ description: 'Stockouts the agreement tolerates per month before a penalty is due.', example: 1 })
  allowedStockoutsPerPeriod!: number;
  @ApiProperty({
    description: 'Amount due for this event: always 0 for a STOCKOUT (penalties are on GET /penalties).',
    example: 0,
  })
  penaltyAmount!: number;
  @ApiProperty({ description: 'ISO 4217 currency of penaltyAmount.', example: 'EUR' })
  currency!: string;
  @ApiProperty({ description: 'eventId of the stock level that showed the stockout.', example: 'acme-erp-mv-20260314-0412/stock-level' })
  stockLevelEventId!: string;
}
