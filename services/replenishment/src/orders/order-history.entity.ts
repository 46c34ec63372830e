import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OrderStatus, OrderStep } from './order-lifecycle';

/** One step in an order's life: what happened, when, by whom and why. */
@Entity({ name: 'order_events' })
export class OrderHistoryRow {
  @PrimaryGeneratedColumn({ type: 'bigint' }) id!: string;
  @Column({ name: 'order_id', type: 'text' }) orderId!: string;
  @Column({ type: 'text' }) step!: OrderStep | 'received' | 'partly-received' | 'closed-short';
  /** Where the order stood after the step. */
  @Column({ type: 'text' }) status!: OrderStatus;
  @Column({ name: 'occurred_at', type: 'timestamptz' }) occurredAt!: Date;
  @Column({ name: 'changed_by', type: 'text' }) changedBy!: string;
  @Column({ type: 'text' }) reason!: string;
  @Column({ name: 'approval_deadline', type: 'timestamptz', nullable: true }) approvalDeadline!: Date | null;
  /** The order event that announced the step, for a receipt the stock level that booked it, for a short close by dispatch `<shipment eventId>/<orderId>`. */
  @Column({ name: 'event_id', type: 'text', unique: true }) eventId!: string;
}
