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
import { AuthenticatedRequest, BusinessClock, optionalQueryChoice } from '@smi/service-kit';
import { CapacityAllocationSweep } from './capacity-allocation.sweep';
import { capacityProblems, SupplierCapacity } from './supplier-capacity';
import { CAPACITY_REQUEST_STATUSES, CapacityRequestRow, CapacityRequestStatus, SupplierCapacityRow } from './supplier-capacity.entity';
import { SupplierCapacityRepository } from './supplier-capacity.repository';

/** A request as its reader may see it: a buyer reads the reason that names no other buyer. */
type CapacityRequestView = Omit<CapacityRequestRow, 'buyerReason' | 'decision' | 'onHand' | 'onOrder'>;

/**
 * Supplier capacity: a supplier declares what it can deliver of an item per
 * period, across all its buyers; orders beyond it wait for the allocation,
 * which shares it by urgency. Each order's claim on a period is a capacity
 * request, kept with what it got and why.
 */
@Controller()
export class SupplierCapacityHttpController {
  constructor(
    private readonly capacities: SupplierCapacityRepository,
    private readonly allocation: CapacityAllocationSweep,
    private readonly clock: BusinessClock,
  ) {}

  /** Only the supplier itself declares its capacity. */
  @Put('supplier-capacities/:itemId')
  async declare(
    @Req() request: AuthenticatedRequest,
    @Param('itemId') itemId: string,
    @Body() body: unknown,
  ): Promise<SupplierCapacityRow> {
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
    return this.capacities.save({ supplierId: party.id, itemId, periodDays, quantityPerPeriod }, party.id, this.clock.now());
  }

  /** The supplier withdraws its capacity for the item: orders waiting for it go out in full at the next allocation. */
  @Delete('supplier-capacities/:itemId')
  @HttpCode(HttpStatus.NO_CONTENT)
  async withdraw(@Req() request: AuthenticatedRequest, @Param('itemId') itemId: string): Promise<void> {
    const party = request.party;
    if (party.kind !== 'supplier') throw new ForbiddenException(`only a supplier withdraws its capacity (${party.id} is a ${party.kind})`);
    if (!(await this.capacities.remove(party.id, itemId))) throw new NotFoundException(`${party.id} declares no capacity for ${itemId}`);
  }

  /** A supplier sees its own capacities; an operator all; a buyer none. */
  @Get('supplier-capacities')
  list(@Req() request: AuthenticatedRequest): Promise<SupplierCapacityRow[]> {
    const party = request.party;
    if (party.kind === 'buyer') throw new ForbiddenException(`a supplier's capacity is not shown to buyers (${party.id})`);
    return this.capacities.capacities(party.kind === 'supplier' ? party.id : undefined);
  }

  /**
   * Allocates waiting requests now instead of at the next sweep: a supplier
   * its own periods, an operator every supplier's.
   */
  @Post('capacity-allocations')
  @HttpCode(HttpStatus.OK)
  async allocateNow(@Req() request: AuthenticatedRequest): Promise<{ ordersPlaced: number }> {
    const party = request.party;
    if (party.kind === 'buyer') throw new ForbiddenException(`only a supplier or an operator allocates capacity (${party.id} is a buyer)`);
    return { ordersPlaced: await this.allocation.allocateNow(party.kind === 'supplier' ? party.id : undefined) };
  }

  /** Newest first, at most 500: a buyer's own (with the reason naming no other buyer), a supplier's own, or all for an operator. */
  @Get('capacity-requests')
  async requests(@Req() request: AuthenticatedRequest, @Query('status') status?: unknown): Promise<CapacityRequestView[]> {
    const chosen = optionalQueryChoice(status, 'status', CAPACITY_REQUEST_STATUSES) as CapacityRequestStatus | undefined;
    const party = request.party;
    const rows = await this.capacities.requests({
      ...(chosen && { status: chosen }),
      ...(party.kind === 'buyer' && { buyerId: party.id }),
      ...(party.kind === 'supplier' && { supplierId: party.id }),
    });
    return rows.map(({ buyerReason, decision: _decision, onHand: _onHand, onOrder: _onOrder, ...row }) =>
      party.kind === 'buyer' ? { ...row, reason: buyerReason } : row,
    );
  }
}
