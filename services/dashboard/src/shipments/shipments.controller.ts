import { Controller, Get, Header, Req } from '@nestjs/common';
import { html } from '../html/html';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import type { DashboardRequest } from '../session/session.middleware';
import { ShipmentView } from './shipment';
import { shipmentsTable } from './shipments.view';

/** The buyer's shipments on their way (dispatched) and those planned but not yet left. */
@Controller('shipments')
export class ShipmentsController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    const [inTransit, planned] = await Promise.all([
      this.api.get<ShipmentView[]>('shipment', '/shipments?status=DISPATCHED', viewer.apiKey),
      this.api.get<ShipmentView[]>('shipment', '/shipments?status=PLANNED', viewer.apiKey),
    ]);
    return page(
      viewer,
      '/shipments',
      'Shipments',
      html`<h2>In transit</h2>
        ${answered(inTransit, (list) => shipmentsTable(list, 'Nothing is on its way to you.'))}
        <h2>Planned, not yet dispatched</h2>
        ${answered(planned, (list) => shipmentsTable(list, 'No shipment is planned.'))}`,
    ).text;
  }
}
