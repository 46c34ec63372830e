import { ApiProperty } from '@nestjs/swagger';

const UP_OR_DOWN = ['up', 'down'];

export class HealthDto {
  @ApiProperty({ description: 'The service answering.', example: 'inventory-ingest' })
  service!: string;

  @ApiProperty({ description: "'up' when both the database and the broker answer.", enum: UP_OR_DOWN, example: 'up' })
  status!: 'up' | 'down';

  @ApiProperty({ description: 'Whether Postgres answered a query.', enum: UP_OR_DOWN, example: 'up' })
  database!: 'up' | 'down';

  @ApiProperty({ description: 'Whether the Kafka cluster answered within 3 s.', enum: UP_OR_DOWN, example: 'up' })
  kafka!: 'up' | 'down';
}
