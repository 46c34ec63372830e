import { BadRequestException, Controller, Get, Query, Req } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { BreachKind, BreachKindValues } from '@smi/contracts';
import { AuthenticatedRequest } from '@smi/service-kit';
import { isPeriod } from '../stockouts/sla-period';
import { SlaBreachDto } from './breaches.dto';
import { breachScopeOf, SlaBreachRepository } from './sla-breach.repository';

/** Stockouts recorded (and PENALTY breaches of earlier versions; penalties are now on GET /penalties): a buyer or supplier sees those of its agreements; an operator, all. */
@ApiTags('breaches')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
@Controller('breaches')
export class BreachesHttpController {
  constructor(private readonly breaches: SlaBreachRepository) {}

  @Get()
  @ApiOperation({
    summary: 'The stockouts recorded on your agreements',
    description:
      'Every stockout the monitor recorded (on-hand at or below zero on an agreement line), oldest first, with how many the month counts ' +
      'and the allowance; PENALTY breaches of earlier versions too (penalties are now on GET /penalties). A buyer or supplier sees ' +
      'those of its own agreements; an operator, all.',
  })
  @ApiQuery({ name: 'kind', required: false, enum: BreachKindValues, description: 'Only breaches of this kind.' })
  @ApiQuery({ name: 'period', required: false, description: 'Only breaches counted in this month (YYYY-MM).', example: '2026-03' })
  @ApiOkResponse({ description: 'The breaches, oldest first.', type: [SlaBreachDto] })
  @ApiBadRequestResponse({ description: 'kind is not STOCKOUT or PENALTY, or period is not a month YYYY-MM.' })
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('kind') kind?: string,
    @Query('period') period?: string,
  ): Promise<SlaBreachDto[]> {
    if (kind !== undefined && !(BreachKindValues as readonly string[]).includes(kind)) {
      throw new BadRequestException(`kind must be one of ${BreachKindValues.join(', ')}`);
    }
    if (period !== undefined && !isPeriod(period)) throw new BadRequestException(`period must be YYYY-MM (got ${period})`);
    return this.breaches.list(breachScopeOf(request.party), { kind: kind as BreachKind | undefined, period });
  }
}
