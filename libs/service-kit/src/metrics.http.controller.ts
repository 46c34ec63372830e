import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { platformMetrics } from '@smi/metrics';
import type { Response } from 'express';
import { ApiRefusal } from './api-docs';
import { AuthenticatedRequest, operatorOnly } from './api-key.guard';

/**
 * The service's Prometheus metrics, for operators only (`authorization: Bearer <operator key>`
 * in a scrape config): counts hold every tenant's traffic, so others are told the route does not exist.
 */
@ApiTags('metrics')
@Controller('metrics')
export class MetricsHttpController {
  @Get()
  @ApiOperation({
    summary: "The service's metrics for Prometheus (operators only)",
    description:
      'Prometheus text format: HTTP requests and latency per route pattern; records consumed, applied, repeated and ' +
      'dead-lettered per topic; batch sizes; outbox depth and relay latency; forecast and planning durations; consumer ' +
      "lag per group, topic and partition under kafka_exporter's names (`kafka_consumergroup_lag`, " +
      '`kafka_consumergroup_lag_sum`), read from the broker at scrape. A scrape config sends the operator key as a bearer token.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({
    description: 'The metrics, one sample a line.',
    schema: { type: 'string', example: 'kafka_consumergroup_lag_sum{consumergroup="smi.replenishment",topic="smi.stock-levels.v1"} 0\n' },
  })
  @ApiRefusal(404, 'The caller is not an operator: the route is not there for buyers and suppliers.')
  async metrics(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<string> {
    operatorOnly(request);
    const metrics = platformMetrics();
    const text = await metrics.exposition();
    response.type(metrics.contentType);
    return text;
  }
}
