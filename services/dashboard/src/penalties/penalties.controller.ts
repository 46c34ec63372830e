import { Controller, Get, Header, Query, Req } from '@nestjs/common';
import { html } from '../html/html';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import { DisputeView, isMonth, KpisAnswer, PenaltyView } from '../service-levels/service-levels';
import { disputesTable, monthNavigation, penaltiesTable } from '../service-levels/service-levels.view';
import type { DashboardRequest } from '../session/session.middleware';

/** The supplier's penalties of a month and every dispute it opened, with the buyer's decision. */
@Controller('penalties')
export class PenaltiesController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Req() request: DashboardRequest, @Query('period') period?: unknown): Promise<string> {
    const viewer = request.viewer!;
    const month = isMonth(period) ? period : await this.currentMonth(viewer.apiKey);
    const [penalties, disputes] = await Promise.all([
      this.api.get<PenaltyView[]>('sla-monitor', `/penalties${month ? `?period=${month}` : ''}`, viewer.apiKey),
      this.api.get<DisputeView[]>('sla-monitor', '/disputes', viewer.apiKey),
    ]);
    return page(
      viewer,
      '/penalties',
      'Penalties and disputes',
      html`${month ? monthNavigation('/penalties', month) : null}
        <h2>Penalties${month ? ` of ${month}` : ''}</h2>
        ${answered(penalties, penaltiesTable)}
        <h2>Disputes</h2>
        ${answered(disputes, disputesTable)}`,
    ).text;
  }

  /** The month sla-monitor's business clock is in (its KPIs default to it); none when it does not answer. */
  private async currentMonth(apiKey: string): Promise<string | undefined> {
    const kpis = await this.api.get<KpisAnswer>('sla-monitor', '/kpis', apiKey);
    return kpis.ok ? kpis.value.period.id : undefined;
  }
}
