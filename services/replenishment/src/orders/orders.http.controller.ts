import { Controller, Get, Query, Req } from '@nestjs/common';
import { AuthenticatedRequest, optionalQueryChoice, optionalQueryText } from '@smi/service-kit';
import { ORDER_STATUSES } from './order.entity';
import { OrdersRepository } from './orders.repository';

/** Replenishment orders: a buyer sees those for its sites; a supplier, those it must deliver; an operator, all. */
@Controller('orders')
export class OrdersHttpController {
  constructor(private readonly orders: OrdersRepository) {}

  @Get()
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('status') status?: unknown,
    @Query('siteId') siteId?: unknown,
    @Query('itemId') itemId?: unknown,
  ) {
    const filter = {
      status: optionalQueryChoice(status, 'status', ORDER_STATUSES),
      siteId: optionalQueryText(siteId, 'siteId'),
      itemId: optionalQueryText(itemId, 'itemId'),
    };
    const party = request.party;
    if (party.kind === 'buyer') return this.orders.list({ ...filter, buyerId: party.id });
    if (party.kind === 'supplier') return this.orders.list({ ...filter, supplierId: party.id });
    return this.orders.list(filter);
  }
}
