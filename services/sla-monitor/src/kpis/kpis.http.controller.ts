import { BadRequestException, Controller, Get, Query, Req } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest } from '@smi/service-kit';
import { breachScopeOf, SlaBreachRepository } from '../breaches/sla-breach.repository';
import { isPeriod } from '../stockouts/sla-period';
import { kpisFor, LineKpi } from './sla-kpis';

/** Per agreement line, stockouts and penalties of a month: a buyer or supplier sees its own agreements; an operator, all. */
@Controller('kpis')
export class KpisHttpController {
  constructor(
    private readonly breaches: SlaBreachRepository,
    private readonly agreements: AgreementBook,
  ) {}

  @Get()
  async kpis(@Req() request: AuthenticatedRequest, @Query('period') period?: string): Promise<LineKpi[]> {
    if (period === undefined || !isPeriod(period))
      throw new BadRequestException(`period is required as YYYY-MM${period === undefined ? '' : ` (got ${period})`}`);
    const party = request.party;
    const agreements = party.kind === 'operator' ? this.agreements.agreements : this.agreements.agreementsOf(party.id);
    const breaches = await this.breaches.list(breachScopeOf(party), { period });
    return kpisFor(period, agreements, breaches);
  }
}
