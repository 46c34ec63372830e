import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OpenOrder, ProjectedDay, ShortDispatch } from '@smi/replenishment-planning';
import type { StockProjectionView } from './stock-projection';

const dateTime = (description: string, example: string | null) => ({
  description,
  type: String,
  format: 'date-time',
  nullable: true,
  example,
});

/** A short shipment: the supplier dispatched less than ordered, and the rest will never come. */
export class ShortDispatchDto implements ShortDispatch {
  @ApiProperty({ description: 'Quantity ordered.', example: 90 })
  ordered!: number;
  @ApiProperty({ description: 'Quantity the advance shipping notice says left the supplier.', example: 80 })
  dispatched!: number;
}

/** An order still due at the site. */
export class OpenOrderDto implements OpenOrder {
  @ApiProperty({ description: 'The order.', example: 'ORD-3F9A1C2B7D4E5F60' })
  orderId!: string;
  @ApiProperty({ description: 'What is still due: ordered less what partial receipts already brought.', example: 90 })
  quantity!: number;
  @ApiPropertyOptional({ description: 'What partial receipts already brought, when any did.', example: 30 })
  received?: number;
  @ApiPropertyOptional({
    description: 'Present when the supplier dispatched less than ordered: only the dispatched part is due.',
    type: () => ShortDispatchDto,
  })
  short?: ShortDispatchDto;
  @ApiProperty({ description: 'When it is due to arrive.', type: String, format: 'date-time', example: '2026-03-15T07:40:00.000Z' })
  dueAt!: Date;
}

/** One day of the projection. */
export class ProjectedDayDto implements ProjectedDay {
  @ApiProperty({ description: 'Days from now: 0 is now, 1 the end of the first day.', example: 1 })
  day!: number;
  @ApiProperty({ description: 'The moment projected.', type: String, format: 'date-time', example: '2026-03-13T07:40:00.000Z' })
  at!: Date;
  @ApiProperty({ description: 'Open orders due by the end of this day (overdue ones on day 0).', example: 0 })
  receipts!: number;
  @ApiProperty({ description: 'Forecast demand of this day.', example: 13.2 })
  demand!: number;
  @ApiProperty({
    description: 'Projected on-hand at the end of the day, backorders served first: below zero is demand not met.',
    example: 24.8,
  })
  projected!: number;
}

/** Where one site x item's stock is heading, under the agreement line in force. */
export class StockProjectionDto implements StockProjectionView {
  @ApiProperty({ description: 'The buyer.', example: 'acme-motors' })
  buyerId!: string;
  @ApiProperty({ description: "The buyer's site.", example: 'plant-lyon' })
  siteId!: string;
  @ApiProperty({ description: 'The item.', example: 'brake-pad-bp100' })
  itemId!: string;
  @ApiProperty({ description: 'Unit of the quantities.', example: 'EA' })
  unit!: string;
  @ApiProperty({ description: 'The agreement whose line is in force.', example: 'AGR-ACME-NW-2026' })
  agreementId!: string;
  @ApiProperty({ description: 'Its version in force now.', example: 1 })
  agreementVersion!: number;
  @ApiProperty({
    description: 'The as-of of the latest stock level.',
    type: String,
    format: 'date-time',
    example: '2026-03-12T07:40:00.000Z',
  })
  onHandAsOf!: Date;
  @ApiProperty({ description: 'On-hand now.', example: 38 })
  onHand!: number;
  @ApiProperty({ description: 'Orders still due, soonest first.', type: () => [OpenOrderDto] })
  openOrders!: readonly OpenOrderDto[];
  @ApiProperty({ description: 'Expected demand per day (the latest forecast).', example: 13.2 })
  forecastPerDay!: number;
  @ApiProperty({ description: 'Lowest stock the buyer accepts (in units, converted when agreed in days of supply).', example: 40 })
  minimum!: number;
  @ApiProperty({ description: 'Highest stock the buyer accepts.', example: 120 })
  maximum!: number;
  @ApiProperty({ description: 'Safety stock the engine keeps.', example: 0 })
  safetyStock!: number;
  @ApiProperty({ description: 'Reorder point the engine orders at.', example: 40 })
  reorderPoint!: number;
  @ApiProperty({ description: 'Order-up-to level.', example: 120 })
  orderUpTo!: number;
  @ApiProperty(
    dateTime('First day projected stock falls below the minimum; null when it does not within the horizon.', '2026-03-12T07:40:00.000Z'),
  )
  belowMinimumOn!: Date | null;
  @ApiProperty(dateTime('First day projected stock runs out; null when it does not within the horizon.', '2026-03-15T07:40:00.000Z'))
  stockoutOn!: Date | null;
  @ApiProperty(dateTime('First day projected stock rises above the maximum; null when it does not within the horizon.', null))
  aboveMaximumOn!: Date | null;
  @ApiProperty({
    description: 'Days until stock runs out; null when it lasts beyond the horizon.',
    type: Number,
    nullable: true,
    example: 3,
  })
  daysOfCover!: number | null;
  @ApiProperty({
    description: 'What the engine would decide now, in one sentence.',
    example: 'Order 90 EA: inventory position 38 EA is at or below the reorder point 40 EA.',
  })
  decisionNow!: string;
  @ApiProperty({ description: 'The projection day by day over the horizon.', type: () => [ProjectedDayDto] })
  days!: ProjectedDayDto[];
}
