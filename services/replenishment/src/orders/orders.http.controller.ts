import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  ForbiddenException,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { textProblem } from '@smi/agreements';
import { AuthenticatedRequest, BusinessClock, optionalQueryChoice, optionalQueryText, Party } from '@smi/service-kit';
import { UnitOfWork } from '@smi/messaging';
import { ActionResult, maySee, OPEN_ORDER_STATUSES, OrderAction, ORDER_STATUSES, OrderStatus, unknownOrder } from './order-lifecycle';
import { OrderRow } from './order.entity';
import { OrderHistoryEntry, OrdersRepository } from './orders.repository';
import { TakeOrderActions } from './take-order-actions.use-case';

type OrderWithHistory = OrderRow & { history: OrderHistoryEntry[] };

/** `open` stands for both statuses that count as on order. */
const STATUS_FILTERS = ['open', ...ORDER_STATUSES] as const;

/**
 * Replenishment orders: a buyer sees those for its sites; a supplier, those it
 * must deliver; an operator, all. The buyer (or an operator) approves an order
 * awaiting approval, or rejects it, or vetoes a released one within its veto window.
 */
@Controller('orders')
export class OrdersHttpController {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly takeActions: TakeOrderActions,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('status') status?: unknown,
    @Query('siteId') siteId?: unknown,
    @Query('itemId') itemId?: unknown,
  ): Promise<OrderRow[]> {
    const chosen = optionalQueryChoice(status, 'status', STATUS_FILTERS);
    const filter = {
      statuses: chosen === undefined ? undefined : chosen === 'open' ? OPEN_ORDER_STATUSES : [chosen as OrderStatus],
      siteId: optionalQueryText(siteId, 'siteId'),
      itemId: optionalQueryText(itemId, 'itemId'),
    };
    const party = request.party;
    if (party.kind === 'buyer') return this.orders.list({ ...filter, buyerId: party.id });
    if (party.kind === 'supplier') return this.orders.list({ ...filter, supplierId: party.id });
    return this.orders.list(filter);
  }

  /** The order with its explanation and every step of its life. */
  @Get(':orderId')
  async get(@Req() request: AuthenticatedRequest, @Param('orderId') orderId: string): Promise<OrderWithHistory> {
    const order = await this.withHistory(orderId);
    // An order of other parties answers as one that does not exist.
    if (!maySee(order, request.party)) throw new NotFoundException(unknownOrder(orderId));
    return order;
  }

  @Post(':orderId/approve')
  @HttpCode(HttpStatus.OK)
  async approve(@Req() request: AuthenticatedRequest, @Param('orderId') orderId: string): Promise<OrderWithHistory> {
    return this.take(orderId, { kind: 'approve', by: actorOf(request.party), at: this.clock.now() });
  }

  @Post(':orderId/reject')
  @HttpCode(HttpStatus.OK)
  async reject(@Req() request: AuthenticatedRequest, @Param('orderId') orderId: string, @Body() body: unknown): Promise<OrderWithHistory> {
    return this.take(orderId, { kind: 'reject', by: actorOf(request.party), at: this.clock.now(), reason: reasonIn(body) });
  }

  /** The caller gets the order as it stands after the step. */
  private async take(orderId: string, action: OrderAction): Promise<OrderWithHistory> {
    const [result] = await this.unitOfWork.run((tx) => this.takeActions.execute([{ orderId, action }], tx));
    if (result.kind !== 'moved') throw httpErrorFor(result);
    return this.withHistory(orderId);
  }

  private async withHistory(orderId: string): Promise<OrderWithHistory> {
    const order = await this.orders.find(orderId);
    if (!order) throw new NotFoundException(unknownOrder(orderId));
    return { ...order, history: await this.orders.history(orderId) };
  }
}

/** The buyer's reason for rejecting: required, so the supplier learns why. */
function reasonIn(body: unknown): string {
  const reason = (body as { reason?: unknown } | undefined)?.reason;
  if (typeof reason !== 'string' || reason.trim().length === 0)
    throw new BadRequestException('reason is required: say why the order is rejected');
  const problem = textProblem(reason, 'text');
  if (problem) throw new BadRequestException(`reason ${problem}`);
  return reason;
}

const actorOf = (party: Party) => ({ id: party.id, kind: party.kind });

function httpErrorFor(result: Exclude<ActionResult, { kind: 'moved' }>): Error {
  if (result.kind === 'unknown') return new NotFoundException(result.message);
  if (result.refusal === 'forbidden') return new ForbiddenException(result.message);
  if (result.refusal === 'invalid') return new BadRequestException(result.message);
  return new ConflictException(result.message);
}
