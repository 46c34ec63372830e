import { numericAsNumber, decimalColumn } from '@smi/persistence';
import { Column, Entity, PrimaryColumn } from 'typeorm';

@Entity({ name: 'on_hand' })
export class OnHandRow {
  @PrimaryColumn({ name: 'buyer_id', type: 'text' }) buyerId!: string;
  @PrimaryColumn({ name: 'site_id', type: 'text' }) siteId!: string;
  @PrimaryColumn({ name: 'item_id', type: 'text' }) itemId!: string;
  @Column({ type: 'text' }) unit!: string;
  @Column(decimalColumn) quantity!: number;
  @Column({ type: 'bigint', transformer: numericAsNumber }) sequence!: number;
  @Column({ name: 'last_count_at', type: 'timestamptz', nullable: true }) lastCountAt!: Date | null;
  @Column({ name: 'as_of', type: 'timestamptz' }) asOf!: Date;
  @Column({ name: 'last_movement_id', type: 'text' }) lastMovementId!: string;
  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' }) updatedAt!: Date;
}
