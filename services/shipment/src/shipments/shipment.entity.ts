import { decimalColumn } from '@smi/persistence';
import { ShipmentStatus } from '@smi/contracts';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'shipments' })
export class ShipmentRow {
  @PrimaryColumn({ name: 'shipment_id', type: 'text' }) shipmentId!: string;
  @Column({ name: 'order_id', type: 'text' }) orderId!: string;
  @Column({ name: 'agreement_id', type: 'text' }) agreementId!: string;
  @Column({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @Column({ name: 'supplier_id', type: 'text' }) supplierId!: string;
  @Column({ name: 'site_id', type: 'text' }) siteId!: string;
  @Column({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column(decimalColumn) quantity!: number;
  @Column({ type: 'text' }) unit!: string;
  @Column({ type: 'text' }) status!: ShipmentStatus;
  @Column({ name: 'status_changed_at', type: 'timestamptz' }) statusChangedAt!: Date;
  @Column({ name: 'expected_delivery_at', type: 'timestamptz' }) expectedDeliveryAt!: Date;
  @Column({ name: 'received_quantity', ...decimalColumn, nullable: true }) receivedQuantity!: number | null;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
