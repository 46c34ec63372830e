import { Controller, Get, Header, Req } from '@nestjs/common';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import type { DashboardRequest } from '../session/session.middleware';
import { StockProjection } from './stock-projection';
import { stockSection } from './stock.view';

/** The buyer's stock: each of its site x item lines, with where its stock is heading over the next four weeks. */
@Controller('stock')
export class StockController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    const projections = await this.api.get<StockProjection[]>('replenishment', '/stock-projections?horizonDays=28', viewer.apiKey);
    return page(viewer, '/stock', 'Stock', answered(projections, stockSection)).text;
  }
}
