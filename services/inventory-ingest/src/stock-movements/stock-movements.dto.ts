import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MovementKind, MovementKindValues } from '@smi/contracts';
import { SiteItemDto } from '@smi/service-kit';

/** One stock movement as a buyer system posts it (the stock-movements contract, with times as ISO-8601 text). */
export class StockMovementRequestDto extends SiteItemDto {
  @ApiProperty({
    description: 'Unique id of this movement, chosen by the sender. Sent twice with the same body, it counts once.',
    example: 'mv-9',
  })
  eventId!: string;

  @ApiProperty({
    description:
      'RECEIPT adds (goods received); CONSUMPTION removes (used or sold); ADJUSTMENT adds a signed correction; ' +
      'COUNT states the on-hand a physical count found and replaces it.',
    enum: MovementKindValues,
    example: 'CONSUMPTION',
  })
  kind!: MovementKind;

  @ApiProperty({
    description: 'How much moved, in unit: positive for RECEIPT and CONSUMPTION, signed for ADJUSTMENT, zero or more for COUNT.',
    example: 12,
  })
  quantity!: number;

  @ApiProperty({ description: "Unit of measure; must be the agreement line's.", example: 'EA' })
  unit!: string;

  @ApiProperty({
    description: 'When it happened at the site (ISO-8601, not after the business time now).',
    type: String,
    format: 'date-time',
    example: '2026-03-12T09:30:00Z',
  })
  occurredAt!: string;

  @ApiPropertyOptional({ description: "Which system sent it; 'rest' when left out.", example: 'erp-sap-plant-1' })
  source?: string;

  @ApiPropertyOptional({
    description: 'For a RECEIPT: the replenishment order the goods arrived against, so it can be closed. Null otherwise.',
    type: String,
    nullable: true,
    example: null,
  })
  orderReference?: string | null;
}

export class StockMovementBatchDto {
  @ApiProperty({ description: 'One to 1000 movements, taken all or none.', type: [StockMovementRequestDto] })
  movements!: StockMovementRequestDto[];
}

export class MovementsAcceptedDto {
  @ApiProperty({
    description: 'The eventId of every movement sent, in the order sent: all are applied.',
    type: [String],
    example: ['mv-9', 'mv-10'],
  })
  accepted!: string[];

  @ApiProperty({
    description: 'Those among them sent before with the same body: not produced again.',
    type: [String],
    example: ['mv-9'],
  })
  repeats!: string[];
}

export const MOVEMENT_EXAMPLES = {
  one: {
    summary: 'One movement',
    value: {
      eventId: 'mv-9',
      buyerId: 'acme',
      siteId: 'plant-lyon',
      itemId: 'brake-pad',
      kind: 'CONSUMPTION',
      quantity: 12,
      unit: 'EA',
      occurredAt: '2026-03-12T09:30:00Z',
    },
  },
  batch: {
    summary: 'A batch: a receipt against an order, then a count',
    value: {
      movements: [
        {
          eventId: 'mv-10',
          buyerId: 'acme',
          siteId: 'plant-lyon',
          itemId: 'brake-pad',
          kind: 'RECEIPT',
          quantity: 80,
          unit: 'EA',
          occurredAt: '2026-03-13T08:10:00Z',
          source: 'erp-sap-plant-1',
          orderReference: 'ORD-42',
        },
        {
          eventId: 'mv-11',
          buyerId: 'acme',
          siteId: 'plant-lyon',
          itemId: 'brake-pad',
          kind: 'COUNT',
          quantity: 176,
          unit: 'EA',
          occurredAt: '2026-03-13T18:00:00Z',
          source: 'erp-sap-plant-1',
        },
      ],
    },
  },
};
