import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { InterchangeOutcome, InterchangeOutcomeValues } from './interchange-movements';

/** One problem with an interchange: a segment and element the reader found at fault, or a report line not taken in. */
export class InterchangeErrorDto {
  @ApiPropertyOptional({ description: 'The segment at fault (ISA, ST, LIN, QTY, ...).', example: 'LIN' })
  segment?: string;

  @ApiPropertyOptional({
    description: 'Its 1-based place in its transaction set / message (in the interchange for envelope errors).',
    example: 7,
  })
  segmentPosition?: number;

  @ApiPropertyOptional({ description: 'The 1-based element at fault, when one is.', example: 3 })
  element?: number;

  @ApiPropertyOptional({ description: 'The component inside that element, when one is at fault.', example: 2 })
  component?: number;

  @ApiPropertyOptional({ description: 'The value at fault, as sent.', example: '4I' })
  value?: string;

  @ApiPropertyOptional({ description: 'The transaction set / message control number (ST02 / UNH01).', example: '0001' })
  transaction?: string;

  @ApiPropertyOptional({ description: 'The 1-based report line in that transaction set / message.', example: 2 })
  line?: number;

  @ApiPropertyOptional({ description: "The buyer's location code on that line.", example: 'LYON01' })
  location?: string;

  @ApiPropertyOptional({ description: "The buyer's item code on that line.", example: 'BP-4471' })
  item?: string;

  @ApiProperty({ description: 'What is wrong, with the value at fault.', example: 'no cross-reference for location LYON01 x item XX-1' })
  reason!: string;
}

/** What became of an interchange, as POST answers it to a client asking for JSON. */
export class InterchangeSummaryDto {
  @ApiProperty({ description: 'The id it is kept under: GET /edi-interchanges/{id}.', example: '5b0c1f7e-3f0e-4d55-9a52-2c7c8f0f1a11' })
  id!: string;

  @ApiProperty({ description: 'accepted: every line taken in; partially-accepted: some; rejected: none.', enum: InterchangeOutcomeValues })
  outcome!: InterchangeOutcome;

  @ApiProperty({ description: 'True unless rejected.', example: true })
  accepted!: boolean;

  @ApiProperty({ description: 'Stock movements taken in (receipts, consumption, counts).', example: 10 })
  movements!: number;

  @ApiProperty({ description: 'Movements this interchange carried that an earlier sending of it already took in.', example: 0 })
  repeats!: number;

  @ApiProperty({ description: 'Each problem named.', type: [InterchangeErrorDto] })
  errors!: InterchangeErrorDto[];

  @ApiProperty({ description: 'The X12 997 or EDIFACT CONTRL answered.', example: 'ISA*00*...~' })
  acknowledgment!: string;
}

/** An interchange as kept, for inspection. */
export class KeptInterchangeDto {
  @ApiProperty({ description: 'The id it is kept under.', example: '5b0c1f7e-3f0e-4d55-9a52-2c7c8f0f1a11' }) interchangeId!: string;
  @ApiProperty({ description: 'The buyer who sent it.', example: 'acme-motors' }) buyerId!: string;
  @ApiProperty({ description: 'x12 or edifact; null when the text was neither.', type: String, nullable: true, example: 'x12' })
  standard!: string | null;
  @ApiProperty({ description: 'ISA06 / UNB02.', type: String, nullable: true, example: 'ACMEMOTORS' }) sender!: string | null;
  @ApiProperty({ description: 'ISA08 / UNB03.', type: String, nullable: true, example: 'SMIPLATFORM' }) receiver!: string | null;
  @ApiProperty({ description: 'ISA13 / UNB05.', type: String, nullable: true, example: '000000101' }) controlNumber!: string | null;
  @ApiProperty({ description: 'accepted: every line taken in; partially-accepted: some; rejected: none.', enum: InterchangeOutcomeValues })
  outcome!: InterchangeOutcome;
  @ApiProperty({ description: 'Stock movements it took in.', example: 10 }) movements!: number;
  @ApiProperty({ description: 'Movements an earlier sending of it already took in.', example: 0 }) repeats!: number;
  @ApiProperty({ description: 'Each problem named.', type: [InterchangeErrorDto] }) errors!: InterchangeErrorDto[];
  @ApiProperty({ description: 'The 997 or CONTRL answered.' }) acknowledgment!: string;
  @ApiPropertyOptional({ description: 'The interchange text as received (GET by id only).' }) raw?: string;
  @ApiProperty({ description: 'When the platform received it.', type: Date, example: '2026-12-07T09:30:00.000Z' }) receivedAt!: Date;
}
