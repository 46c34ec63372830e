import { ApiProperty } from '@nestjs/swagger';
import { SiteItemDto } from '@smi/service-kit';

/** What the platform believes is on hand at one buyer site x item. */
export class StockLevelDto extends SiteItemDto {
  @ApiProperty({ description: 'Unit of measure of quantity.', example: 'EA' })
  unit!: string;

  @ApiProperty({ description: 'On hand now, in unit.', example: 110 })
  quantity!: number;

  @ApiProperty({ description: 'Movements applied so far: each accepted movement adds one.', example: 9 })
  sequence!: number;

  @ApiProperty({
    description: 'When the last physical count was taken (movements before it are inside it); null before any count.',
    type: Date,
    nullable: true,
    example: '2026-03-01T18:00:00.000Z',
  })
  lastCountAt!: Date | null;

  @ApiProperty({ description: 'When the latest movement applied happened.', type: Date, example: '2026-03-12T09:30:00.000Z' })
  asOf!: Date;

  @ApiProperty({ description: 'The eventId of the latest movement applied.', example: 'mv-9' })
  lastMovementId!: string;
}
