import { ApiProperty } from '@nestjs/swagger';
import { SiteItemDto } from '@smi/service-kit';

/** A goods receipt the buyer booked that matches no shipment line (yet). */
export class UnmatchedReceiptDto extends SiteItemDto {
  @ApiProperty({ description: 'The stock-level event of the RECEIPT movement: the evidence.', example: 'mv-12/stock-level' })
  stockLevelEventId!: string;

  @ApiProperty({
    description: 'The order reference the buyer gave; null when it gave none.',
    type: String,
    nullable: true,
    example: 'ORD-77',
  })
  orderId!: string | null;

  @ApiProperty({ description: 'Unit of measure of quantity.', example: 'EA' })
  unit!: string;

  @ApiProperty({ description: 'Quantity booked.', example: 40 })
  quantity!: number;

  @ApiProperty({ description: 'When the buyer booked it (business time).', type: Date, example: '2026-03-12T09:30:00.000Z' })
  receivedAt!: Date;

  @ApiProperty({ description: 'When this service kept it as unmatched.', type: Date, example: '2026-03-12T09:30:02.000Z' })
  recordedAt!: Date;
}
