import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { OrderExplanation, OrderQuantityStep } from '@smi/contracts';
import { ORDER_STATUSES, OrderStatus } from './order-lifecycle';
import type { OrderRow } from './order.entity';
import type { OrderHistoryEntry } from './orders.repository';

const ORDER_ID = 'ORD-3F9A1C2B7D4E5F60';
const TRIGGER = 'acme-erp-mv-20260312-0388/stock-level';
const ORDER_STEPS = ['released', 'awaiting-approval', 'approved', 'rejected', 'expired', 'received', 'partly-received', 'closed-short'];
const dateTime = (description: string, example: string | null, nullable = false) => ({
  description,
  type: String,
  format: 'date-time',
  example,
  ...(nullable && { nullable }),
});

/** One adjustment of the order quantity. */
export class OrderQuantityStepDto implements OrderQuantityStep {
  @ApiProperty({
    description: 'minimum-order-quantity, pack-multiple, maximum-lot, supplier-capacity or approval.',
    example: 'pack-multiple',
  })
  rule!: string;
  @ApiProperty({ description: 'Quantity before the step.', example: 76 })
  before!: number;
  @ApiProperty({ description: 'Quantity after the step.', example: 80 })
  after!: number;
  @ApiProperty({ description: 'The step in words.', example: 'rounded up to the pack multiple of 10 EA' })
  note!: string;
}

/** Why this quantity: every input of the decision and every rounding step, so a buyer can retrace it. */
export class OrderExplanationDto implements OrderExplanation {
  @ApiProperty({ description: 'Policy applied: min-max, order-up-to, periodic-min-max or fixed-quantity.', example: 'min-max' })
  policy!: string;
  @ApiProperty({ description: 'Demand owed to the buyer and not yet met.', example: 0 })
  backorders!: number;
  @ApiProperty({ description: 'on-hand + on-order - backorders.', example: 38 })
  inventoryPosition!: number;
  @ApiProperty({ description: 'Expected demand per day the decision used.', example: 13.2 })
  forecastPerDay!: number;
  @ApiProperty({ description: 'Standard deviation of daily demand the decision used.', example: 3.1 })
  forecastStdDevPerDay!: number;
  @ApiProperty({ description: 'Demand class the forecast carried (smooth, erratic, intermittent, lumpy), or empty.', example: 'smooth' })
  demandClass!: string;
  @ApiProperty({ description: 'Lead time used (the emergency lead time for an emergency order).', example: 3 })
  leadTimeDays!: number;
  @ApiProperty({ description: 'Days the stock must cover until the next order can arrive: lead time plus review period.', example: 3 })
  protectionDays!: number;
  @ApiProperty({
    description:
      "How safety stock was set: fixed, days-of-cover, normal (service level), bootstrap (the item's own lead-time demand distribution), or minimum (no target agreed).",
    example: 'minimum',
  })
  safetyStockMethod!: string;
  @ApiProperty({ description: 'Service level targeted, when one was agreed.', type: Number, nullable: true, example: null })
  serviceLevelTarget!: number | null;
  @ApiProperty({
    description: 'Service level the engine stands behind for these levels by its own demand model; null when it has no ground for one.',
    type: Number,
    nullable: true,
    example: null,
  })
  promisedServiceLevel!: number | null;
  @ApiProperty({ description: 'Safety stock.', example: 0 })
  safetyStock!: number;
  @ApiProperty({ description: 'Reorder point.', example: 40 })
  reorderPoint!: number;
  @ApiProperty({ description: 'Order-up-to level.', example: 120 })
  orderUpTo!: number;
  @ApiProperty({ description: 'Quantity the policy asked for before rounding.', example: 82 })
  neededQuantity!: number;
  @ApiProperty({ description: 'The adjustments, in the order applied.', type: () => [OrderQuantityStepDto] })
  steps!: OrderQuantityStepDto[];
  @ApiProperty({
    description: 'The decision in one sentence.',
    example: 'inventory position 38 EA is at or below the reorder point 40 EA: order up to 120 EA, 82 EA, rounded to 90 EA',
  })
  summary!: string;
}

