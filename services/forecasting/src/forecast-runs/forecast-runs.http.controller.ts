import { Controller, ForbiddenException, HttpCode, HttpStatus, Post, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiRefusal, AuthenticatedRequest } from '@smi/service-kit';
import { ForecastRun } from './forecast-run.sweep';
import { ForecastRunDto } from './forecast-runs.dto';

/** An operator runs the batch now rather than at the next interval. */
@ApiTags('forecast-runs')
@Controller('forecast-runs')
export class ForecastRunsHttpController {
  constructor(private readonly run: ForecastRun) {}

  @Post()
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Runs the forecast batch now, rather than at the next interval',
    description:
      'Closes the periods that ended and forecasts every site x item whose periods closed, as the scheduled run does, ' +
      'and answers when it is done. No body. Operators only.',
  })
  @ApiOkResponse({ description: 'The run is done.', type: ForecastRunDto })
  @ApiRefusal(403, 'The caller is not an operator.')
  async start(@Req() request: AuthenticatedRequest): Promise<ForecastRunDto> {
    if (request.party.kind !== 'operator')
      throw new ForbiddenException(`only an operator starts a forecast run (${request.party.id} is a ${request.party.kind})`);
    return { seriesForecast: await this.run.runOnce() };
  }
}
