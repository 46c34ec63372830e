import { ApiProperty } from '@nestjs/swagger';

export class ForecastRunDto {
  @ApiProperty({
    description: 'Site x items that got a new forecast (their periods closed since the last run); 0 when a run was already under way.',
    example: 42,
  })
  seriesForecast!: number;
}
