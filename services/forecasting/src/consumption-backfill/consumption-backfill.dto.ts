import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ConsumptionPeriodDto {
  @ApiProperty({
    description: 'First day of the period (YYYY-MM-DD, UTC); a Monday for weeks. The period must have ended before today.',
    example: '2025-01-06',
  })
  start!: string;

  @ApiProperty({ description: 'What the site consumed over the period, in unit (0 to 1,000,000,000).', example: 42 })
  quantity!: number;

  @ApiPropertyOptional({
    description: 'The site ran out of stock in the period: its consumption understates demand and is censored, as live stock-outs are.',
    example: false,
  })
  stockout?: boolean;
}

/** One site x item's consumption history: a request is one of these, or a list of them. */
export class ConsumptionHistoryRequestDto {
  @ApiPropertyOptional({ description: 'The caller; may be left out. Another buyer is refused (403).', example: 'acme-motors' })
  buyerId?: string;

  @ApiProperty({ description: 'Site, as on the agreement line.', example: 'plant-lyon' })
  siteId!: string;

  @ApiProperty({ description: 'Item, as on the agreement line.', example: 'brake-pad' })
  itemId!: string;

  @ApiProperty({ description: "Unit of the quantities: the agreement line's.", example: 'EA' })
  unit!: string;

  @ApiProperty({ description: 'Length of each period in days: 1 (days) or 7 (weeks from Monday).', enum: [1, 7], example: 7 })
  periodDays!: number;

  @ApiProperty({
    description: 'The periods, in any order, none covering a day another covers (at most 5,000 per request).',
    type: [ConsumptionPeriodDto],
  })
  periods!: ConsumptionPeriodDto[];
}

/** What a backfill did. */
export class BackfillReceiptDto {
  @ApiProperty({ description: 'Site x items whose history was taken.', example: 1 })
  seriesTaken!: number;

  @ApiProperty({ description: 'Days written: new, or sent before with another value (weeks count their 7 days).', example: 728 })
  daysWritten!: number;

  @ApiProperty({ description: 'Days that already held exactly what was sent: a resend changes nothing.', example: 0 })
  daysUnchanged!: number;

  @ApiProperty({ description: 'Days the live feed had recorded: what it measured stands, the sent value is not kept.', example: 0 })
  liveDaysKept!: number;

  @ApiProperty({
    description:
      'Ids of the DemandForecast events published from the new history (one per site x item that changed and has a closed period).',
    type: [String],
    example: ['consumption-backfill/acme-motors|plant-lyon|brake-pad/2026-03-08/3f2a9c0d1e7b4a55/demand-forecast'],
  })
  forecasts!: string[];
}

export class RowRejectionDto {
  @ApiProperty({ description: 'Line of the file (the header is line 1).', example: 7 })
  row!: number;

  @ApiProperty({ description: "The column at fault ('' when the line could not be read at all).", example: 'quantity' })
  column!: string;

  @ApiProperty({ description: 'The value found there.', example: '-3' })
  value!: string;

  @ApiProperty({ description: 'Why it was refused.', example: 'must be a plain decimal number like 12 or 12.5' })
  reason!: string;
}

export class HistoryFileReceiptDto extends BackfillReceiptDto {
  @ApiProperty({ description: 'Data rows read (the header not counted).', example: 730 })
  rowsRead!: number;

  @ApiProperty({ description: 'Rows taken into the history (or found there already).', example: 728 })
  rowsAccepted!: number;

  @ApiProperty({ description: 'Rows refused; each is listed in rejections (the first 1,000).', example: 2 })
  rowsRejected!: number;

  @ApiProperty({ description: 'Each bad cell of each refused row.', type: [RowRejectionDto] })
  rejections!: RowRejectionDto[];
}

export const CONSUMPTION_HISTORY_EXAMPLES = {
  weekly: {
    summary: 'Three weeks of brake pads at the Lyon plant, one out of stock',
    value: {
      siteId: 'plant-lyon',
      itemId: 'brake-pad',
      unit: 'EA',
      periodDays: 7,
      periods: [
        { start: '2025-01-06', quantity: 42 },
        { start: '2025-01-13', quantity: 38 },
        { start: '2025-01-20', quantity: 12, stockout: true },
      ],
    },
  },
};
