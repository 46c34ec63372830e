import { BadRequestException, Controller, Get, Query, Req } from '@nestjs/common';
import { AuthenticatedRequest } from '@smi/service-kit';
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
      status: optionalChoice(status, 'status', ORDER_STATUSES),
      siteId: optionalText(siteId, 'siteId'),
      itemId: optionalText(itemId, 'itemId'),
    };
    const party = request.party;
    if (party.kind === 'buyer') return this.orders.list({ ...filter, buyerId: party.id });
    if (party.kind === 'supplier') return this.orders.list({ ...filter, supplierId: party.id });
    return this.orders.list(filter);
  }
}

const MAX_ID_LENGTH = 200;

/** An optional text filter from the query string: absent is fine, but empty, repeated or overlong is a caller's mistake. */
function optionalText(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${field} must be given at most once, as text`);
  if (value.trim().length === 0) throw new BadRequestException(`${field} must not be empty`);
  if (value.length > MAX_ID_LENGTH) throw new BadRequestException(`${field} must be at most ${MAX_ID_LENGTH} characters`);
  return value;
}

/** An optional filter that must be one of a few words. */
function optionalChoice<T extends string>(value: unknown, field: string, choices: readonly T[]): T | undefined {
  const text = optionalText(value, field);
  if (text === undefined) return undefined;
  if (!(choices as readonly string[]).includes(text)) throw new BadRequestException(`${field} must be one of ${choices.join(', ')} (got ${text})`);
  return text as T;
}
