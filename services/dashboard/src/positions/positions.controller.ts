import { Controller, Get, Header, Req } from '@nestjs/common';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import type { DashboardRequest } from '../session/session.middleware';
import { StockProjection } from '../stock/stock-projection';
import { positionsTable } from './positions.view';
import { AgreementVersionView, byUrgency, leadTimesFrom } from './urgency';

/** Every buyer's line the supplier serves, most urgent first (days of cover against the agreed lead time). */
@Controller('positions')
export class PositionsController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    const [projections, agreements] = await Promise.all([
      this.api.get<StockProjection[]>('replenishment', '/stock-projections?horizonDays=60', viewer.apiKey),
      this.api.get<AgreementVersionView[]>('replenishment', '/agreements?status=active', viewer.apiKey),
    ]);
    const leadTimeOf = leadTimesFrom(agreements.ok ? agreements.value : []);
    return page(
      viewer,
      '/positions',
      'Buyers by urgency',
      answered(projections, (list) => positionsTable(byUrgency(list, leadTimeOf))),
    ).text;
  }
}
