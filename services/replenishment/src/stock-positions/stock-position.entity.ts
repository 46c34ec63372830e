import { numericAsNumber, decimalColumn } from '@smi/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'stock_position' })
export class StockPositionRow {
  @PrimaryColumn({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'text' }) siteId!: string;
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ type: 'text' }) unit!: string;
  @Column({ name: 'on_hand', ...decimalColumn }) onHand!: number;
  @Column({ type: 'bigint', transformer: numericAsNumber }) sequence!: number;
  @Column({ name: 'as_of', type: 'timestamptz' }) asOf!: Date;
  @Column({ name: 'last_level_event_id', type: 'text' }) lastLevelEventId!: string;
  @Column({
    name: 'last_review_at',
    type: 'timestamptz',
    nullable: true,
    transformer: { to: (v?: Date) => v ?? null, from: (v: Date | null) => v ?? undefined },
  })
  lastReviewAt?: Date;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
