import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { ReplayOutcome } from '@smi/messaging';

export class DeadLetterSummaryDto {
  @ApiProperty({ description: 'The dead letter\'s id (a whole number, as text): "before" pages by it.', example: '1042' })
  id!: string;

  @ApiProperty({ description: 'The topic the record was consumed from.', example: 'smi.stock-movements.v1' })
  topic!: string;

  @ApiProperty({ description: 'Its partition on that topic.', example: 2 })
  partition!: number;

  @ApiProperty({ description: 'Its offset in that partition (a 64-bit number, as text).', example: '18734' })
  offset!: string;

  @ApiProperty({
    description: "The record's key; null when it had none.",
    type: String,
    nullable: true,
    example: 'acme|plant-lyon|brake-pad',
  })
  key!: string | null;

  @ApiProperty({
    description: "The event's id when the record decoded far enough to name it.",
    type: String,
    nullable: true,
    example: 'mv-9',
  })
  eventId!: string | null;

  @ApiProperty({ description: 'Why the service could not apply it.', example: 'quantity must be a positive number' })
  reason!: string;

  @ApiProperty({ description: 'When it was set aside.', type: Date, example: '2026-03-12T09:30:00.000Z' })
  failedAt!: Date;

  @ApiProperty({ description: 'When an operator replayed it; null until then.', type: Date, nullable: true, example: null })
  replayedAt!: Date | null;
}

export class DeadLetterListDto {
  @ApiProperty({ description: 'Newest first.', type: [DeadLetterSummaryDto] })
  deadLetters!: DeadLetterSummaryDto[];
}

export class DeadLetterDto extends DeadLetterSummaryDto {
  @ApiProperty({
    description: "The record's Kafka headers, as text.",
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { 'smi-event-id': 'mv-9', 'smi-channel': 'rest' },
  })
  headers!: Record<string, string>;

  @ApiProperty({ description: "The record's value as it was received, base64.", example: 'AgRtdi05AAA=' })
  value!: string;

  @ApiPropertyOptional({
    description: "The event the value holds, when it decodes against its topic's schema; null when it does not.",
    type: 'object',
    additionalProperties: true,
    nullable: true,
    example: { eventId: 'mv-9', buyerId: 'acme', siteId: 'plant-lyon', itemId: 'brake-pad', kind: 'ISSUE', quantity: -3 },
  })
  event!: unknown;
}

export class DeadLetterReplayDto extends DeadLetterSummaryDto {
  @ApiProperty({
    description: "'replayed': sent back to its topic now (202); 'already-replayed': it was before, nothing is sent again (200).",
    enum: ['replayed', 'already-replayed'],
    example: 'replayed',
  })
  status!: Exclude<ReplayOutcome['kind'], 'unknown'>;
}
