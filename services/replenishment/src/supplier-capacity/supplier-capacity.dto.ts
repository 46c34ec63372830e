import { ApiProperty } from '@nestjs/swagger';
import { MAX_PERIOD_DAYS } from './supplier-capacity';
import { CAPACITY_REQUEST_STATUSES, CapacityRequestRow, CapacityRequestStatus, SupplierCapacityRow } from './supplier-capacity.entity';

/** What a supplier can deliver of an item per capacity period, across all its buyers. */
export class SupplierCapacityDto {
  @ApiProperty({ description: 'The supplier.', example: 'northwind-parts' })
  supplierId!: string;
  @ApiProperty({ description: 'The item.', example: 'brake-pad-bp100' })
  itemId!: string;
  @ApiProperty({ description: 'Days per capacity period.', example: 7 })
  periodDays!: number;
  @ApiProperty({ description: 'What it can deliver per period, in the item unit of its agreements.', example: 400 })
  quantityPerPeriod!: number;
  @ApiProperty({
    description: 'When it was last declared (business time).',
    type: String,
    format: 'date-time',
    example: '2026-03-02T08:00:00.000Z',
  })
  updatedAt!: Date;
  @ApiProperty({ description: 'Who declared it.', example: 'northwind-parts' })
  updatedBy!: string;
}

/** PUT /supplier-capacities/{itemId}: the capacity declared. */
export class DeclareCapacityRequestDto {
  @ApiProperty({
    description: `Days per capacity period: a whole number from 1 to ${MAX_PERIOD_DAYS}.`,
    minimum: 1,
    maximum: MAX_PERIOD_DAYS,
    example: 7,
  })
  periodDays!: number;
  @ApiProperty({
    description: 'What the supplier can deliver per period, across all its buyers: >= 0, at most 6 decimals.',
    minimum: 0,
    example: 400,
  })
  quantityPerPeriod!: number;
}

/** POST /capacity-allocations: what the allocation did. */
export class CapacityAllocationDto {
  @ApiProperty({ description: 'Orders the allocation placed (in full or cut to what was left).', example: 3 })
  ordersPlaced!: number;
}

/** An order's claim on a capacity period, with what it got and why. */
export class CapacityRequestDto {
  @ApiProperty({ description: 'The id of the order it is (or would have been).', example: 'ORD-3F9A1C2B7D4E5F60' })
  requestId!: string;
  @ApiProperty({ description: 'The supplier.', example: 'northwind-parts' })
  supplierId!: string;
  @ApiProperty({ description: 'The item.', example: 'brake-pad-bp100' })
  itemId!: string;
  @ApiProperty({
    description: 'Start of the capacity period claimed.',
    type: String,
    format: 'date-time',
    example: '2026-03-09T00:00:00.000Z',
  })
  periodStart!: Date;
  @ApiProperty({ description: 'The buyer the order is for.', example: 'acme-motors' })
  buyerId!: string;
  @ApiProperty({ description: "The buyer's site.", example: 'plant-lyon' })
  siteId!: string;
  @ApiProperty({ description: 'The agreement version the order was decided under.', example: 1 })
  agreementVersion!: number;
  @ApiProperty({ description: 'Quantity the order asked for.', example: 90 })
  requested!: number;
  @ApiProperty({ description: 'Quantity it got; null while it waits.', type: Number, nullable: true, example: 60 })
  allocated!: number | null;
  @ApiProperty({
    description: 'waiting for the allocation, allocated (in full or in part), or unserved (given nothing).',
    enum: CAPACITY_REQUEST_STATUSES,
    enumName: 'CapacityRequestStatus',
    example: 'allocated',
  })
  status!: CapacityRequestStatus;
  @ApiProperty({
    description: 'Why it got what it got: for the supplier and operators it names who went first; for the buyer it names no other buyer.',
    example: 'got 60 of 90: capacity 400 per 7 days, shared by urgency; 2 orders with fewer days of cover went first',
  })
  reason!: string;
  @ApiProperty({ description: 'Days the site x item had left when the order was decided: the urgency it was ranked by.', example: 2.4 })
  daysOfCover!: number;
  @ApiProperty({ description: "The line's penalty per stockout day: ranks orders of equal urgency.", example: 40 })
  penaltyPerStockoutDay!: number;
  @ApiProperty({ description: 'The stock level that triggered the order.', example: 'acme-erp-mv-20260312-0388/stock-level' })
  triggerEventId!: string;
  @ApiProperty({ description: 'The as-of of that stock level.', type: String, format: 'date-time', example: '2026-03-12T07:40:00.000Z' })
  triggerAsOf!: Date;
  @ApiProperty({
    description: 'When the order claimed the period.',
    type: String,
    format: 'date-time',
    example: '2026-03-12T07:40:00.000Z',
  })
  requestedAt!: Date;
  @ApiProperty({
    description: 'When it was allocated; null while it waits.',
    type: String,
    format: 'date-time',
    nullable: true,
    example: '2026-03-12T08:00:00.000Z',
  })
  allocatedAt!: Date | null;
}

export function supplierCapacityDtoOf(row: SupplierCapacityRow): SupplierCapacityDto {
  const { supplierId, itemId, periodDays, quantityPerPeriod, updatedAt, updatedBy } = row;
  return { supplierId, itemId, periodDays, quantityPerPeriod, updatedAt, updatedBy };
}

/** A request as its reader may see it: a buyer reads the reason that names no other buyer, and nobody the engine's inputs. */
export function capacityRequestDtoOf(row: CapacityRequestRow, forBuyer: boolean): CapacityRequestDto {
  return {
    requestId: row.requestId,
    supplierId: row.supplierId,
    itemId: row.itemId,
    periodStart: row.periodStart,
    buyerId: row.buyerId,
    siteId: row.siteId,
    agreementVersion: row.agreementVersion,
    requested: row.requested,
    allocated: row.allocated,
    status: row.status,
    reason: forBuyer ? row.buyerReason : row.reason,
    daysOfCover: row.daysOfCover,
    penaltyPerStockoutDay: row.penaltyPerStockoutDay,
    triggerEventId: row.triggerEventId,
    triggerAsOf: row.triggerAsOf,
    requestedAt: row.requestedAt,
    allocatedAt: row.allocatedAt,
  };
}
