import { Controller, Get, Header, Req } from '@nestjs/common';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import type { DashboardRequest } from '../session/session.middleware';
import { AccuracyView, forecastRows, ForecastView } from './forecasts';
import { forecastsTable } from './forecasts.view';

/** The demand forecasts of the supplier's lines, with the method chosen and how accurate it has been. */
@Controller('forecasts')
export class ForecastsController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    const [forecasts, accuracy] = await Promise.all([
      this.api.get<ForecastView[]>('forecasting', '/forecasts', viewer.apiKey),
      this.api.get<AccuracyView[]>('forecasting', '/forecast-accuracy', viewer.apiKey),
    ]);
    return page(
      viewer,
      '/forecasts',
      'Forecasts',
      answered(forecasts, (list) => forecastsTable(forecastRows(list, accuracy.ok ? accuracy.value : []))),
    ).text;
  }
}
