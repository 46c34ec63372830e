import { ApiProperty } from '@nestjs/swagger';

/** One version of a subject, as Confluent schema-registry clients read it. */
export class SchemaVersionDto {
  @ApiProperty({ description: 'The subject: `<topic>-value`.', example: 'smi.stock-movements.v1-value' })
  subject!: string;

  @ApiProperty({ description: 'Its version under the subject, from 1.', example: 1 })
  version!: number;

  @ApiProperty({ description: "The schema's global id: the one a record's header or wire format names.", example: 1 })
  id!: number;

  @ApiProperty({
    description: 'The Avro schema, as JSON text.',
    example: '{"type":"record","name":"StockMovement","namespace":"dev.smi.inventory","fields":[...]}',
  })
  schema!: string;
}

export class SchemaDto {
  @ApiProperty({
    description: 'The Avro schema with this id, as JSON text.',
    example: '{"type":"record","name":"StockMovement","namespace":"dev.smi.inventory","fields":[...]}',
  })
  schema!: string;
}

/** The registry's own error shape (Confluent's), not the platform's. */
export class SchemaRegistryErrorDto {
  @ApiProperty({ description: '40401: no such subject; 40402: no such version; 40403: no such schema id.', example: 40401 })
  error_code!: number;

  @ApiProperty({ description: 'What was not found.', example: "Subject 'smi.nothing-value' not found." })
  message!: string;
}

/** A lookup: is this schema one of the subject's versions? */
export class SchemaLookupDto {
  @ApiProperty({
    description: 'The Avro schema, as JSON text.',
    example: '{"type":"record","name":"StockMovement","namespace":"dev.smi.inventory","fields":[...]}',
  })
  schema!: string;

  @ApiProperty({ description: 'Only `AVRO` (the default) is served.', example: 'AVRO', required: false })
  schemaType?: string;
}
