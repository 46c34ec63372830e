import { ApiProperty } from '@nestjs/swagger';

/** Every refusal has this shape, whether Nest, the hardening middleware or a controller answers it. */
export class ApiErrorDto {
  @ApiProperty({ description: 'The HTTP status, repeated.', example: 404 })
  statusCode!: number;

  @ApiProperty({
    description: 'What was wrong, in words; some refusals list each problem in `problems` as well.',
    example: 'no such dead letter',
  })
  message!: string;

  @ApiProperty({ description: "The status's reason phrase.", example: 'Not Found' })
  error!: string;
}
