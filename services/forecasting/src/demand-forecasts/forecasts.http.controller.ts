import { Controller, Get, Query, Req } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest, optionalQueryText } from '@smi/service-kit';
import { DemandForecastRepository } from './demand-forecast.repository';

/** Latest demand forecast per site x item: a buyer sees its own; a supplier, those its agreements cover; an operator, all. */
@Controller('forecasts')
export class ForecastsHttpController {
  constructor(
    private readonly forecasts: DemandForecastRepository,
    private readonly agreements: AgreementBook,
  ) {}

  @Get()
  async list(@Req() request: AuthenticatedRequest, @Query('siteId') siteIdParam?: unknown, @Query('itemId') itemIdParam?: unknown) {
    const filter = { siteId: optionalQueryText(siteIdParam, 'siteId'), itemId: optionalQueryText(itemIdParam, 'itemId') };
    const party = request.party;
    if (party.kind === 'operator') return this.forecasts.listAll(filter);
    if (party.kind === 'buyer') return this.forecasts.listForBuyers([party.id], filter);
    const coverage = this.agreements.coverageOf(party.id);
    return (await this.forecasts.listForBuyers(coverage.buyerIds, filter)).filter(coverage.covers);
  }
}