/** One step in an order's life: what happened, when, by whom and why. */
export class OrderStepDto implements OrderHistoryEntry {
  @ApiProperty({
    description:
      'What happened: placed (released or awaiting-approval), approved, rejected, expired, or a goods receipt (partly-received, received, closed-short).',
    enum: ORDER_STEPS,
    example: 'awaiting-approval',
  })
  step!: OrderHistoryEntry['step'];
  @ApiProperty({
    description: 'Where the order stood after the step.',
    enum: ORDER_STATUSES,
    enumName: 'OrderStatus',
    example: 'awaiting-approval',
  })
  status!: OrderStatus;
  @ApiProperty(dateTime('When (business time).', '2026-03-12T07:40:00.000Z'))
  occurredAt!: Date;
  @ApiProperty({ description: "Who took it: 'replenishment' for the engine, or the party id.", example: 'replenishment' })
  changedBy!: string;
  @ApiProperty({
    description: 'Why, in words (empty when nothing needs saying).',
    example: 'value 1,800 EUR exceeds the 1,000 EUR the supplier may release alone',
  })
  reason!: string;
  @ApiProperty(
    dateTime(
      'After the step: when an order awaiting approval lapses, or when the veto window of a released one closes.',
      '2026-03-14T07:40:00.000Z',
      true,
    ),
  )
  approvalDeadline!: Date | null;
  @ApiProperty({
    description: 'The event that announced the step (for a receipt, the stock level that booked it).',
    example: `${ORDER_ID}/awaiting-approval`,
  })
  eventId!: string;
}

/** A replenishment order as the API shows it. */
export class OrderDto {
  @ApiProperty({ description: "The order's id; the buyer's goods receipt refers to it.", example: ORDER_ID })
  orderId!: string;
  @ApiProperty({ description: 'The agreement it was decided under.', example: 'AGR-ACME-NW-2026' })
  agreementId!: string;
  @ApiProperty({ description: 'The agreement version it was decided under.', example: 1 })
  agreementVersion!: number;
  @ApiProperty({ description: 'The buyer receiving the goods.', example: 'acme-motors' })
  buyerId!: string;
  @ApiProperty({ description: 'The supplier delivering them.', example: 'northwind-parts' })
  supplierId!: string;
  @ApiProperty({ description: 'Delivery site.', example: 'plant-lyon' })
  siteId!: string;
  @ApiProperty({ description: 'The item.', example: 'brake-pad-bp100' })
  itemId!: string;
  @ApiProperty({ description: 'Quantity ordered, after every rounding step (see explanation).', example: 90 })
  quantity!: number;
  @ApiProperty({ description: 'Unit of measure.', example: 'EA' })
  unit!: string;
  @ApiProperty({
    description:
      'awaiting-approval and released orders are open (on order); rejected and expired ones no longer count; received ones are in on-hand.',
    enum: ORDER_STATUSES,
    enumName: 'OrderStatus',
    example: 'awaiting-approval',
  })
  status!: OrderStatus;
  @ApiProperty(dateTime('When the order entered its status.', '2026-03-12T07:40:00.000Z'))
  statusChangedAt!: Date;
  @ApiProperty({
    description: "Who moved it there: 'replenishment' for the engine, or the party id of the buyer who approved or rejected.",
    example: 'replenishment',
  })
  statusChangedBy!: string;
  @ApiProperty({
    description: "Why: the approval limit exceeded, the buyer's reason for rejecting, the expiry.",
    example: 'value 1,800 EUR exceeds the 1,000 EUR the supplier may release alone',
  })
  statusReason!: string;
  @ApiProperty(
    dateTime('Awaiting approval: when the order lapses. Released: end of the veto window, if any.', '2026-03-14T07:40:00.000Z', true),
  )
  approvalDeadline!: Date | null;
  @ApiProperty({ description: "An expedited order on the agreement's emergency terms.", example: false })
  emergency!: boolean;
  @ApiProperty({ description: "quantity x the agreed unit price, in the agreement's currency (0 when no price is agreed).", example: 1800 })
  orderValue!: number;
  @ApiProperty({ description: 'On-hand the decision saw.', example: 38 })
  onHand!: number;
  @ApiProperty({ description: 'Quantity already on order when the decision was taken.', example: 0 })
  onOrder!: number;
  @ApiProperty({ description: 'Reorder point the decision used (kept under this name since the first version).', example: 40 })
  minimum!: number;
  @ApiProperty({ description: 'Order-up-to level the decision used (kept under this name since the first version).', example: 120 })
  maximum!: number;
  @ApiProperty({ description: 'Agreement pack multiple the quantity was rounded up to.', example: 10 })
  packMultiple!: number;
  @ApiProperty(dateTime('When the order was decided.', '2026-03-12T07:40:00.000Z'))
  decidedAt!: Date;
  @ApiProperty(dateTime('When the goods are due: the triggering stock level plus the agreed lead time.', '2026-03-15T07:40:00.000Z'))
  expectedDeliveryAt!: Date;
  @ApiProperty({ description: 'The stock level that triggered the order.', example: TRIGGER })
  triggeredByEventId!: string;
  @ApiProperty({
    description: 'Why this quantity; null on orders placed before explanations.',
    type: () => OrderExplanationDto,
    nullable: true,
  })
  explanation!: OrderExplanationDto | null;
  @ApiProperty({
    description: "What the buyer's goods receipts booked so far; null before the first.",
    type: Number,
    nullable: true,
    example: null,
  })
  receivedQuantity!: number | null;
  @ApiProperty(dateTime('When the latest goods receipt was booked; null before the first.', null, true))
  receivedAt!: Date | null;
  @ApiProperty({
    description: 'The stock level of the latest goods receipt; null before the first.',
    type: String,
    nullable: true,
    example: null,
  })
  receivedByEventId!: string | null;
  @ApiProperty({
    description: 'The stock levels of every goods receipt booked against the order, partial ones included.',
    type: [String],
    example: [],
  })
  receiptEventIds!: string[];
  @ApiProperty({
    description: 'What the advance shipping notice says left the supplier; null before dispatch. Less than ordered is a short shipment.',
    type: Number,
    nullable: true,
    example: null,
  })
  dispatchedQuantity!: number | null;
  @ApiProperty({
    description: 'The shipment whose advance shipping notice reported the dispatch; null before.',
    type: String,
    nullable: true,
    example: null,
  })
  dispatchedByShipmentId!: string | null;
  @ApiPropertyOptional({
    description:
      'W3C trace id (32 hex digits) of the planning run that decided the order, to open it in the trace viewer; absent when that run was not traced.',
    pattern: '^[0-9a-f]{32}$',
    example: '4bf92f3577b34da6a3ce929d0e0e4736',
  })
  traceId?: string;
}

