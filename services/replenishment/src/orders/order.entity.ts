import { numericAsNumber } from '@smi/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

export type OrderStatus = 'open' | 'received';
export const ORDER_STATUSES: readonly OrderStatus[] = ['open', 'received'];

@Entity({ name: 'orders' })
export class OrderRow {
  @PrimaryColumn({ name: 'order_id', type: 'text' }) orderId!: string;
  @Column({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @Column({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @Column({ name: 'site_id', type: 'text' }) siteId!: string;
  @Column({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ type: 'numeric', precision: 18, scale: 6, transformer: numericAsNumber }) quantity!: number;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'text' }) status!: OrderStatus;
  @Column({ name: 'on_hand', type: 'numeric', precision: 18, scale: 6, transformer: numericAsNumber }) onHand!: number;
  @Column({ name: 'on_order', type: 'numeric', precision: 18, scale: 6, transformer: numericAsNumber }) onOrder!: number;
  @Column({ type: 'numeric', precision: 18, scale: 6, transformer: numericAsNumber }) minimum!: number;
  @Column({ type: 'numeric', precision: 18, scale: 6, transformer: numericAsNumber }) maximum!: number;
  @Column({ name: 'pack_multiple', type: 'numeric', precision: 18, scale: 6, transformer: numericAsNumber }) packMultiple!: number;
  @Column({ name: 'decided_at', type: 'timestamptz' }) decidedAt!: Date;
  @Column({ name: 'expected_delivery_at', type: 'timestamptz' }) expectedDeliveryAt!: Date;
  @Column({ name: 'triggered_by_event_id', type: 'text' }) triggeredByEventId!: string;
  @Column({ name: 'received_quantity', type: 'numeric', precision: 18, scale: 6, transformer: numericAsNumber, nullable: true }) receivedQuantity!: number | null;
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true }) receivedAt!: Date | null;
  @Column({ name: 'received_by_event_id', type: 'text', nullable: true }) receivedByEventId!: string | null;
}
