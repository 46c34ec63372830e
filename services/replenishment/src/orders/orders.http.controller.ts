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
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { textProblem } from '@smi/agreements';
import { AuthenticatedRequest, BusinessClock, optionalQueryChoice, optionalQueryText, Party } from '@smi/service-kit';
import { UnitOfWork } from '@smi/messaging';
import { ActionResult, maySee, OPEN_ORDER_STATUSES, OrderAction, ORDER_STATUSES, OrderStatus, unknownOrder } from './order-lifecycle';
import { OrderDto, orderDtoOf, OrderWithHistoryDto, RejectOrderRequestDto } from './orders.dto';
import { OrdersRepository } from './orders.repository';
import { TakeOrderActions } from './take-order-actions.use-case';

const ORDER_ID = { name: 'orderId', description: 'The order.', example: 'ORD-3F9A1C2B7D4E5F60' };
const NOT_KNOWN = { description: 'No such order, or one of other parties (it answers the same, so an id confirms nothing).' };

/** `open` stands for both statuses that count as on order. */
const STATUS_FILTERS = ['open', ...ORDER_STATUSES] as const;

/**
 * Replenishment orders: a buyer sees those for its sites; a supplier, those it
 * must deliver; an operator, all. The buyer (or an operator) approves an order
 * awaiting approval, or rejects it, or vetoes a released one within its veto window.
 */
