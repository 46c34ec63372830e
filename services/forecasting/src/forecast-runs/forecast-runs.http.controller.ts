import { Controller, ForbiddenException, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { AuthenticatedRequest } from '@smi/service-kit';
import { ForecastRun } from './forecast-run.sweep';

/** An operator runs the batch now rather than at the next interval. */
@Controller('forecast-runs')
export class ForecastRunsHttpController {
  constructor(private readonly run: ForecastRun) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  async start(@Req() request: AuthenticatedRequest): Promise<{ seriesForecast: number }> {
    if (request.party.kind !== 'operator')
      throw new ForbiddenException(`only an operator starts a forecast run (${request.party.id} is a ${request.party.kind})`);
    return { seriesForecast: await this.run.runOnce() };
  }
}
