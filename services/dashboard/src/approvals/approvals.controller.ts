import { Body, Controller, Get, Header, Param, Post, Req, Res } from '@nestjs/common';
import type { Response } from 'express';
import { answered, page } from '../layout/layout.view';
import { PlatformApi } from '../platform/platform-api.adapter';
import type { DashboardRequest } from '../session/session.middleware';
import { approvalsSection, decidedRow } from './approvals.view';
import { Order } from './order';

/** The buyer's orders awaiting approval, and its two decisions on each (replenishment decides whether they stand). */
@Controller('approvals')
export class ApprovalsController {
  constructor(private readonly api: PlatformApi) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(@Req() request: DashboardRequest): Promise<string> {
    const viewer = request.viewer!;
    const orders = await this.api.get<Order[]>('replenishment', '/orders?status=awaiting-approval', viewer.apiKey);
    return page(
      viewer,
      '/approvals',
      'Orders to approve',
      answered(orders, (list) => approvalsSection(list, viewer.csrfToken)),
    ).text;
  }

  @Post(':orderId/approve')
  async approve(@Req() request: DashboardRequest, @Res() response: Response, @Param('orderId') orderId: string): Promise<void> {
    await this.decide(request, response, orderId, 'approve', {});
  }

  @Post(':orderId/reject')
  async reject(
    @Req() request: DashboardRequest,
    @Res() response: Response,
    @Param('orderId') orderId: string,
    @Body() body: { reason?: unknown },
  ): Promise<void> {
    await this.decide(request, response, orderId, 'reject', { reason: typeof body?.reason === 'string' ? body.reason : '' });
  }

  /** htmx gets the row as it now stands; a plain form post goes back to the list. */
  private async decide(request: DashboardRequest, response: Response, orderId: string, action: string, body: object): Promise<void> {
    const answer = await this.api.post<Order>(
      'replenishment',
      `/orders/${encodeURIComponent(orderId)}/${action}`,
      request.viewer!.apiKey,
      body,
    );
    if (!request.headers['hx-request']) return response.redirect(303, '/approvals');
    const row = answer.ok ? decidedRow(orderId, { order: answer.value }) : decidedRow(orderId, { refusal: answer.message });
    response.type('html').send(row.text);
  }
}
