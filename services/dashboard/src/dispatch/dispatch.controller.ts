import { Controller, Get, Header, Req } from '@nestjs/common';
import { html } from '../html/html';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import type { DashboardRequest } from '../session/session.middleware';
import { ShipmentView } from '../shipments/shipment';
import { shipmentsTable } from '../shipments/shipments.view';

/** The supplier's orders to dispatch: its planned shipments (a line per released order), soonest due first, and what is on its way. */
@Controller('dispatch')
export class DispatchController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    const [planned, inTransit] = await Promise.all([
      this.api.get<ShipmentView[]>('shipment', '/shipments?status=PLANNED', viewer.apiKey),
      this.api.get<ShipmentView[]>('shipment', '/shipments?status=DISPATCHED', viewer.apiKey),
    ]);
    return page(
      viewer,
      '/dispatch',
      'Orders to dispatch',
      html`<h2>To dispatch</h2>
        ${answered(planned, (list) => shipmentsTable(list, 'Nothing waits to be dispatched.', { showBuyer: true }))}
        <h2>In transit</h2>
        ${answered(inTransit, (list) => shipmentsTable(list, 'Nothing is on its way.', { showBuyer: true }))}`,
    ).text;
  }
}