@ApiTags('orders')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
@Controller('orders')
export class OrdersHttpController {
  constructor(
    private readonly orders: OrdersRepository,
    private readonly takeActions: TakeOrderActions,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: BusinessClock,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'The replenishment orders you may see',
    description:
      'Orders the engine decided, oldest first, each with its explanation (every input of the decision and every rounding step) ' +
      'and where it stands: awaiting approval, released, rejected, expired or received, with what was dispatched and received. ' +
      'A buyer sees those for its sites; a supplier, those it must deliver; an operator, all.',
  })
  @ApiQuery({
    name: 'status',
    required: false,
    enum: STATUS_FILTERS,
    description: '`open` for both statuses that count as on order (awaiting-approval and released), or one status.',
  })
  @ApiQuery({ name: 'siteId', required: false, description: 'Only orders for this site.', example: 'plant-lyon' })
  @ApiQuery({ name: 'itemId', required: false, description: 'Only orders of this item.', example: 'brake-pad-bp100' })
  @ApiOkResponse({ description: 'The orders, oldest decision first.', type: [OrderDto] })
  @ApiBadRequestResponse({ description: 'status is not open or an order status, or siteId or itemId is empty, repeated or too long.' })
  async list(
    @Req() request: AuthenticatedRequest,
    @Query('status') status?: unknown,
    @Query('siteId') siteId?: unknown,
    @Query('itemId') itemId?: unknown,
  ): Promise<OrderDto[]> {
    const chosen = optionalQueryChoice(status, 'status', STATUS_FILTERS);
    const filter = {
      statuses: chosen === undefined ? undefined : chosen === 'open' ? OPEN_ORDER_STATUSES : [chosen as OrderStatus],
      siteId: optionalQueryText(siteId, 'siteId'),
      itemId: optionalQueryText(itemId, 'itemId'),
    };
    const party = request.party;
    const scope = party.kind === 'buyer' ? { buyerId: party.id } : party.kind === 'supplier' ? { supplierId: party.id } : {};
    return (await this.orders.list({ ...filter, ...scope })).map(orderDtoOf);
  }

  /** The order with its explanation and every step of its life. */
  @Get(':orderId')
  @ApiOperation({
    summary: 'One order with its explanation and every step of its life',
    description:
      'The order as it stands, why this quantity (the explanation), and each step it took (placed, approved, rejected, expired, ' +
      'goods receipts), with who took it, when and why. Its buyer, its supplier and operators see it.',
  })
  @ApiParam(ORDER_ID)
  @ApiOkResponse({ description: 'The order and its history.', type: OrderWithHistoryDto })
  @ApiNotFoundResponse(NOT_KNOWN)
  async get(@Req() request: AuthenticatedRequest, @Param('orderId') orderId: string): Promise<OrderWithHistoryDto> {
    const order = await this.withHistory(orderId);
    // An order of other parties answers as one that does not exist.
    if (!maySee(order, request.party)) throw new NotFoundException(unknownOrder(orderId));
    return order;
  }

  @Post(':orderId/approve')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Approve an order awaiting approval: it is released to the supplier',
    description:
      "The buyer (or an operator) approves an order beyond the supplier's approval boundary before its deadline: it is released, " +
      'announced on smi.replenishment-orders.v1 so logistics ships it, with no veto window after. Answers the order as it now stands.',
  })
  @ApiParam(ORDER_ID)
  @ApiOkResponse({ description: 'The order, released, with the approval in its history.', type: OrderWithHistoryDto })
  @ApiForbiddenResponse({ description: "The caller is the order's supplier: only its buyer or an operator decides." })
  @ApiNotFoundResponse(NOT_KNOWN)
  @ApiConflictResponse({ description: 'The order is not awaiting approval, or it lapsed at its deadline.' })
  async approve(@Req() request: AuthenticatedRequest, @Param('orderId') orderId: string): Promise<OrderWithHistoryDto> {
    return this.take(orderId, { kind: 'approve', by: actorOf(request.party), at: this.clock.now() });
  }

  @Post(':orderId/reject')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Reject an order awaiting approval, or veto a released one within its veto window',
    description:
      'The buyer (or an operator) says no, with a reason the supplier reads: an order awaiting approval before its deadline, or a ' +
      'released one within its veto window, becomes rejected and stops counting as on order; the step is announced on ' +
      'smi.replenishment-orders.v1 (a planned shipment drops it). Answers the order as it now stands.',
  })
  @ApiParam(ORDER_ID)
  @ApiBody({
    type: RejectOrderRequestDto,
    examples: {
      notNeeded: {
        summary: 'Not needed now',
        value: { reason: 'Line 2 at Lyon stops for retooling until April: we need no brake pads before then.' },
      },
      veto: {
        summary: 'Veto of a released order',
        value: { reason: 'Stock was moved in from Turin this morning; this delivery would overfill the shelf.' },
      },
    },
  })
  @ApiOkResponse({ description: 'The order, rejected, with the reason in its history.', type: OrderWithHistoryDto })
  @ApiBadRequestResponse({ description: 'reason is missing, empty, too long or holds control characters.' })
  @ApiForbiddenResponse({ description: "The caller is the order's supplier: only its buyer or an operator decides." })
  @ApiNotFoundResponse(NOT_KNOWN)
  @ApiConflictResponse({
    description: 'The order is neither awaiting approval nor released within a veto window, or its deadline passed.',
  })
  async reject(
    @Req() request: AuthenticatedRequest,
    @Param('orderId') orderId: string,
    @Body() body: unknown,
  ): Promise<OrderWithHistoryDto> {
    return this.take(orderId, { kind: 'reject', by: actorOf(request.party), at: this.clock.now(), reason: reasonIn(body) });
  }

  /** The caller gets the order as it stands after the step. */
  private async take(orderId: string, action: OrderAction): Promise<OrderWithHistoryDto> {
    const [result] = await this.unitOfWork.run((tx) => this.takeActions.execute([{ orderId, action }], tx));
    if (result.kind !== 'moved') throw httpErrorFor(result);
    return this.withHistory(orderId);
  }

  private async withHistory(orderId: string): Promise<OrderWithHistoryDto> {
    const order = await this.orders.find(orderId);
    if (!order) throw new NotFoundException(unknownOrder(orderId));
    return { ...orderDtoOf(order), history: await this.orders.history(orderId) };
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
