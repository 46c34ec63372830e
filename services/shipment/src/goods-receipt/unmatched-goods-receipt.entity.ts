import { decimalColumn } from '@smi/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A goods receipt naming an order no shipment exists for yet. */
@Entity({ name: 'unmatched_goods_receipts' })
export class UnmatchedGoodsReceiptRow {
  @PrimaryColumn({ name: 'order_id', type: 'text' }) orderId!: string;
  @Column({ name: 'stock_level_event_id', type: 'text' }) stockLevelEventId!: string;
  @Column({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @Column({ name: 'site_id', type: 'text' }) siteId!: string;
  @Column({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ type: 'text' }) unit!: string;
  @Column(decimalColumn) quantity!: number;
  @Column({ name: 'received_at', type: 'timestamptz' }) receivedAt!: Date;
  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' }) recordedAt!: Date;
}
