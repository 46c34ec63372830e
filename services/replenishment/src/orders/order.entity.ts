import type { OrderExplanation } from '@smi/contracts';
import { decimalColumn } from '@smi/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OrderStatus } from './order-lifecycle';

@Entity({ name: 'orders' })
export class OrderRow {
  @PrimaryColumn({ name: 'order_id', type: 'text' }) orderId!: string;
  @Column({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @Column({ name: 'agreement_version', type: 'int' }) agreementVersion!: number;
  @Column({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @Column({ name: 'site_id', type: 'text' }) siteId!: string;
  @Column({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column(decimalColumn) quantity!: number;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'text' }) status!: OrderStatus;
  @Column({ name: 'status_changed_at', type: 'timestamptz' }) statusChangedAt!: Date;
  @Column({ name: 'status_changed_by', type: 'text' }) statusChangedBy!: string;
  @Column({ name: 'status_reason', type: 'text' }) statusReason!: string;
  @Column({ name: 'approval_deadline', type: 'timestamptz', nullable: true }) approvalDeadline!: Date | null;
  @Column({ type: 'boolean' }) emergency!: boolean;
  @Column({ name: 'order_value', ...decimalColumn }) orderValue!: number;
  @Column({ name: 'on_hand', ...decimalColumn }) onHand!: number;
  @Column({ name: 'on_order', ...decimalColumn }) onOrder!: number;
  @Column(decimalColumn) minimum!: number;
  @Column(decimalColumn) maximum!: number;
  @Column({ name: 'pack_multiple', ...decimalColumn }) packMultiple!: number;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt!: Date;
  @Column({ name: 'expected_delivery_at', type: 'timestamptz' }) expectedDeliveryAt!: Date;
  @Column({ name: 'triggered_by_event_id', type: 'text' }) triggeredByEventId!: string;
  @Column({ type: 'jsonb', nullable: true }) explanation!: OrderExplanation | null;
  @Column({ name: 'received_quantity', ...decimalColumn, nullable: true }) receivedQuantity!: number | null;
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true }) receivedAt!: Date | null;
  @Column({ name: 'received_by_event_id', type: 'text', nullable: true }) receivedByEventId!: string | null;
  /** The stock levels whose goods receipts were booked against the order, partial ones included. */
  @Column({ name: 'receipt_event_ids', type: 'text', array: true, default: () => `'{}'` }) receiptEventIds!: string[];
  /** What the advance shipping notice says left the supplier; null before dispatch. Less than ordered is a short shipment. */
  @Column({ name: 'dispatched_quantity', ...decimalColumn, nullable: true }) dispatchedQuantity!: number | null;
  /** The shipment whose advance shipping notice said so. */
  @Column({ name: 'dispatched_by_shipment_id', type: 'text', nullable: true }) dispatchedByShipmentId!: string | null;
  /**
   * The W3C trace id (32 hex) of the run that decided the order; absent when it was not traced (a row's null
   * reads as absent, so the order's JSON has no traceId rather than a null one).
   */
  @Column({
    name: 'trace_id',
    type: 'text',
    nullable: true,
    transformer: { to: (id?: string) => id ?? null, from: (id: string | null) => id ?? undefined },
  })
  traceId?: string;
}
