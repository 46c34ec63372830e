import { Controller, Get, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { AgreementBook } from '@smi/agreements';
import { ApiFilterRefusal, asDto, AuthenticatedRequest, optionalQueryText } from '@smi/service-kit';
import { DemandForecastRepository } from './demand-forecast.repository';
import { DemandForecastDto, ForecastMethodScoreDto } from './forecasts.dto';

/** Latest demand forecast per site x item: a buyer sees its own; a supplier, those its agreements cover; an operator, all. */
@ApiTags('forecasts')
@Controller('forecasts')
export class ForecastsHttpController {
  constructor(
    private readonly forecasts: DemandForecastRepository,
    private readonly agreements: AgreementBook,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The latest demand forecast of each site x item, with its uncertainty and how its method was chosen',
    description:
      'One forecast per site x item, ordered by buyer, site and item: expected demand per period over the horizon, the ' +
      'error spread replenishment sets safety stock from, and the backtest scores of the methods tried. A buyer sees its own; ' +
      'a supplier, the site x items its agreements cover; an operator, all.',
  })
  @ApiQuery({ name: 'siteId', required: false, description: 'Only this site.', example: 'plant-lyon' })
  @ApiQuery({ name: 'itemId', required: false, description: 'Only this item.', example: 'brake-pad' })
  @ApiOkResponse({ description: 'The forecasts the caller may see.', type: [DemandForecastDto] })
  @ApiFilterRefusal()
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('siteId') siteIdParam?: unknown,
    @Query('itemId') itemIdParam?: unknown,
  ): Promise<DemandForecastDto[]> {
    const filter = { siteId: optionalQueryText(siteIdParam, 'siteId'), itemId: optionalQueryText(itemIdParam, 'itemId') };
    return (await this.visible(request, filter)).map((forecast) =>
      asDto(DemandForecastDto, { ...forecast, methodScores: forecast.methodScores.map((score) => asDto(ForecastMethodScoreDto, score)) }),
    );
  }

  private async visible(request: AuthenticatedRequest, filter: { siteId?: string; itemId?: string }) {
    const party = request.party;
    if (party.kind === 'operator') return this.forecasts.listAll(filter);
    if (party.kind === 'buyer') return this.forecasts.listForBuyers([party.id], filter);
    const coverage = this.agreements.coverageOf(party.id);
    return (await this.forecasts.listForBuyers(coverage.buyerIds, filter)).filter(coverage.covers);
  }
}
