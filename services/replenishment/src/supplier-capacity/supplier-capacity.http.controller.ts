import {
  Body,
  Controller,
  Delete,
  ForbiddenException,
  Get,
  HttpCode,
  HttpException,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Req,
} from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiQuery,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedRequest, BusinessClock, optionalQueryChoice } from '@smi/service-kit';
import { CapacityAllocationSweep } from './capacity-allocation.sweep';
import { capacityProblems, SupplierCapacity } from './supplier-capacity';
import {
  CapacityAllocationDto,
  CapacityRequestDto,
  capacityRequestDtoOf,
  DeclareCapacityRequestDto,
  SupplierCapacityDto,
  supplierCapacityDtoOf,
} from './supplier-capacity.dto';
import { CAPACITY_REQUEST_STATUSES, CapacityRequestStatus } from './supplier-capacity.entity';
import { SupplierCapacityRepository } from './supplier-capacity.repository';

const ITEM_ID = { name: 'itemId', description: 'The item.', example: 'brake-pad-bp100' };

/**
 * Supplier capacity: a supplier declares what it can deliver of an item per
 * period, across all its buyers; orders beyond it wait for the allocation,
 * which shares it by urgency. Each order's claim on a period is a capacity
 * request, kept with what it got and why.
 */
@ApiTags('supplier-capacity')
@ApiUnauthorizedResponse({ description: 'No API key, or one the platform does not know.' })
@Controller()
export class SupplierCapacityHttpController {
  constructor(
    private readonly capacities: SupplierCapacityRepository,
    private readonly allocation: CapacityAllocationSweep,
    private readonly clock: BusinessClock,
  ) {}

  /** Only the supplier itself declares its capacity. */
  @Put('supplier-capacities/:itemId')
  @ApiOperation({
    summary: 'Declare what you can deliver of an item per period (supplier)',
    description:
      'The supplier declares, or changes, its capacity for an item across all its buyers: a quantity per period of days. Orders ' +
      'beyond what is left of a period wait for the allocation, which shares it by urgency (days of cover, then the penalty per stockout day).',
  })
  @ApiParam(ITEM_ID)
  @ApiBody({
    type: DeclareCapacityRequestDto,
    examples: {
      weekly: { summary: '400 a week', value: { periodDays: 7, quantityPerPeriod: 400 } },
      daily: { summary: '60 a day during a shutdown', value: { periodDays: 1, quantityPerPeriod: 60 } },
    },
  })
  @ApiOkResponse({ description: 'The capacity as declared.', type: SupplierCapacityDto })
  @ApiBadRequestResponse({
    description: 'periodDays is not a whole number from 1 to 366, or quantityPerPeriod is not a number >= 0 with at most 6 decimals.',
  })
  @ApiForbiddenResponse({ description: 'The caller is a buyer or an operator: only a supplier declares its capacity.' })
  async declare(
    @Req() request: AuthenticatedRequest,
    @Param('itemId') itemId: string,
    @Body() body: unknown,
  ): Promise<SupplierCapacityDto> {
    const party = request.party;
    if (party.kind !== 'supplier') throw new ForbiddenException(`only a supplier declares its capacity (${party.id} is a ${party.kind})`);
    const problems = capacityProblems(body);
    if (problems.length > 0) {
      const messages = problems.map(({ field, problem }) => `${field} ${problem}`);
      throw new HttpException(
        { statusCode: HttpStatus.BAD_REQUEST, error: 'Bad Request', message: messages.join('; '), problems: messages },
        HttpStatus.BAD_REQUEST,
      );
    }
    const { periodDays, quantityPerPeriod } = body as Pick<SupplierCapacity, 'periodDays' | 'quantityPerPeriod'>;
    return supplierCapacityDtoOf(
      await this.capacities.save({ supplierId: party.id, itemId, periodDays, quantityPerPeriod }, party.id, this.clock.now()),
    );
  }

