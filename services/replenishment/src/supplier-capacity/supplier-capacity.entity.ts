import type { OrderToPlace } from '../orders/replenishment-order';
import { decimalColumn } from '@smi/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CapacityClaim, CapacityRequestStatus } from './supplier-capacity';

export { CAPACITY_REQUEST_STATUSES, type CapacityRequestStatus } from './supplier-capacity';

/** What a supplier can deliver of an item per capacity period. */
@Entity({ name: 'supplier_capacity' })
export class SupplierCapacityRow {
  @PrimaryColumn({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ name: 'period_days', type: 'integer' }) periodDays!: number;
  @Column({ name: 'quantity_per_period', ...decimalColumn }) quantityPerPeriod!: number;
  @Column({ name: 'updated_at', type: 'timestamptz' }) updatedAt!: Date;
  @Column({ name: 'updated_by', type: 'text' }) updatedBy!: string;
}

/** An order's claim on a capacity period: served at once, waiting for the allocation, or given nothing. */
@Entity({ name: 'capacity_request' })
export class CapacityRequestRow implements CapacityClaim {
  /** The id of the order it is (or would have been). */
  @PrimaryColumn({ name: 'request_id', type: 'text' }) requestId!: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @Column({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ name: 'period_start', type: 'timestamptz' }) periodStart!: Date;
  @Column({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @Column({ name: 'site_id', type: 'text' }) siteId!: string;
  @Column({ name: 'agreement_version', type: 'integer' }) agreementVersion!: number;
  @Column(decimalColumn) requested!: number;
  @Column({ ...decimalColumn, nullable: true }) allocated!: number | null;
  @Column({ type: 'text' }) status!: CapacityRequestStatus;
  /** Why it got what it got, naming who went first: for the supplier and operators. */
  @Column({ type: 'text' }) reason!: string;
  /** The same, naming no other buyer: for the request's buyer. */
  @Column({ name: 'buyer_reason', type: 'text' }) buyerReason!: string;
  @Column({ name: 'days_of_cover', type: 'double precision' }) daysOfCover!: number;
  @Column({ name: 'penalty_per_stockout_day', type: 'double precision' }) penaltyPerStockoutDay!: number;
  @Column({ name: 'trigger_event_id', type: 'text' }) triggerEventId!: string;
  @Column({ name: 'trigger_as_of', type: 'timestamptz' }) triggerAsOf!: Date;
  @Column({ name: 'on_hand', ...decimalColumn }) onHand!: number;
  @Column({ name: 'on_order', ...decimalColumn }) onOrder!: number;
  /** The engine's order as decided, before capacity; its dates are ISO strings in JSON. */
  @Column({ type: 'jsonb' }) decision!: OrderToPlace;
  @Column({ name: 'requested_at', type: 'timestamptz' }) requestedAt!: Date;
  @Column({ name: 'allocated_at', type: 'timestamptz', nullable: true }) allocatedAt!: Date | null;
}
