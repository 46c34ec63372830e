import { BadRequestException, Controller, Get, NotFoundException, Query, Req } from '@nestjs/common';
import { AgreementBook } from '@smi/agreements';
import { AuthenticatedRequest, BusinessClock } from '@smi/service-kit';
import { dayOf, monthOf, parsePeriod, Period, periodProblem } from '@smi/service-levels';
import { AgreementReport } from './kpi-report';
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
@Controller('kpis')
export class KpisHttpController {
  constructor(
    private readonly measure: MeasureKpis,
    private readonly agreements: AgreementBook,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  async kpis(
    @Req() request: AuthenticatedRequest,
    @Query('period') periodText?: string,
    @Query('agreementId') agreementId?: string,
  ): Promise<KpisAnswer> {
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
