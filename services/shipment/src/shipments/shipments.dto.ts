import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ShipmentStatus, ShipmentStatusValues } from '@smi/contracts';

/** One order on a shipment: what it asked for, what left, what arrived. */
export class ShipmentLineDto {
  @ApiProperty({ description: 'The replenishment order.', example: 'ORD-42' })
  orderId!: string;

  @ApiProperty({ description: 'The item ordered.', example: 'brake-pad' })
  itemId!: string;

  @ApiProperty({ description: 'Unit of measure of the quantities.', example: 'EA' })
  unit!: string;

  @ApiProperty({ description: 'Quantity the order asked for.', example: 80 })
  orderedQuantity!: number;

  @ApiProperty({
    description: 'Quantity the advance shipping notice says left; null before dispatch.',
    type: Number,
    nullable: true,
    example: 80,
  })
  dispatchedQuantity!: number | null;

  @ApiProperty({ description: "Quantity the buyer's goods receipts booked against this line so far.", example: 78 })
  receivedQuantity!: number;

  @ApiProperty({
    description: 'The stock-level events whose RECEIPT movements were matched to this line.',
    type: [String],
    example: ['mv-9/stock-level'],
  })
  receiptEventIds!: string[];

  @ApiProperty({ description: 'When this order promised delivery.', type: Date, example: '2026-03-13T08:00:00.000Z' })
  promisedDeliveryAt!: Date;

  @ApiProperty({ description: 'How much less left than was ordered (0 when none is short).', example: 0 })
  shortQuantity!: number;

  @ApiProperty({ description: 'How much more arrived than left (0 when none came over).', example: 0 })
  overQuantity!: number;
}

/** A shipment: the released orders for one buyer site due the same day, consolidated, one line per order, in its current status. */
export class ShipmentDto {
  @ApiProperty({ description: "The shipment's id.", example: 'SHP-AGR-1-plant-lyon-2026-03-13-1' })
  shipmentId!: string;

  @ApiProperty({ description: "The first line's order (kept for readers of the first versions; read lines).", example: 'ORD-42' })
  orderId!: string;

  @ApiProperty({ description: 'The agreement of its orders.', example: 'AGR-1' })
  agreementId!: string;

  @ApiProperty({ description: 'Receiving buyer.', example: 'acme' })
  buyerId!: string;

  @ApiProperty({ description: 'Shipping supplier.', example: 'northwind' })
  supplierId!: string;

  @ApiProperty({ description: 'Delivery site.', example: 'plant-lyon' })
  siteId!: string;

  @ApiProperty({ description: "The first line's item (read lines).", example: 'brake-pad' })
  itemId!: string;

  @ApiProperty({ description: "The first line's quantity (read lines).", example: 80 })
  quantity!: number;

  @ApiProperty({ description: "The first line's unit (read lines).", example: 'EA' })
  unit!: string;

  @ApiProperty({
    description:
      'PLANNED: waiting for logistics; DISPATCHED: left the supplier; DELIVERED: arrived, as logistics reports; ' +
      'PARTIALLY_RECEIVED / RECEIVED: the buyer booked receipts for part / all of it; CANCELLED: every order vetoed before dispatch.',
    enum: ShipmentStatusValues,
    example: 'DISPATCHED',
  })
  status!: ShipmentStatus;

  @ApiProperty({ description: 'When it entered this status.', type: Date, example: '2026-03-11T06:00:00.000Z' })
  statusChangedAt!: Date;

  @ApiProperty({
    description: "When it is now expected at the site: the orders' promise, or the latest arrival announced.",
    type: Date,
    example: '2026-03-13T08:00:00.000Z',
  })
  expectedDeliveryAt!: Date;

  @ApiProperty({
    description: "The first line's received quantity (read lines); null before any receipt.",
    type: Number,
    nullable: true,
    example: null,
  })
  receivedQuantity!: number | null;

