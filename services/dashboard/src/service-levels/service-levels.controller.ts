import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import { html } from '../html/html';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import type { DashboardRequest } from '../session/session.middleware';
import { isMonth, KpisAnswer, PenaltyView, Scorecard } from './service-levels';
import { agreementMeasure, monthNavigation, penaltiesTable } from './service-levels.view';

/** The buyer's month: each agreement's KPIs and twelve-month scorecard trend, and the month's penalties. */
@Controller('service-levels')
export class ServiceLevelsController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Req() request: DashboardRequest, @Query('period') period?: unknown): Promise<string> {
    const viewer = request.viewer!;
    // Without a month, sla-monitor's business clock says which is current.
    const kpis = await this.api.get<KpisAnswer>('sla-monitor', `/kpis${isMonth(period) ? `?period=${period}` : ''}`, viewer.apiKey);
    if (!kpis.ok)
      return page(
        viewer,
        '/service-levels',
        'Service levels',
        answered(kpis, () => null),
      ).text;
    const month = kpis.value.period.id;
    const [penalties, ...scorecards] = await Promise.all([
      this.api.get<PenaltyView[]>('sla-monitor', `/penalties?period=${month}`, viewer.apiKey),
      ...kpis.value.agreements.map((a) =>
        this.api.get<Scorecard>(
          'sla-monitor',
          `/agreements/${encodeURIComponent(a.agreementId)}/scorecard?period=${month}&format=json`,
          viewer.apiKey,
        ),
      ),
    ]);
    return page(
      viewer,
      '/service-levels',
      'Service levels',
      html`${monthNavigation('/service-levels', month)}
        ${kpis.value.agreements.map((measure, i) => agreementMeasure(measure, scorecards[i] as (typeof scorecards)[number], `trend-${i}`))}
        <h2>Penalties of ${month}</h2>
        ${answered(penalties, penaltiesTable)}`,
    ).text;
  }
}
