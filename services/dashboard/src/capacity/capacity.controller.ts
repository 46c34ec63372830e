import { Controller, Get, Header, Req } from '@nestjs/common';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import type { DashboardRequest } from '../session/session.middleware';
import { capacityByItem, CapacityRequestView, CapacityView } from './capacity';
import { capacitySection } from './capacity.view';

/** The supplier's capacity per item and the orders waiting for it, in the order the allocation will serve them. */
@Controller('capacity')
export class CapacityController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    const [capacities, requests] = await Promise.all([
      this.api.get<CapacityView[]>('replenishment', '/supplier-capacities', viewer.apiKey),
      this.api.get<CapacityRequestView[]>('replenishment', '/capacity-requests', viewer.apiKey),
    ]);
    return page(
      viewer,
      '/capacity',
      'Capacity',
      answered(capacities, (declared) => answered(requests, (claims) => capacitySection(capacityByItem(declared, claims)))),
    ).text;
  }
}