  @ApiProperty({ description: 'The orders on it, one line each.', type: [ShipmentLineDto] })
  lines!: ShipmentLineDto[];

  @ApiProperty({
    description: 'The earliest promise among its lines: lateness is measured against it.',
    type: Date,
    nullable: true,
    example: '2026-03-13T08:00:00.000Z',
  })
  promisedDeliveryAt!: Date | null;

  @ApiProperty({ description: 'Carrier named in the advance shipping notice.', type: String, nullable: true, example: 'DHL' })
  carrier!: string | null;

  @ApiProperty({ description: "The carrier's tracking reference.", type: String, nullable: true, example: 'JJD0001' })
  trackingReference!: string | null;

  @ApiProperty({
    description: 'When it left the supplier (business time).',
    type: Date,
    nullable: true,
    example: '2026-03-11T06:00:00.000Z',
  })
  dispatchedAt!: Date | null;

  @ApiProperty({
    description: 'When it arrived: the first goods receipt matched, else the delivery logistics reported.',
    type: Date,
    nullable: true,
    example: null,
  })
  deliveredAt!: Date | null;

  @ApiProperty({
    description: 'The reason given with the latest delay report; null when none.',
    type: String,
    nullable: true,
    example: null,
  })
  delayReason!: string | null;

  @ApiProperty({
    description: 'The order, report or stock level that caused its latest change.',
    type: String,
    nullable: true,
    example: 'asn-1',
  })
  causedByEventId!: string | null;

  @ApiProperty({
    description: 'The buyer site and delivery day it consolidates; null for shipments made before consolidation.',
    type: String,
    nullable: true,
    example: 'AGR-1|acme|northwind|plant-lyon|2026-03-13',
  })
  consolidationKey!: string | null;

  @ApiProperty({ description: '1 for the first shipment of its site and day, 2 for one made after the first left, and so on.', example: 1 })
  sequence!: number;
}

/** Fields every report may carry. */
class ShipmentReportDto {
  @ApiPropertyOptional({
    description: 'When it happened (ISO-8601, business time); now on the business clock when left out.',
    type: String,
    format: 'date-time',
    example: '2026-03-11T06:00:00Z',
  })
  occurredAt?: string;

  @ApiPropertyOptional({
    description:
      'Id of this report, to send it again safely: the same id with the same body is applied once, with another body it is refused (409).',
    example: 'asn-1',
  })
  eventId?: string;
}

export class DispatchedLineDto {
  @ApiProperty({ description: 'An order on the shipment.', example: 'ORD-42' })
  orderId!: string;

  @ApiProperty({ description: 'How much of it left, in its unit; less than ordered is a short shipment.', example: 78 })
  quantity!: number;
}

export class DispatchReportDto extends ShipmentReportDto {
  @ApiPropertyOptional({ description: 'The carrier.', example: 'DHL' })
  carrier?: string;

  @ApiPropertyOptional({ description: "The carrier's tracking reference.", example: 'JJD0001' })
  trackingReference?: string;

  @ApiPropertyOptional({
    description: 'When it is expected at the site (ISO-8601).',
    type: String,
    format: 'date-time',
    example: '2026-03-13T08:00:00Z',
  })
  expectedArrivalAt?: string;

  @ApiPropertyOptional({
    description: "The advance shipping notice's lines; left out or empty, every line left in full.",
    type: [DispatchedLineDto],
  })
  lines?: DispatchedLineDto[];
}

export class DelayReportDto extends ShipmentReportDto {
  @ApiProperty({
    description: 'When it is now expected at the site (ISO-8601).',
    type: String,
    format: 'date-time',
    example: '2026-03-14T12:00:00Z',
  })
  expectedArrivalAt!: string;

  @ApiProperty({ description: 'Why it is late.', example: 'truck breakdown near Mâcon' })
  reason!: string;
}

export class DeliveryReportDto extends ShipmentReportDto {}