  /** The supplier withdraws its capacity for the item: orders waiting for it go out in full at the next allocation. */
  @Delete('supplier-capacities/:itemId')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Withdraw your capacity limit for an item (supplier)',
    description: 'The supplier no longer limits the item: orders waiting for its capacity go out in full at the next allocation.',
  })
  @ApiParam(ITEM_ID)
  @ApiNoContentResponse({ description: 'Withdrawn.' })
  @ApiForbiddenResponse({ description: 'The caller is a buyer or an operator: only a supplier withdraws its capacity.' })
  @ApiNotFoundResponse({ description: 'The supplier declares no capacity for the item.' })
  async withdraw(@Req() request: AuthenticatedRequest, @Param('itemId') itemId: string): Promise<void> {
    const party = request.party;
    if (party.kind !== 'supplier') throw new ForbiddenException(`only a supplier withdraws its capacity (${party.id} is a ${party.kind})`);
    if (!(await this.capacities.remove(party.id, itemId))) throw new NotFoundException(`${party.id} declares no capacity for ${itemId}`);
  }

  /** A supplier sees its own capacities; an operator all; a buyer none. */
  @Get('supplier-capacities')
  @ApiOperation({
    summary: 'The capacities suppliers declared',
    description: "A supplier sees its own capacities per item; an operator, every supplier's; a buyer, none (403).",
  })
  @ApiOkResponse({ description: 'The capacities, by supplier then item.', type: [SupplierCapacityDto] })
  @ApiForbiddenResponse({ description: "The caller is a buyer: a supplier's capacity is not shown to buyers." })
  async list(@Req() request: AuthenticatedRequest): Promise<SupplierCapacityDto[]> {
    const party = request.party;
    if (party.kind === 'buyer') throw new ForbiddenException(`a supplier's capacity is not shown to buyers (${party.id})`);
    return (await this.capacities.capacities(party.kind === 'supplier' ? party.id : undefined)).map(supplierCapacityDtoOf);
  }

  /**
   * Allocates waiting requests now instead of at the next sweep: a supplier
   * its own periods, an operator every supplier's.
   */
  @Post('capacity-allocations')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Allocate waiting orders now instead of at the next sweep',
    description:
      'Shares what is left of each capacity period among the orders waiting for it, most urgent first, and places them (in full or ' +
      "cut): a supplier its own periods, an operator every supplier's. No body.",
  })
  @ApiOkResponse({ description: 'How many orders the allocation placed.', type: CapacityAllocationDto })
  @ApiForbiddenResponse({ description: 'The caller is a buyer: only a supplier or an operator allocates capacity.' })
  async allocateNow(@Req() request: AuthenticatedRequest): Promise<CapacityAllocationDto> {
    const party = request.party;
    if (party.kind === 'buyer') throw new ForbiddenException(`only a supplier or an operator allocates capacity (${party.id} is a buyer)`);
    return { ordersPlaced: await this.allocation.allocateNow(party.kind === 'supplier' ? party.id : undefined) };
  }

  /** Newest first, at most 500: a buyer's own (with the reason naming no other buyer), a supplier's own, or all for an operator. */
  @Get('capacity-requests')
  @ApiOperation({
    summary: "Orders' claims on supplier capacity, with what each got and why",
    description:
      'Each order that claimed a capacity period: served at once, waiting for the allocation, allocated (in full or cut) or unserved, ' +
      'newest first, at most 500. A buyer sees its own, with a reason naming no other buyer; a supplier its own; an operator all.',
  })
  @ApiQuery({ name: 'status', required: false, enum: CAPACITY_REQUEST_STATUSES, description: 'Only requests in this status.' })
  @ApiOkResponse({ description: 'The requests, newest first.', type: [CapacityRequestDto] })
  @ApiBadRequestResponse({ description: 'status is not waiting, allocated or unserved.' })
  async requests(@Req() request: AuthenticatedRequest, @Query('status') status?: unknown): Promise<CapacityRequestDto[]> {
    const chosen = optionalQueryChoice(status, 'status', CAPACITY_REQUEST_STATUSES) as CapacityRequestStatus | undefined;
    const party = request.party;
    const rows = await this.capacities.requests({
      ...(chosen && { status: chosen }),
      ...(party.kind === 'buyer' && { buyerId: party.id }),
      ...(party.kind === 'supplier' && { supplierId: party.id }),
    });
    return rows.map((row) => capacityRequestDtoOf(row, party.kind === 'buyer'));
  }
}
