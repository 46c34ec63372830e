import { Controller, Get, Req, Res } from '@nestjs/common';
import { platformMetrics } from '@smi/metrics';
import type { Response } from 'express';
import { AuthenticatedRequest, operatorOnly } from './api-key.guard';

/**
 * The service's Prometheus metrics, for operators only (`authorization: Bearer <operator key>`
 * in a scrape config): counts hold every tenant's traffic, so others are told the route does not exist.
 */
@Controller('metrics')
export class MetricsHttpController {
  @Get()
  async metrics(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<string> {
    operatorOnly(request);
    const metrics = platformMetrics();
    const text = await metrics.exposition();
    response.type(metrics.contentType);
    return text;
  }
}
