import { ApiProperty } from '@nestjs/swagger';
import { SERVICE_LEVEL_MEASURES, ServiceLevelTarget } from '@smi/agreements';

/** The service level an agreement line promises, as every API that shows a line's terms describes it. */
export class ServiceLevelTargetDto implements ServiceLevelTarget {
  @ApiProperty({
    description: 'cycle-service-level: chance of no stockout per replenishment cycle; fill-rate: share of demand met from stock.',
    enum: SERVICE_LEVEL_MEASURES,
    example: 'fill-rate',
  })
  measure!: ServiceLevelTarget['measure'];

  @ApiProperty({ description: 'Between 0 and 1 exclusive.', example: 0.95 })
  target!: number;
}
