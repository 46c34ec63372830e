import { BadRequestException, Controller, Get, Query, Req } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest } from '@smi/service-kit';
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
    const filter = { siteId: optionalText(siteIdParam, 'siteId'), itemId: optionalText(itemIdParam, 'itemId') };
    const party = request.party;
    if (party.kind === 'operator') return this.forecasts.listAll(filter);
    if (party.kind === 'buyer') return this.forecasts.listForBuyers([party.id], filter);
    const agreements = this.agreements.agreementsOf(party.id);
    const covered = new Set(agreements.flatMap((a) => a.lines.map((l) => `${a.buyerId}|${l.siteId}|${l.itemId}`)));
    const forecasts = await this.forecasts.listForBuyers([...new Set(agreements.map((a) => a.buyerId))], filter);
    return forecasts.filter((f) => covered.has(`${f.buyerId}|${f.siteId}|${f.itemId}`));
  }
}

const MAX_ID_LENGTH = 200;

/** An optional text filter from the query string: absent is fine, but empty, repeated or overlong is a caller's mistake. */
function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${field} must be given at most once, as text`);
  if (value.trim().length === 0) throw new BadRequestException(`${field} must not be empty`);
  if (value.length > MAX_ID_LENGTH) throw new BadRequestException(`${field} must be at most ${MAX_ID_LENGTH} characters`);
  return value;
}
