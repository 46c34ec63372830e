import { BadRequestException, Controller, Get, NotFoundException, Query, Req } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest, BusinessClock } from '@smi/service-kit';
import { dayOf, monthOf, parsePeriod, Period, periodProblem } from '@smi/service-levels';
import { AgreementReport } from './kpi-report';
import { KpisDto } from './kpis.dto';
import { agreementsVisibleTo, MeasureKpis } from './measure-kpis.use-case';

export interface KpisAnswer {
  period: Period;
  agreements: AgreementReport[];
}

/**
 * Every KPI per agreement line and per agreement over a day (YYYY-MM-DD), an ISO week (YYYY-Www)
 * or a month (YYYY-MM), the current month by the business clock when none is given. Each KPI comes
 * with what it is counted from. A buyer or supplier sees its own agreements; an operator, all.
 */
@ApiTags('kpis')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
@Controller('kpis')
export class KpisHttpController {
  constructor(
    private readonly measure: MeasureKpis,
    private readonly agreements: AgreementBook,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Service-level KPIs of your agreements for a day, week or month',
    description:
      'Every KPI per agreement line and per agreement (stockout rate and episodes, fill rate, time inside the min/max band, order ' +
      'accuracy, on-time delivery, lead-time adherence, inventory turnover, forecast accuracy) over a day, an ISO week or a month; ' +
      'the current month by the business clock when no period is given, measured so far. Each KPI comes with what it is counted ' +
      'from. A buyer or supplier sees its own agreements; an operator, all.',
  })
  @ApiQuery({
    name: 'period',
    required: false,
    description: 'A day (YYYY-MM-DD), an ISO week (YYYY-Www) or a month (YYYY-MM); default the current month.',
    example: '2026-03',
  })
  @ApiQuery({ name: 'agreementId', required: false, description: 'Only this agreement.', example: 'AGR-ACME-NW-2026' })
  @ApiOkResponse({ description: 'The period measured and one report per agreement.', type: KpisDto })
  @ApiBadRequestResponse({ description: 'period is not a day, an ISO week or a month.' })
  @ApiNotFoundResponse({ description: 'agreementId names no agreement the caller may see.' })
  async kpis(
    @Req() request: AuthenticatedRequest,
    @Query('period') periodText?: string,
    @Query('agreementId') agreementId?: string,
  ): Promise<KpisDto> {
    const period = parsePeriod(periodText ?? monthOf(dayOf(this.clock.now())));
    if (!period) throw new BadRequestException(periodProblem(periodText, 'period'));
    let agreements = agreementsVisibleTo(this.agreements, request.party);
    if (agreementId !== undefined) {
      agreements = agreements.filter((a) => a.agreementId === agreementId);
      if (agreements.length === 0) throw new NotFoundException(`agreement ${agreementId} not found`);
    }
    const [reports] = await this.measure.execute(agreements, [period]);
    return { period, agreements: reports };
  }
}