/** An order with every step of its life. */
export class OrderWithHistoryDto extends OrderDto {
  @ApiProperty({ description: 'Every step of its life, oldest first.', type: () => [OrderStepDto] })
  history!: OrderStepDto[];
}

/** Rejecting (or, within the veto window, vetoing) an order. */
export class RejectOrderRequestDto {
  @ApiProperty({
    description: 'Why the order is rejected, so the supplier learns it: required, at most 1,000 characters, no control characters.',
    example: 'Line 2 at Lyon stops for retooling until April: we need no brake pads before then.',
  })
  reason!: string;
}

/** The order as the API shows it: its own fields, never more of the row it is kept in. */
export function orderDtoOf(row: OrderRow): OrderDto {
  return {
    orderId: row.orderId,
    agreementId: row.agreementId,
    agreementVersion: row.agreementVersion,
    buyerId: row.buyerId,
    supplierId: row.supplierId,
    siteId: row.siteId,
    itemId: row.itemId,
    quantity: row.quantity,
    unit: row.unit,
    status: row.status,
    statusChangedAt: row.statusChangedAt,
    statusChangedBy: row.statusChangedBy,
    statusReason: row.statusReason,
    approvalDeadline: row.approvalDeadline,
    emergency: row.emergency,
    orderValue: row.orderValue,
    onHand: row.onHand,
    onOrder: row.onOrder,
    minimum: row.minimum,
    maximum: row.maximum,
    packMultiple: row.packMultiple,
    decidedAt: row.decidedAt,
    expectedDeliveryAt: row.expectedDeliveryAt,
    triggeredByEventId: row.triggeredByEventId,
    explanation: row.explanation,
    receivedQuantity: row.receivedQuantity,
    receivedAt: row.receivedAt,
    receivedByEventId: row.receivedByEventId,
    receiptEventIds: row.receiptEventIds,
    dispatchedQuantity: row.dispatchedQuantity,
    dispatchedByShipmentId: row.dispatchedByShipmentId,
    ...(row.traceId ? { traceId: row.traceId } : {}),
  };
}
