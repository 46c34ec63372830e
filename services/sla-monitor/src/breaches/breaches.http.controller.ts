import { BadRequestException, Controller, Get, Query, Req } from '@nestjs/common';
import { BreachKind, BreachKindValues, SlaBreach } from '@smi/contracts';
import { AuthenticatedRequest } from '@smi/service-kit';
import { isPeriod } from '../stockouts/sla-period';
import { breachScopeOf, SlaBreachRepository } from './sla-breach.repository';

/** Stockouts recorded (and PENALTY breaches of earlier versions; penalties are now on GET /penalties): a buyer or supplier sees those of its agreements; an operator, all. */
@Controller('breaches')
export class BreachesHttpController {
  constructor(private readonly breaches: SlaBreachRepository) {}

  @Get()
  async list(@Req() request: AuthenticatedRequest, @Query('kind') kind?: string, @Query('period') period?: string): Promise<SlaBreach[]> {
    if (kind !== undefined && !(BreachKindValues as readonly string[]).includes(kind)) {
      throw new BadRequestException(`kind must be one of ${BreachKindValues.join(', ')}`);
    }
    if (period !== undefined && !isPeriod(period)) throw new BadRequestException(`period must be YYYY-MM (got ${period})`);
    return this.breaches.list(breachScopeOf(request.party), { kind: kind as BreachKind | undefined, period });
  }
}
